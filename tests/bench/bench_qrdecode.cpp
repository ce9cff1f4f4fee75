// QR decoding of a real 1600x1200 camera frame: Twofold (ZXing-C++) against zbar, in one run.
#include "qr/qrdecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <string>
#include <zbar.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int frameWidth = 1600;
constexpr int frameHeight = 1200;
const char expectedPayload[] = "otpauth://totp/neo4j:Charlotte?secret=B33WS2ALPT34K4BNY24AYROE4M&"
                               "issuer=neo4j&algorithm=SHA1&digits=6&period=30";

// Filled once in main, before any benchmark runs.
QByteArray g_frame;

const uchar *frameData()
{
    return reinterpret_cast<const uchar *>(g_frame.constData());
}

void BM_Twofold_ZXing(benchmark::State &state)
{
    const QStringList expected { QString::fromUtf8(expectedPayload) };
    for (auto _ : state) {
        const QStringList found
            = twofold::QrDecoder::decodeLuma(frameData(), frameWidth, frameHeight, frameWidth);
        if (found != expected) {
            state.SkipWithError("QrDecoder did not decode the camera frame to the expected URI");
            break;
        }
    }
}
BENCHMARK(BM_Twofold_ZXing)->Unit(benchmark::kMillisecond);

void BM_Zbar(benchmark::State &state)
{
    zbar::zbar_image_scanner_t *scanner = zbar::zbar_image_scanner_create();
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);

    for (auto _ : state) {
        zbar::zbar_image_t *image = zbar::zbar_image_create();
        zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
        zbar::zbar_image_set_size(image, frameWidth, frameHeight);
        // zbar only reads the plane; no cleanup handler, since the bytes belong to g_frame.
        zbar::zbar_image_set_data(image, frameData(), size_t(g_frame.size()), nullptr);
        const int count = zbar::zbar_scan_image(scanner, image);
        bool ok = false;
        for (const zbar::zbar_symbol_t *symbol = zbar::zbar_image_first_symbol(image);
             count > 0 && symbol; symbol = zbar::zbar_symbol_next(symbol)) {
            if (std::string(zbar::zbar_symbol_get_data(symbol)) == expectedPayload)
                ok = true;
        }
        zbar::zbar_image_destroy(image);
        if (!ok) {
            state.SkipWithError("zbar did not decode the camera frame to the expected URI");
            break;
        }
    }
    zbar::zbar_image_scanner_destroy(scanner);
}
BENCHMARK(BM_Zbar)->Unit(benchmark::kMillisecond);

// Prints as usual and keeps each benchmark's mean real time per iteration, for the ratio.
class TimingReporter final : public benchmark::ConsoleReporter
{
public:
    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &run : runs) {
            if (run.run_type != Run::RT_Iteration || run.error_occurred)
                continue;
            Mean &mean = m_times[run.run_name.function_name];
            mean.sum += run.GetAdjustedRealTime();
            ++mean.count;
        }
        ConsoleReporter::ReportRuns(runs);
    }

    // Milliseconds (both benchmarks report in ms), or a negative value when it did not run.
    double meanMs(const std::string &name) const
    {
        const auto it = m_times.find(name);
        return it == m_times.end() || it->second.count == 0 ? -1
                                                            : it->second.sum / it->second.count;
    }

private:
    struct Mean
    {
        double sum = 0;
        int count = 0;
    };
    std::map<std::string, Mean> m_times;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // for QProcess
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;

    const QString file = QStringLiteral(TWOFOLD_VECTORS_DIR) + u"/camera/qr.y.gz"_s;
    if (!QFile::exists(file)) {
        std::printf("The camera frame %s is missing; put the vectors in ../shared/vectors. "
                    "Nothing to measure.\n",
                    qPrintable(file));
        return 0;
    }
    // gzip is an essential Debian package; qUncompress reads zlib streams, not gzip files.
    QProcess gzip;
    gzip.start(u"gzip"_s, { u"-dc"_s, file });
    if (!gzip.waitForFinished(60000) || gzip.exitStatus() != QProcess::NormalExit
        || gzip.exitCode() != 0) {
        std::fprintf(stderr, "Could not decompress %s with gzip.\n", qPrintable(file));
        return 1;
    }
    g_frame = gzip.readAllStandardOutput();
    if (g_frame.size() != qsizetype(frameWidth) * frameHeight) {
        std::fprintf(stderr, "%s holds %lld bytes, not a %dx%d luma plane.\n", qPrintable(file),
                     static_cast<long long>(g_frame.size()), frameWidth, frameHeight);
        return 1;
    }

    TimingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    const double twofoldMs = reporter.meanMs("BM_Twofold_ZXing");
    const double zbarMs = reporter.meanMs("BM_Zbar");
    if (twofoldMs > 0 && zbarMs > 0)
        std::printf("twofold (ZXing) %.2f ms, zbar %.2f ms: zbar / twofold time = %.2f "
                    "(target: > 1)\n",
                    twofoldMs, zbarMs, zbarMs / twofoldMs);
    else
        std::printf("zbar / twofold time: not available (a benchmark was filtered out or "
                    "failed)\n");
    return 0;
}
