// Writes a vault with N demo accounts whose master key is in the OS keychain, so that
// `twofold` opens it unlocked at start, as a user's desktop would; also writes the same accounts
// as otpauth URIs for the peer app to import. Prints the vault's keychain entry, which
// bench_qtfloor reads. For bench_authenticator.sh.
//   make_bench_vault PATH COUNT URI_LIST
#include "crypto/random.h"
#include "otp/otpauthuri.h"
#include "vault/keychain.h"
#include "vault/vault.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace twofold;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const int count = args.value(2).toInt(&ok);
    if (args.size() != 4 || !ok || count < 0) {
        err << "usage: make_bench_vault PATH COUNT URI_LIST" << Qt::endl;
        return 2;
    }
    Result<vault::Vault> created = vault::Vault::create(args[1]);
    if (!created) {
        err << created.error().message << Qt::endl;
        return 1;
    }
    vault::Vault &v = *created;
    static const char16_t *issuers[]
        = { u"Deno", u"SPDX",   u"Airbnb",     u"Issuu",  u"Air Canada",
            u"WWE",  u"Boeing", u"Battle.net", u"GitHub", u"Mastodon" };
    QList<vault::Account> accounts;
    for (int i = 0; i < count; ++i) {
        vault::Account account;
        account.otp.issuer = QString::fromUtf16(issuers[i % std::size(issuers)]);
        account.otp.account = u"user%1@example.com"_s.arg(i);
        account.otp.secret = *randomBytes(20);
        accounts.append(account);
    }
    const auto fail = [&err](const Error &e) {
        err << e.message << Qt::endl;
        return 1;
    };
    if (const auto added = v.addAccounts(accounts); !added)
        return fail(added.error());
    if (const auto slot = v.addKeychainSlot(); !slot)
        return fail(slot.error());
    if (const auto stored = vault::Keychain::writeKeyBlocking(v.keychainEntry(), v.masterKey());
        !stored)
        return fail(stored.error());
    if (const auto saved = v.save(); !saved)
        return fail(saved.error());

    QSaveFile list(args[3]);
    if (!list.open(QIODevice::WriteOnly))
        return fail(Error { ErrorCode::Io, list.errorString() });
    for (const vault::Account &account : accounts)
        list.write(OtpAuthUri::serialise(account.otp).toUtf8() + '\n');
    if (!list.commit())
        return fail(Error { ErrorCode::Io, list.errorString() });
    QTextStream(stdout) << v.keychainEntry() << Qt::endl;
    return 0;
}
