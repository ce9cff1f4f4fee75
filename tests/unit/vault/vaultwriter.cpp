// For tst_vault's kill test: opens a vault and saves it in a tight loop until killed, stamping
// every account with the save's number and printing "saved N" once each save has returned.
// A second thread prints "tick" lines all along, so that the test can kill at varying points
// of a save rather than always just after a "saved" line.
//   vaultwriter VAULT PASSWORD

#include "vault/vault.h"

#include <QCoreApplication>

#include <atomic>
#include <cstdio>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::vault;

namespace {

// write(2) of a short line is atomic on a pipe, so the two threads' lines never interleave.
void printLine(const QByteArray &line)
{
    [[maybe_unused]] const ssize_t written
        = ::write(STDOUT_FILENO, line.constData(), static_cast<size_t>(line.size()));
}

int fail(const Error &error)
{
    std::fprintf(stderr, "vaultwriter: %s\n", qPrintable(error.message));
    return 1;
}

int saveForever(Vault &vault)
{
    // Bounded, so that a test that dies before killing it does not leave it running for ever.
    for (int round = 0; round < 100000; ++round) {
        const QList<Account> accounts = vault.accounts();
        if (accounts.isEmpty())
            return fail(Error { ErrorCode::InvalidArgument, u"the vault has no accounts"_s });
        const int stamp = accounts.constFirst().useCount + 1;
        for (Account account : accounts) {
            account.useCount = stamp;
            account.group = u"save %1"_s.arg(stamp);
            if (Result<void> updated = vault.updateAccount(account); !updated)
                return fail(updated.error());
        }
        if (Result<void> saved = vault.save(); !saved)
            return fail(saved.error());
        printLine("saved "_ba + QByteArray::number(stamp) + "\n"_ba);
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: vaultwriter VAULT PASSWORD\n");
        return 2;
    }
    Result<Vault> opened = Vault::open(arguments.at(1));
    if (!opened)
        return fail(opened.error());
    Vault vault = std::move(*opened);
    if (Result<void> unlocked = vault.unlockWithPassword(arguments.at(2)); !unlocked)
        return fail(unlocked.error());

    std::atomic<bool> done = false;
    std::thread ticker([&done] {
        while (!done)
            printLine("tick\n"_ba);
    });
    const int status = saveForever(vault);
    done = true;
    ticker.join();
    return status;
}
