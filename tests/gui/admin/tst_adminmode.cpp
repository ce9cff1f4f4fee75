// Admin mode against a real twofold-server process on loopback, driven through its widgets as a
// helpdesk person would: sign in (certificate pinned on first use), create and enroll a user,
// change the policy and see it in duo_client's preauth, import and activate a hardware token,
// follow a fraud report to the block and unblock, import users from CSV and page through them.

#include "admin/adminwindow.h"
#include "admin/applicationspage.h"
#include "admin/auditpage.h"
#include "admin/connectdialog.h"
#include "admin/enrollmentwizard.h"
#include "admin/fraudpage.h"
#include "admin/localserver.h"
#include "admin/outboxpage.h"
#include "admin/policypage.h"
#include "admin/qrcodeview.h"
#include "admin/serverbook.h"
#include "admin/testverificationdialog.h"
#include "admin/tokenimportdialog.h"
#include "admin/tokenspage.h"
#include "admin/userdialog.h"
#include "admin/userimportdialog.h"
#include "admin/userspage.h"
#include "client/activationlink.h"
#include "client/adminclient.h"
#include "clock.h"
#include "duoscript.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "serverprocess.h"
#include "tools.h"
#include "vectors.h"

#include <QAbstractButton>
#include <QApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::ui;
using twofold::test::DuoScript;
using twofold::test::ServerData;
using twofold::test::ServerProcess;

namespace {

constexpr int timeoutMs = 30'000; // a bound for a hung server, never a wait for time to pass

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(TWOFOLD_SCREENSHOT_DIR));
    return QDir(QStringLiteral(TWOFOLD_SCREENSHOT_DIR)).filePath(u"admin-"_s + name + u".png"_s);
}

QString totpNow(const QString &otpauthUri)
{
    auto params = OtpAuthUri::parse(otpauthUri);
    if (!params)
        return {};
    auto code = OtpGenerator(*params).codeAt(SystemClock().currentSecsSinceEpoch());
    return code ? *code : QString();
}

// Presses the button whose text contains `text` in the next message box that opens (the boxes
// of admin mode are modal, so a test answers them from the event loop).
void answerNextMessageBox(const QString &text)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        for (QAbstractButton *button : box->buttons()) {
            if (button->text().remove(u'&').contains(text, Qt::CaseInsensitive)) {
                timer->deleteLater();
                timer->stop();
                button->click();
                return;
            }
        }
    });
    timer->start();
}

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

} // namespace

class tst_AdminMode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signInTrustsTheCertificateOnFirstUse();
    void aChangedCertificateIsRefused();
    void createUser();
    void enrollAppCodeAndVerifyIt();
    void enrollPushShowsAnActivationCode();
    void policyChangeShowsInPreauth();
    void importTokensAssignAndActivate();
    void encryptedPskcPreviewTakesItsSecret_data();
    void encryptedPskcPreviewTakesItsSecret();
    void fraudReportBlocksAndUnblock();
    void importUsersAndPageThrough();
    void auditLogVerifiesAndExports();
    void applicationSecretIsShownOnce();
    void removeAMethod();
    void auditorSeesNoChanges();
    void cleanupTestCase();

private:
    bool signIn(ConnectDialog &dialog, const QString &username, const QString &password,
                const QString &otpauth);
    QJsonObject userJson(const QString &username);
    // Selects the user on the users page and opens the enrollment wizard, once it knows what
    // the policy offers; nullptr when it did not open.
    EnrollmentWizard *openWizard(const QString &username);
    QString serverUrl() const { return u"https://127.0.0.1:%1"_s.arg(m_server->port()); }

    ServerData m_data;
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_home;
    std::unique_ptr<ServerBook> m_book;
    std::unique_ptr<LocalServer> m_unusedLocal;
    client::AdminClient m_client;
    SystemClock m_clock;
    std::unique_ptr<AdminWindow> m_window;
    std::unique_ptr<DuoScript> m_duo;
};

void tst_AdminMode::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
    m_book = std::make_unique<ServerBook>(m_home.filePath(u"admin.ini"_s));
    m_unusedLocal = std::make_unique<LocalServer>(m_home.filePath(u"local"_s));
    const auto app = m_data.addApplication(u"VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    m_duo = std::make_unique<DuoScript>(app->ikey, app->skey, m_server->port(),
                                        m_data.certificatePath());
    QVERIFY(m_duo->start());
}

bool tst_AdminMode::signIn(ConnectDialog &dialog, const QString &username, const QString &password,
                           const QString &otpauth)
{
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.fill(serverUrl(), username, password, totpNow(otpauth));
    dialog.signIn();
    return accepted.wait(timeoutMs) || accepted.count() == 1;
}

void tst_AdminMode::signInTrustsTheCertificateOnFirstUse()
{
    ConnectDialog dialog(m_client, *m_book, *m_unusedLocal, m_clock);
    dialog.show();
    QVERIFY(m_book->fingerprint(serverUrl()).isEmpty());
    // First use: the fingerprint is shown, and trusted by the person.
    answerNextMessageBox(u"Trust"_s);
    QVERIFY2(signIn(dialog, m_data.adminUsername(), m_data.adminPassword(), m_data.adminOtpauth()),
             qPrintable(dialog.status()));
    QCOMPARE(QString::fromLatin1(m_book->fingerprint(serverUrl())), m_data.fingerprint());
    QCOMPARE(m_book->entries().first().username, m_data.adminUsername());
    QVERIFY(m_client.isSignedIn());
    QCOMPARE(m_client.role(), u"admin"_s);

    client::AdminReply *who = m_client.get(u"session"_s);
    QSignalSpy done(who, &client::AdminReply::finished);
    QVERIFY(done.wait(timeoutMs));
    QVERIFY2(who->isOk(), who->error() ? qPrintable(who->error()->message) : "");
    m_window = std::make_unique<AdminWindow>(m_client, who->json(), m_clock);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->session().role(), u"admin"_s);
}

void tst_AdminMode::aChangedCertificateIsRefused()
{
    // The pin says another certificate: the sign-in stops with a warning, and nothing is sent.
    ServerBook book(m_home.filePath(u"changed.ini"_s));
    book.pin(serverUrl(), QByteArray(64, 'a'));
    client::AdminClient client;
    ConnectDialog dialog(client, book, *m_unusedLocal, m_clock);
    dialog.show();
    answerNextMessageBox(u"Cancel"_s);
    dialog.fill(serverUrl(), m_data.adminUsername(), m_data.adminPassword(),
                totpNow(m_data.adminOtpauth()));
    dialog.signIn();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.status().contains(u"changed"_s), timeoutMs);
    QVERIFY(dialog.status().contains(u"do not sign in"_s));
    QVERIFY(!client.isSignedIn());
    QCOMPARE(book.fingerprint(serverUrl()), QByteArray(64, 'a')); // not replaced
}

EnrollmentWizard *tst_AdminMode::openWizard(const QString &username)
{
    UsersPage *users = m_window->usersPage();
    users->selectUser(username);
    if (!QTest::qWaitFor(
            [&] { return users->currentUser().value(u"username"_s).toString() == username; },
            timeoutMs))
        return nullptr;
    users->enroll();
    auto *wizard = users->findChild<EnrollmentWizard *>();
    if (!wizard || !QTest::qWaitFor([wizard] { return wizard->isReady(); }, timeoutMs))
        return nullptr;
    return wizard;
}

QJsonObject tst_AdminMode::userJson(const QString &username)
{
    client::AdminReply *reply = m_client.get(u"users/"_s + client::AdminClient::argument(username));
    QSignalSpy done(reply, &client::AdminReply::finished);
    if (!done.wait(timeoutMs) || !reply->isOk())
        return {};
    return reply->json();
}

void tst_AdminMode::createUser()
{
    QVERIFY(m_window);
    UsersPage *users = m_window->usersPage();
    QTRY_VERIFY_WITH_TIMEOUT(!users->model()->isLoading(), timeoutMs);
    QCOMPARE(users->model()->rowCount(), 0);
    users->newUser();
    auto *dialog = users->findChild<UserDialog *>();
    QVERIFY(dialog);
    dialog->setField(u"username"_s, u"alice"_s);
    dialog->setField(u"email"_s, u"alice@example.org"_s);
    dialog->setField(u"phone"_s, u"+31612345678"_s);
    dialog->setField(u"group"_s, u"staff"_s);
    QSignalSpy accepted(dialog, &QDialog::accepted);
    dialog->submit();
    QVERIFY(accepted.wait(timeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(users->currentUser().value(u"username"_s).toString(), u"alice"_s,
                              timeoutMs);
    QCOMPARE(users->model()->total(), 1);
    // On the server too, with what was typed.
    const QJsonObject alice = userJson(u"alice"_s);
    QCOMPARE(alice.value(u"email"_s).toString(), u"alice@example.org"_s);
    QCOMPARE(alice.value(u"group"_s).toString(), u"staff"_s);
}

void tst_AdminMode::enrollAppCodeAndVerifyIt()
{
    UsersPage *users = m_window->usersPage();
    EnrollmentWizard *wizard = openWizard(u"alice"_s);
    QVERIFY(wizard);
    QVERIFY(wizard->offers(u"app_code"_s));
    wizard->begin(u"app_code"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->qrCode()->isEmpty(), timeoutMs);
    QVERIFY(wizard->qrCode()->text().startsWith(u"otpauth://totp/"_s));
    wizard->grab().save(screenshotPath(u"enroll-app-code"_s));

    // A wrong first code is refused and says what to do; the right one, from core, activates.
    const QString code = totpNow(wizard->qrCode()->text());
    QVERIFY(!code.isEmpty());
    QString wrong = code;
    wrong.back() = QChar(u'0' + (wrong.back().digitValue() + 5) % 10);
    wizard->verifyFirstCode(wrong);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->status().contains(u"not right"_s), timeoutMs);
    wizard->verifyFirstCode(code);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->status().startsWith(u"Verified"_s), timeoutMs);

    // Saved as PNG and PDF for the user, readable only by its owner; zbarimg reads the PNG.
    REQUIRE_TOOL(zbarimg, "zbarimg");
    const QString png = m_data.scratch() + u"/alice-app-code.png"_s;
    const QString pdf = m_data.scratch() + u"/alice-app-code.pdf"_s;
    QVERIFY(wizard->saveCodeTo(png));
    QVERIFY(wizard->saveCodeTo(pdf));
    for (const QString &path : { png, pdf })
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    const auto decoded = runProgram(zbarimg, { u"-q"_s, u"--raw"_s, png });
    QCOMPARE(decoded.out.trimmed(), wizard->qrCode()->text());
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    wizard->close();

    const QJsonArray methods = userJson(u"alice"_s).value(u"methods"_s).toArray();
    QCOMPARE(methods.size(), 3); // the app code, and SMS and voice for the phone number
    QCOMPARE(methods.first()[u"method"_s].toString(), u"app_code"_s);
    QCOMPARE(methods.first()[u"state"_s].toString(), u"active"_s);
    QTRY_VERIFY_WITH_TIMEOUT(users->detailsText().contains(u"Authenticator app · active"_s),
                             timeoutMs);
}

void tst_AdminMode::enrollPushShowsAnActivationCode()
{
    EnrollmentWizard *wizard = openWizard(u"alice"_s);
    QVERIFY(wizard);
    wizard->begin(u"push"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!wizard->activationCode()->isEmpty(), timeoutMs);
    // The link pins the certificate init made, and the countdown shows its 10 minutes.
    const auto link = client::ActivationLink::parse(wizard->activationCode()->text());
    QVERIFY2(link, qPrintable(wizard->activationCode()->text()));
    QCOMPARE(QString::fromLatin1(link->fingerprint), m_data.fingerprint());
    QVERIFY2(wizard->status().startsWith(u"Expires in 9:"_s)
                 || wizard->status() == u"Expires in 10:00"_s,
             qPrintable(wizard->status()));
    wizard->grab().save(screenshotPath(u"enroll-push"_s));
    wizard->close();
}

void tst_AdminMode::policyChangeShowsInPreauth()
{
    const auto capabilities = [this] {
        const QJsonObject answer = m_duo->call(u"preauth"_s, { { u"username"_s, u"alice"_s } });
        QStringList found;
        for (const QJsonValue &device : response(answer).value(u"devices"_s).toArray())
            for (const QJsonValue &capability : device[u"capabilities"_s].toArray())
                found << capability.toString();
        found.sort();
        return found;
    };
    QVERIFY(capabilities().contains(u"sms"_s));

    PolicyPage *policy = m_window->policyPage();
    m_window->tabs()->setCurrentWidget(policy);
    QSignalSpy saved(policy, &PolicyPage::saved);
    QTRY_VERIFY_WITH_TIMEOUT(policy->isLoaded(), timeoutMs);
    policy->setMethodAllowed(u"sms"_s, false);
    policy->setMethodAllowed(u"voice"_s, false);
    policy->save();
    QVERIFY(saved.wait(timeoutMs));
    policy->grab().save(screenshotPath(u"policy"_s));
    QCOMPARE(capabilities(), QStringList { u"mobile_otp"_s });

    policy->setMethodAllowed(u"sms"_s, true);
    policy->setMethodAllowed(u"voice"_s, true);
    policy->save();
    QVERIFY(saved.wait(timeoutMs));
    QVERIFY(capabilities().contains(u"sms"_s));
}

void tst_AdminMode::importTokensAssignAndActivate()
{
    REQUIRE_VECTORS(vectors);
    REQUIRE_TOOL(oathtool, "oathtool");
    TokensPage *tokens = m_window->tokensPage();
    m_window->tabs()->setCurrentWidget(tokens);

    // The Azure example row as the vectors README gives it: its secret is not Base32, so the
    // preview names the line and nothing can be imported.
    const QString azure = m_data.scratch() + u"/azure.csv"_s;
    {
        QFile file(azure);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("upn,serial number,secret key,time interval,manufacturer,model\n"
                   "Helga@contoso.com,1234567,1234567abcdef1234567abcdef,60,Contoso,HardwareKey\n");
    }
    tokens->importFile(azure);
    auto *preview = tokens->findChild<TokenImportDialog *>();
    QVERIFY(preview);
    QTRY_VERIFY_WITH_TIMEOUT(preview->status().contains(u"line 2"_s, Qt::CaseInsensitive),
                             timeoutMs);
    QVERIFY(!preview->importButton()->isEnabled());
    preview->grab().save(screenshotPath(u"token-import-error"_s));
    preview->close();
    preview->deleteLater();
    QTRY_VERIFY(!tokens->findChild<TokenImportDialog *>());

    // RFC 6030 figure 3: one HOTP token, serial 987654321, imported after its preview.
    tokens->importFile(vectors + u"/pskc/rfc6030/figure3.pskcxml"_s);
    preview = tokens->findChild<TokenImportDialog *>();
    QVERIFY(preview);
    QTRY_COMPARE_WITH_TIMEOUT(preview->tokenCount(), 1, timeoutMs);
    QTRY_VERIFY(preview->importButton()->isEnabled());
    QSignalSpy changed(tokens, &TokensPage::changed);
    preview->importButton()->click();
    QVERIFY(changed.wait(timeoutMs));

    // Assigned and activated through the enrollment wizard, with the code oathtool computes.
    const QString code = runProgram(oathtool,
                                    { u"--hotp"_s, u"-d"_s, u"8"_s, u"-c"_s, u"0"_s,
                                      u"3132333435363738393031323334353637383930"_s })
                             .out.trimmed();
    QCOMPARE(code.size(), 8);
    UsersPage *users = m_window->usersPage();
    m_window->tabs()->setCurrentWidget(users);
    QTRY_VERIFY_WITH_TIMEOUT(!users->model()->isLoading(), timeoutMs);
    EnrollmentWizard *wizard = openWizard(u"alice"_s);
    QVERIFY(wizard);
    wizard->begin(u"oath_token"_s);
    wizard->activateToken(u"987654321"_s, code);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->status().contains(u"assigned and active"_s), timeoutMs);
    wizard->grab().save(screenshotPath(u"enroll-token"_s));
    wizard->close();

    bool found = false;
    for (const QJsonValue &method : userJson(u"alice"_s).value(u"methods"_s).toArray()) {
        if (method[u"method"_s].toString() == u"oath_token") {
            QCOMPARE(method[u"serial"_s].toString(), u"987654321"_s);
            QCOMPARE(method[u"state"_s].toString(), u"active"_s);
            found = true;
        }
    }
    QVERIFY(found);
}

void tst_AdminMode::encryptedPskcPreviewTakesItsSecret_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("isKey");
    QTest::newRow("figure 6, AES-128-CBC under a pre-shared key")
        << u"figure6.pskcxml"_s << u"12345678901234567890123456789012"_s << true;
    QTest::newRow("figure 7, PBKDF2 from a password")
        << u"figure7.pskcxml"_s << u"qwerty"_s << false;
}

void tst_AdminMode::encryptedPskcPreviewTakesItsSecret()
{
    // The secret travels in a header; a preview that finds the token proves it arrived.
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(QString, secret);
    QFETCH(bool, isKey);
    TokensPage *tokens = m_window->tokensPage();
    for (TokenImportDialog *earlier : tokens->findChildren<TokenImportDialog *>())
        earlier->close();
    QTRY_VERIFY(!tokens->findChild<TokenImportDialog *>());
    tokens->importFile(vectors + u"/pskc/rfc6030/"_s + file, secret,
                       isKey ? TokensPage::SecretKind::KeyHex : TokensPage::SecretKind::Password);
    auto *preview = tokens->findChild<TokenImportDialog *>();
    QVERIFY(preview);
    QTRY_COMPARE_WITH_TIMEOUT(preview->tokenCount(), 1, timeoutMs);
    QVERIFY2(preview->status().contains(u"1 token"_s), qPrintable(preview->status()));
    preview->close();
}

void tst_AdminMode::fraudReportBlocksAndUnblock()
{
    // A test call to alice, answered on the outbox keypad with the fraud code: the alert shows
    // up in the live list without a refresh, and alice is blocked.
    FraudPage *fraud = m_window->fraudPage();
    QSignalSpy arrived(fraud, &FraudPage::alertArrived);
    UsersPage *users = m_window->usersPage();
    users->selectUser(u"alice"_s);
    QTRY_COMPARE(users->currentUser().value(u"username"_s).toString(), u"alice"_s);
    users->testVerification();
    auto *test = users->findChild<TestVerificationDialog *>();
    QVERIFY(test);
    test->start(u"phone"_s);
    QTRY_VERIFY_WITH_TIMEOUT(test->log().contains(u"waiting"_s), timeoutMs);

    OutboxPage *outbox = m_window->outboxPage();
    m_window->tabs()->setCurrentWidget(outbox);
    QJsonArray messages;
    QTRY_VERIFY_WITH_TIMEOUT(!(messages = m_data.outbox()).isEmpty(), timeoutMs);
    const QString callId = messages.last()[u"id"_s].toString();
    QVERIFY(!callId.isEmpty());
    outbox->answerCall(callId, u"0#"_s);
    QTRY_VERIFY_WITH_TIMEOUT(arrived.count() > 0, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(test->result() == u"deny"_s, timeoutMs);
    test->grab().save(screenshotPath(u"test-verification"_s));
    test->close();
    QCOMPARE(userJson(u"alice"_s).value(u"status"_s).toString(), u"blocked"_s);

    m_window->tabs()->setCurrentWidget(fraud);
    QTRY_VERIFY_WITH_TIMEOUT(fraud->table()->model()->rowCount() > 0, timeoutMs);
    m_window->grab().save(screenshotPath(u"fraud-alerts"_s));
    fraud->unblock(u"alice"_s);
    QTRY_COMPARE_WITH_TIMEOUT(userJson(u"alice"_s).value(u"status"_s).toString(), u"active"_s,
                              timeoutMs);
}

void tst_AdminMode::importUsersAndPageThrough()
{
    UsersPage *users = m_window->usersPage();
    m_window->tabs()->setCurrentWidget(users);
    // A bad file: every bad line is named, and nothing is imported.
    const QString bad = m_data.scratch() + u"/bad-users.csv"_s;
    {
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("username,email,phone,group\nbob,bob@example.org,,\n,no-name@example.org,,\n"
                   "carol,carol@example.org,not a phone,\n");
    }
    users->importUsers(bad);
    auto *dialog = users->findChild<UserImportDialog *>();
    QVERIFY(dialog);
    QSignalSpy previewed(dialog, &UserImportDialog::previewed);
    QVERIFY(previewed.wait(timeoutMs));
    QVERIFY2(dialog->problems().contains(u"3"_s) && dialog->problems().contains(u"4"_s),
             qPrintable(dialog->problems()));
    QVERIFY(!dialog->importButton()->isEnabled());
    dialog->grab().save(screenshotPath(u"user-import-errors"_s));
    dialog->close();
    dialog->deleteLater();
    QTRY_VERIFY(!users->findChild<UserImportDialog *>());

    // 450 good rows: imported at once, then fetched a page at a time as the table scrolls.
    const QString good = m_data.scratch() + u"/users.csv"_s;
    {
        QFile file(good);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("username,email,phone,group\n");
        for (int i = 0; i < 450; ++i)
            file.write(
                u"user%1,user%1@example.org,,sales\n"_s.arg(i, 3, 10, QLatin1Char('0')).toUtf8());
    }
    users->importUsers(good);
    dialog = users->findChild<UserImportDialog *>();
    QVERIFY(dialog);
    QSignalSpy goodPreview(dialog, &UserImportDialog::previewed);
    QVERIFY(goodPreview.wait(timeoutMs));
    QCOMPARE(dialog->previewRows(), 450);
    QVERIFY(dialog->importButton()->isEnabled());
    QSignalSpy accepted(dialog, &QDialog::accepted);
    dialog->importButton()->click();
    QVERIFY(accepted.wait(timeoutMs));

    users->model()->setPageSize(100);
    users->model()->reload();
    QTRY_COMPARE_WITH_TIMEOUT(users->model()->total(), 451, timeoutMs);
    QCOMPARE(users->model()->rowCount(), 100); // only the first page
    while (users->model()->rowCount() < 451) {
        const int before = users->model()->rowCount();
        users->table()->scrollToBottom(); // the view asks the model for more
        users->model()->fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(
            users->model()->rowCount() > before || !users->model()->isLoading(), timeoutMs);
        QVERIFY(users->model()->rowCount() > before);
    }
    QVERIFY(!users->model()->canFetchMore({}));
    QCOMPARE(users->model()->rowObject(0).value(u"username"_s).toString(), u"alice"_s);
    QCOMPARE(users->model()->rowObject(450).value(u"username"_s).toString(), u"user449"_s);

    // The search asks the server: a prefix finds its ten users.
    users->searchField()->setText(u"user04"_s);
    QTRY_COMPARE_WITH_TIMEOUT(users->model()->total(), 10, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(users->model()->rowCount(), 10, timeoutMs);
    users->searchField()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(users->model()->total(), 451, timeoutMs);
    users->selectUser(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(users->detailsText().contains(u"Hardware token"_s), timeoutMs);
    m_window->grab().save(screenshotPath(u"users"_s));
}

void tst_AdminMode::auditLogVerifiesAndExports()
{
    AuditPage *audit = m_window->auditPage();
    m_window->tabs()->setCurrentWidget(audit);
    audit->verifyChain();
    QTRY_VERIFY_WITH_TIMEOUT(audit->status().contains(u"intact"_s), timeoutMs);
    // The export holds what this session did, filtered to alice.
    audit->setFilters(u"alice"_s, {}, {});
    const QString path = m_data.scratch() + u"/audit.csv"_s;
    QSignalSpy exported(audit, &AuditPage::exported);
    audit->exportCsv(path);
    QVERIFY2(exported.wait(timeoutMs), qPrintable(audit->status()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY2(csv.contains("user.create") && csv.contains("token.assign")
                 && csv.contains("user.unblock"),
             csv.left(2000).constData());
    QVERIFY(!csv.contains("user000")); // the filter applies to the export
}

void tst_AdminMode::applicationSecretIsShownOnce()
{
    ApplicationsPage *apps = m_window->applicationsPage();
    m_window->tabs()->setCurrentWidget(apps);
    QSignalSpy created(apps, &ApplicationsPage::created);
    apps->createApplication(u"Wiki"_s);
    QVERIFY(created.wait(timeoutMs));
    const QJsonObject keys = created.first().first().toJsonObject();
    const QString skey = keys.value(u"skey"_s).toString();
    QVERIFY(skey.size() >= 40);
    QTRY_VERIFY_WITH_TIMEOUT(apps->table()->model()->rowCount() >= 2, timeoutMs);
    // Listed by name and integration key, never with its secret again.
    bool listed = false;
    for (int row = 0; row < apps->table()->model()->rowCount(); ++row) {
        for (int column = 0; column < apps->table()->model()->columnCount(); ++column) {
            const QString text = apps->table()->model()->index(row, column).data().toString();
            QVERIFY(!text.contains(skey));
            listed = listed || text == keys.value(u"ikey"_s).toString();
        }
    }
    QVERIFY(listed);
    client::AdminReply *list = m_client.get(u"apps"_s);
    QSignalSpy done(list, &client::AdminReply::finished);
    QVERIFY(done.wait(timeoutMs));
    QVERIFY(!list->body().contains(skey.toLatin1()));
    // A new app's keys work with the real duo_client.
    DuoScript wiki(keys.value(u"ikey"_s).toString(), skey, m_server->port(),
                   m_data.certificatePath());
    QVERIFY(wiki.start());
    QCOMPARE(wiki.call(u"check"_s).value(u"ok"_s).toBool(), true);
    if (QWidget *shown = apps->findChild<QWidget *>(u"applicationKeysDialog"_s))
        shown->close();
}

void tst_AdminMode::removeAMethod()
{
    UsersPage *users = m_window->usersPage();
    m_window->tabs()->setCurrentWidget(users);
    users->selectUser(u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(users->currentUser().contains(u"methods"_s), timeoutMs);
    QString appCode;
    for (const QJsonValue &method : users->currentUser().value(u"methods"_s).toArray())
        if (method[u"method"_s].toString() == u"app_code")
            appCode = method[u"id"_s].toString();
    QVERIFY(!appCode.isEmpty());
    users->removeMethod(appCode);
    QTRY_VERIFY_WITH_TIMEOUT(!users->detailsText().contains(u"Authenticator app"_s), timeoutMs);
    for (const QJsonValue &method : userJson(u"alice"_s).value(u"methods"_s).toArray())
        QVERIFY(method[u"method"_s].toString() != u"app_code");
}

void tst_AdminMode::auditorSeesNoChanges()
{
    QVERIFY2(m_data.runChecked({ u"admin"_s, u"add"_s, u"audrey"_s, u"--role"_s, u"auditor"_s }),
             m_data.lastRun());
    const QStringList lines = m_data.lastOutput().split(u'\n');
    QString password, otpauth;
    for (const QString &line : lines) {
        if (line.startsWith(u"password: "_s))
            password = line.mid(10).trimmed();
        if (line.startsWith(u"otpauth: "_s))
            otpauth = line.mid(9).trimmed();
    }
    client::AdminClient client;
    ConnectDialog dialog(client, *m_book, *m_unusedLocal, m_clock);
    QVERIFY2(signIn(dialog, u"audrey"_s, password, otpauth), qPrintable(dialog.status()));
    client::AdminReply *who = client.get(u"session"_s);
    QSignalSpy done(who, &client::AdminReply::finished);
    QVERIFY(done.wait(timeoutMs));
    AdminWindow window(client, who->json(), m_clock);
    window.show();
    QCOMPARE(window.session().roleTitle(), u"Auditor (read only)"_s);
    UsersPage *users = window.usersPage();
    QTRY_VERIFY_WITH_TIMEOUT(users->model()->rowCount() > 0, timeoutMs);
    users->selectUser(u"alice"_s);
    QTRY_COMPARE(users->currentUser().value(u"username"_s).toString(), u"alice"_s);
    // Every changing action is disabled, and says why.
    int disabled = 0;
    for (QPushButton *button : users->findChildren<QPushButton *>()) {
        const QString text = button->text().remove(u'&');
        if (text.startsWith(u"New user"_s) || text.startsWith(u"Delete"_s)
            || text.startsWith(u"Enroll"_s) || text.startsWith(u"Block"_s)) {
            QVERIFY2(!button->isEnabled(), qPrintable(text));
            QVERIFY(button->toolTip().contains(u"Auditor"_s));
            ++disabled;
        }
    }
    QCOMPARE(disabled, 4);
    // And the server refuses them anyway.
    client::AdminReply *refused = client.send("POST"_ba, u"users"_s, { { u"username"_s, u"x"_s } });
    QSignalSpy refusedDone(refused, &client::AdminReply::finished);
    QVERIFY(refusedDone.wait(timeoutMs));
    QCOMPARE(refused->error()->code, ErrorCode::PermissionDenied);
}

void tst_AdminMode::cleanupTestCase()
{
    m_window.reset();
    m_duo.reset();
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

QTEST_MAIN(tst_AdminMode)
#include "tst_adminmode.moc"
