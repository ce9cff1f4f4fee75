// TOTP codes per second: Twofold's OtpGenerator against liboath, same keys, same times.
// After the runs it prints twofold/liboath per algorithm; the target is at least 1.

#include "otp/otpgenerator.h"

#include <QByteArray>
#include <QString>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <liboath/oath.h>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr int digits = 6;
constexpr int period = 30;
constexpr qint64 firstTime = 1'700'000'000;

struct Algorithm
{
    const char *name;
    twofold::HashAlgorithm twofold;
    int oathFlags;
    qsizetype keyLength; // what RFC 6238 uses for the algorithm
};

constexpr Algorithm algorithms[] = {
    { "SHA1", twofold::HashAlgorithm::Sha1, 0, 20 },
    { "SHA256", twofold::HashAlgorithm::Sha256, OATH_TOTP_HMAC_SHA256, 32 },
    { "SHA512", twofold::HashAlgorithm::Sha512, OATH_TOTP_HMAC_SHA512, 64 },
};

QByteArray keyFor(const Algorithm &algorithm)
{
    QByteArray key(algorithm.keyLength, Qt::Uninitialized);
    for (qsizetype i = 0; i < key.size(); ++i)
        key[i] = static_cast<char>('1' + i % 10);
    return key;
}

twofold::OtpParameters parametersFor(const Algorithm &algorithm)
{
    twofold::OtpParameters params;
    params.type = twofold::OtpType::Totp;
    params.algorithm = algorithm.twofold;
    params.secret = keyFor(algorithm);
    params.digits = digits;
    params.period = period;
    return params;
}

// liboath's code, or an empty string (with the reason on stderr) when it fails.
std::string liboathCode(const Algorithm &algorithm, const QByteArray &key, qint64 time)
{
    char code[digits + 1] = {};
    const int rc = oath_totp_generate2(key.constData(), static_cast<size_t>(key.size()),
                                       static_cast<time_t>(time), period, 0, digits,
                                       algorithm.oathFlags, code);
    if (rc != OATH_OK) {
        std::fprintf(stderr, "liboath failed for %s: %s\n", algorithm.name, oath_strerror(rc));
        return {};
    }
    return code;
}

// Benchmarks that disagree measure nothing: check a few known times first.
bool sameCodes()
{
    for (const Algorithm &algorithm : algorithms) {
        const twofold::OtpGenerator generator(parametersFor(algorithm));
        const QByteArray key = keyFor(algorithm);
        for (const qint64 time : { qint64(0), qint64(59), qint64(1111111109), qint64(1234567890),
                                   qint64(2000000000), firstTime, qint64(20000000000) }) {
            const twofold::Result<QString> code = generator.codeAt(time);
            const std::string expected = liboathCode(algorithm, key, time);
            if (!code || expected.empty() || code->toStdString() != expected) {
                std::fprintf(stderr, "%s at t=%lld: twofold gives \"%s\", liboath \"%s\"\n",
                             algorithm.name, time,
                             code ? qPrintable(*code) : qPrintable(code.error().message),
                             expected.c_str());
                return false;
            }
        }
    }
    return true;
}

// Every iteration moves to the next time step, so nothing can be reused between codes.
void twofoldTotp(benchmark::State &state, const Algorithm &algorithm)
{
    const twofold::OtpGenerator generator(parametersFor(algorithm));
    qint64 time = firstTime;
    for (auto _ : state) {
        twofold::Result<QString> code = generator.codeAt(time);
        if (!code) {
            state.SkipWithError(qPrintable(code.error().message));
            break;
        }
        benchmark::DoNotOptimize(code);
        time += period;
    }
    state.SetItemsProcessed(state.iterations());
}

void liboathTotp(benchmark::State &state, const Algorithm &algorithm)
{
    const QByteArray key = keyFor(algorithm);
    qint64 time = firstTime;
    char code[digits + 1] = {};
    for (auto _ : state) {
        const int rc = oath_totp_generate2(key.constData(), static_cast<size_t>(key.size()),
                                           static_cast<time_t>(time), period, 0, digits,
                                           algorithm.oathFlags, code);
        if (rc != OATH_OK) {
            state.SkipWithError(oath_strerror(rc));
            break;
        }
        benchmark::DoNotOptimize(code);
        time += period;
    }
    state.SetItemsProcessed(state.iterations());
}

std::string benchmarkName(const char *library, const Algorithm &algorithm)
{
    return std::string("totp/") + library + '/' + algorithm.name;
}

// The console output as usual, plus items per second kept by name for the ratios at the end.
class RatioReporter final : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            const auto rate = run.counters.find("items_per_second");
            if (run.error_occurred || rate == run.counters.end())
                continue;
            // With --benchmark_repetitions the median stands for the runs; else the one run.
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median")
                continue;
            if (run.run_type == Run::RT_Iteration && m_fromMedian.count(run.run_name.function_name))
                continue;
            m_itemsPerSecond[run.run_name.function_name] = rate->second.value;
            if (run.run_type == Run::RT_Aggregate)
                m_fromMedian[run.run_name.function_name] = true;
        }
    }

    // Prints one line per algorithm; false when Twofold is slower for any of them.
    bool printRatios() const
    {
        bool allMet = true;
        std::cout << '\n';
        for (const Algorithm &algorithm : algorithms) {
            const auto ours = m_itemsPerSecond.find(benchmarkName("twofold", algorithm));
            const auto theirs = m_itemsPerSecond.find(benchmarkName("liboath", algorithm));
            if (ours == m_itemsPerSecond.end() || theirs == m_itemsPerSecond.end()
                || theirs->second <= 0) {
                std::cout << algorithm.name << ": not measured (filtered out or failed)\n";
                continue;
            }
            const double ratio = ours->second / theirs->second;
            allMet = allMet && ratio >= 1.0;
            char line[160];
            std::snprintf(line, sizeof line,
                          "%s: twofold/liboath = %.2fx (target: >= 1)  [%.0f vs %.0f codes/s]\n",
                          algorithm.name, ratio, ours->second, theirs->second);
            std::cout << line;
        }
        std::cout.flush();
        return allMet;
    }

private:
    std::map<std::string, double> m_itemsPerSecond;
    std::map<std::string, bool> m_fromMedian;
};

} // namespace

int main(int argc, char **argv)
{
    if (oath_init() != OATH_OK) {
        std::fprintf(stderr, "oath_init failed\n");
        return 1;
    }
    if (!sameCodes()) {
        std::fprintf(stderr, "Twofold and liboath disagree; not benchmarking.\n");
        oath_done();
        return 1;
    }
    for (const Algorithm &algorithm : algorithms) {
        benchmark::RegisterBenchmark(benchmarkName("twofold", algorithm).c_str(), twofoldTotp,
                                     algorithm);
        benchmark::RegisterBenchmark(benchmarkName("liboath", algorithm).c_str(), liboathTotp,
                                     algorithm);
    }

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.printRatios();
    benchmark::Shutdown();
    oath_done();
    return 0;
}
