// Sign-in approval on the desktop from end to end: a real twofold-server on loopback, the
// desktop's PushCenter activated with a link from `twofold-server user activate` (its key in the
// real gnome-keyring), the real duo_client as the relying application, and the approval window
// answered through its buttons.

#include "authenticator/push/approvaldialog.h"
#include "authenticator/push/pushcenter.h"
#include "clock.h"
#include "duoscript.h"
#include "serverprocess.h"
#include "vault/keychain.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::ui;
using twofold::test::DuoScript;
using twofold::test::ServerData;
using twofold::test::ServerProcess;

namespace {

constexpr int timeoutMs = 60'000; // a bound for a hang, never a wait for time to pass

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(TWOFOLD_SCREENSHOT_DIR));
    return QDir(QStringLiteral(TWOFOLD_SCREENSHOT_DIR)).filePath(name + u".png"_s);
}

// Retries after exactly delayMs, every time, so a test knows when the next attempt comes.
client::RetrySchedule fixedRetry(int delayMs)
{
    client::RetrySchedule schedule;
    schedule.initialDelayMs = schedule.maxDelayMs = delayMs;
    schedule.jitter = [] { return 1.0; };
    return schedule;
}

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

} // namespace

class tst_PushCenter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void activationStoresTheKeyAndConnects();
    void answers_data();
    void answers();
    void numberMatching_data();
    void numberMatching();
    void aRestartedDesktopReconnectsFromTheKeychain();
    void aDesktopWakingFromSleepReconnectsAtOnce();
    void aChangedServerCertificateIsRefusedAndWarnedAbout();
    void aRequestIsAnnouncedInTheTray();
    void aClockFarFromTheServersIsWarnedAbout();
    void cleanupTestCase();

private:
    ApprovalDialog *nextRequest(const QString &expectedTxid);
    int startStatus(const QString &txid)
    {
        return m_duo->send(u"auth_status"_s, { { u"txid"_s, txid } });
    }
    // Duo auth(factor=push, async) for a user; the response (txid, number).
    QJsonObject startPush(const QString &username)
    {
        return response(m_duo->call(
            u"auth"_s,
            { { u"username"_s, username }, { u"factor"_s, u"push"_s }, { u"async_txn"_s, true } }));
    }
    // A push to the user, answered in the approval window; what auth_status then says.
    QString pushAndAnswer(const QString &username, void (ApprovalDialog::*answer)())
    {
        const QString txid = startPush(username).value(u"txid"_s).toString();
        ApprovalDialog *dialog = nextRequest(txid);
        if (!dialog)
            return u"no approval window for "_s + txid;
        const int status = startStatus(txid);
        (dialog->*answer)();
        return response(m_duo->result(status)).value(u"status"_s).toString();
    }

    ServerData m_data;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<DuoScript> m_duo;
    QTemporaryDir m_home;
    SystemClock m_clock;
    std::unique_ptr<PushCenter> m_center;
};

void tst_PushCenter::initTestCase()
{
    // logind cannot run here; the test's own D-Bus stands in for the system bus, on which
    // aDesktopWakingFromSleepReconnectsAtOnce sends what logind sends around a suspend.
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "no D-Bus session: run the tests through tests/with-services.sh");
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", qgetenv("DBUS_SESSION_BUS_ADDRESS"));
    QVERIFY2(m_data.init(), m_data.lastRun());
    const auto app = m_data.addApplication(u"Staff VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    QVERIFY2(m_data.addUser(u"alice"_s), m_data.lastRun());
    QVERIFY(m_data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    // Number matching is on by default; answers() runs without it, numberMatching() with it.
    QVERIFY2(m_data.setPolicy({ { u"push_timeout_seconds"_s, 600 },
                                { u"push_limit"_s, 20 },
                                { u"number_matching"_s, false } }),
             m_data.lastRun());
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
    m_duo = std::make_unique<DuoScript>(app->ikey, app->skey, m_server->port(),
                                        m_data.certificatePath());
    QVERIFY2(m_duo->start(), "/usr/bin/python3 is missing: run installer/install-deps.sh");
}

void tst_PushCenter::activationStoresTheKeyAndConnects()
{
    QVERIFY2(m_data.runChecked({ u"user"_s, u"activate"_s, u"alice"_s, u"--url"_s,
                                 u"https://localhost:%1"_s.arg(m_server->port()) }),
             m_data.lastRun());
    const QString link = m_data.lastOutput().trimmed();
    QVERIFY(link.startsWith(u"twofold://activate?"_s));

    m_center = std::make_unique<PushCenter>(m_clock, m_home.path(), nullptr, nullptr);
    QSignalSpy activated(m_center.get(), &PushCenter::activated);
    QSignalSpy failed(m_center.get(), &PushCenter::activationFailed);
    m_center->activate(link);
    QVERIFY2(activated.wait(timeoutMs),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(m_center->deviceCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_center->device(0)->state(), client::PushDevice::State::Connected,
                              timeoutMs);
    QCOMPARE(m_center->devicesModel()->item(0, 1)->text(), u"alice"_s);
    QCOMPARE(m_center->devicesModel()->item(0, 2)->text(), u"Connected"_s);

    // The enrollment file holds no key; the private key is in the keychain, and it is the one
    // whose public half the server registered.
    QFile file(QDir(m_home.path()).filePath(u"push-devices.json"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(!saved.contains("PRIVATE KEY"));
    const QString keyEntry
        = QJsonDocument::fromJson(saved)[u"devices"_s][0][u"key_entry"_s].toString();
    const auto key = vault::Keychain::readKeyBlocking(keyEntry);
    QVERIFY2(key, key ? "" : qPrintable(key.error().message));
    QVERIFY(key->contains("PRIVATE KEY"));
    // The clock of this machine and the server's agree: no warning.
    QTRY_VERIFY_WITH_TIMEOUT(m_center->warnings().isEmpty(), timeoutMs);
}

ApprovalDialog *tst_PushCenter::nextRequest(const QString &expectedTxid)
{
    if (!QTest::qWaitFor(
            [&] {
                return m_center->approvalDialog()
                    && m_center->approvalDialog()->challenge().txid == expectedTxid;
            },
            timeoutMs))
        return nullptr;
    return m_center->approvalDialog();
}

void tst_PushCenter::answers_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("history");
    QTest::newRow("approve allows") << u"approve"_s << u"allow"_s << u"Approved"_s;
    QTest::newRow("deny denies") << u"deny"_s << u"deny"_s << u"Denied"_s;
    QTest::newRow("fraud denies and blocks") << u"fraud"_s << u"fraud"_s << u"Reported as fraud"_s;
}

void tst_PushCenter::answers()
{
    QFETCH(QString, button);
    QFETCH(QString, result);
    QFETCH(QString, history);
    const QJsonObject started = m_duo->call(u"auth"_s,
                                            { { u"username"_s, u"alice"_s },
                                              { u"factor"_s, u"push"_s },
                                              { u"ipaddr"_s, u"198.51.100.23"_s },
                                              { u"async_txn"_s, true } });
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), m_duo->describe(started));
    ApprovalDialog *dialog = nextRequest(txid);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    // The window says what is asked, by whom and from where, before anything is answered.
    const QString context = dialog->contextText();
    QVERIFY2(context.contains(u"Staff VPN"_s) && context.contains(u"alice"_s)
                 && context.contains(u"198.51.100.23"_s),
             qPrintable(context));
    QVERIFY(!dialog->numberField()->isVisible());
    if (button == u"approve")
        dialog->grab().save(screenshotPath(u"push-approval"_s));

    const int status = startStatus(txid);
    if (button == u"approve")
        dialog->approve();
    else if (button == u"deny")
        dialog->deny();
    else
        dialog->reportFraud(true);
    const QJsonObject final = m_duo->result(status);
    QVERIFY2(response(final).value(u"status"_s).toString() == result, m_duo->describe(final));
    QTRY_COMPARE_WITH_TIMEOUT(m_center->historyModel()->item(0, 5)->text(), history, timeoutMs);
    QCOMPARE(m_center->historyModel()->item(0, 1)->text(), u"Staff VPN"_s);

    if (button == u"fraud") {
        QVERIFY2(m_data.runChecked({ u"user"_s, u"show"_s, u"alice"_s }), m_data.lastRun());
        QVERIFY2(m_data.lastOutput().contains(u"blocked"_s), qPrintable(m_data.lastOutput()));
        QVERIFY2(m_data.runChecked({ u"user"_s, u"unblock"_s, u"alice"_s }), m_data.lastRun());
    }
}

void tst_PushCenter::numberMatching_data()
{
    QTest::addColumn<bool>("rightNumber");
    QTest::addColumn<QString>("result");
    QTest::newRow("the number on the sign-in screen allows") << true << u"allow"_s;
    QTest::newRow("a wrong number denies") << false << u"deny"_s;
}

void tst_PushCenter::numberMatching()
{
    QFETCH(bool, rightNumber);
    QFETCH(QString, result);
    QVERIFY2(m_data.runChecked({ u"policy"_s, u"set"_s, u"{\"number_matching\": true}"_s }),
             m_data.lastRun());
    const QJsonObject started = startPush(u"alice"_s);
    const QString txid = started.value(u"txid"_s).toString();
    const int number = started.value(u"number"_s).toString().toInt();
    QVERIFY2(number >= 10 && number <= 99, QJsonDocument(started).toJson().constData());
    ApprovalDialog *dialog = nextRequest(txid);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QVERIFY(dialog->numberField()->isVisible());
    // Approve without the number: the window asks for it and sends nothing.
    dialog->approve();
    QVERIFY(dialog->status().contains(u"number"_s));
    const int status = startStatus(txid);
    QTest::keyClicks(dialog->numberField(),
                     QString::number(rightNumber ? number : (number == 99 ? 10 : number + 1)));
    if (rightNumber)
        dialog->grab().save(screenshotPath(u"push-approval-number"_s));
    dialog->approve();
    QCOMPARE(response(m_duo->result(status)).value(u"status"_s).toString(), result);
    QTRY_VERIFY_WITH_TIMEOUT(m_center->historyModel()->item(0, 5)->text().startsWith(
                                 rightNumber ? u"Approved"_s : u"Approved, but refused"_s),
                             timeoutMs);
    QVERIFY2(m_data.runChecked({ u"policy"_s, u"set"_s, u"{\"number_matching\": false}"_s }),
             m_data.lastRun());
}

void tst_PushCenter::aRestartedDesktopReconnectsFromTheKeychain()
{
    // A new PushCenter on the same folder: the enrollment is read back, its key comes from the
    // keychain, and requests arrive again.
    m_center.reset();
    m_center = std::make_unique<PushCenter>(m_clock, m_home.path(), nullptr, nullptr);
    QCOMPARE(m_center->deviceCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_center->device(0) && m_center->device(0)->state() == client::PushDevice::State::Connected,
        timeoutMs);
    QCOMPARE(m_center->historyModel()->rowCount(), 5); // kept across the restart
    QCOMPARE(pushAndAnswer(u"alice"_s, &ApprovalDialog::approve), u"allow"_s);

    m_center->showDevices();
    QVERIFY(m_center->devicesDialog());
    QVERIFY(QTest::qWaitForWindowExposed(m_center->devicesDialog()));
    QTRY_COMPARE_WITH_TIMEOUT(m_center->historyModel()->rowCount(), 6, timeoutMs);
    m_center->devicesDialog()->grab().save(screenshotPath(u"push-devices"_s));
}

void tst_PushCenter::aDesktopWakingFromSleepReconnectsAtOnce()
{
    // The server went away while the desktop slept, as a network does: the device fails and
    // waits out its backoff (10 minutes here) before it tries again.
    m_center->setRetrySchedule(fixedRetry(600'000));
    client::PushDevice *device = m_center->device(0);
    QVERIFY(device);
    QSignalSpy retrying(device, &client::PushDevice::retrying);
    const quint16 port = m_server->port();
    QCOMPARE(m_server->terminate(), 0);
    // Once failed in CI (no retry within 60 s after the server stopped; not reproduced): say
    // where the device was, and what the server last logged, if it happens again.
    const bool retried = retrying.wait(timeoutMs);
    QVERIFY2(retried,
             qPrintable(u"device state %1, requests %2; server log:\n%3"_s.arg(int(device->state()))
                            .arg(device->requestCount())
                            .arg(m_server->log().right(2000))));
    QCOMPARE(retrying.last().first().toInt(), 600'000);
    QCOMPARE(device->state(), client::PushDevice::State::Retrying);
    QVERIFY2(m_server->start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(port) }),
             qPrintable(m_server->log()));
    QCOMPARE(m_server->port(), port);

    // The machine wakes up: logind, played by a connection of ours that owns its name on the
    // bus this test made the system bus, says PrepareForSleep(false).
    QDBusConnection logind
        = QDBusConnection::connectToBus(QDBusConnection::SystemBus, u"fake-logind"_s);
    QVERIFY(logind.isConnected());
    QVERIFY(logind.registerService(u"org.freedesktop.login1"_s));
    QDBusMessage woke = QDBusMessage::createSignal(
        u"/org/freedesktop/login1"_s, u"org.freedesktop.login1.Manager"_s, u"PrepareForSleep"_s);
    woke << false;
    QVERIFY(logind.send(woke));
    QTRY_COMPARE_WITH_TIMEOUT(device->state(), client::PushDevice::State::Connected, timeoutMs);
    QCOMPARE(retrying.size(), 1); // not by waiting out the backoff

    // And a sign-in request reaches the desktop again.
    QCOMPARE(pushAndAnswer(u"alice"_s, &ApprovalDialog::deny), u"deny"_s);
    logind.unregisterService(u"org.freedesktop.login1"_s);
    QDBusConnection::disconnectFromBus(u"fake-logind"_s);
    m_center->setRetrySchedule({});
}

void tst_PushCenter::aChangedServerCertificateIsRefusedAndWarnedAbout()
{
    // Another server, with a certificate of its own, answers at the address this desktop
    // pinned (a reinstalled server, or someone in the middle): nothing is accepted from it, and
    // the devices window says why.
    m_center->setRetrySchedule(fixedRetry(200));
    client::PushDevice *device = m_center->device(0);
    QVERIFY(device);
    QSignalSpy changed(device, &client::PushDevice::certificateChanged);
    const quint16 port = m_server->port();
    QCOMPARE(m_server->terminate(), 0);
    ServerData otherData;
    QVERIFY2(otherData.init(), otherData.lastRun());
    QVERIFY(otherData.fingerprint() != m_data.fingerprint());
    ServerProcess other(otherData);
    QVERIFY2(other.start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(port) }), qPrintable(other.log()));

    QVERIFY(changed.wait(timeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(m_center->warnings().contains(u"certificate"_s), timeoutMs);
    QCOMPARE(m_center->devicesModel()->item(0, 3)->text(), m_center->warnings());
    QVERIFY(device->state() != client::PushDevice::State::Connected);
    QCOMPARE(m_center->devicesModel()->item(0, 2)->text(),
             u"Refused: not the certificate this computer trusts"_s);
    m_center->showDevices();
    QVERIFY(QTest::qWaitForWindowExposed(m_center->devicesDialog()));
    m_center->devicesDialog()->grab().save(screenshotPath(u"push-certificate-changed"_s));
    QCOMPARE(other.terminate(), 0);
    // The device never got as far as a request there.
    QVERIFY2(!other.log().contains(u"/v1/device/challenges"_s), qPrintable(other.log()));

    // The real server is back: connected again, and the warning is gone.
    QVERIFY2(m_server->start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(port) }),
             qPrintable(m_server->log()));
    QTRY_COMPARE_WITH_TIMEOUT(device->state(), client::PushDevice::State::Connected, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_center->warnings().isEmpty(), timeoutMs);
    QCOMPARE(m_center->devicesModel()->item(0, 2)->text(), u"Connected"_s);
    m_center->setRetrySchedule({});
}

void tst_PushCenter::aRequestIsAnnouncedInTheTray()
{
    // A real X11 system tray (trayer) on the test's display, so the app's icon is shown there
    // and Qt shows its messages, as on a desktop with a panel.
    QProcess trayer;
    trayer.start(u"trayer"_s, { u"--edge"_s, u"bottom"_s, u"--height"_s, u"24"_s });
    QVERIFY2(trayer.waitForStarted(timeoutMs), "trayer is missing: run installer/install-deps.sh");
    QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), timeoutMs);
    QPixmap pixmap(22, 22);
    pixmap.fill(Qt::darkBlue);
    QSystemTrayIcon tray { QIcon(pixmap) };
    tray.show();

    QVERIFY2(m_data.addUser(u"carol"_s), m_data.lastRun());
    QVERIFY2(m_data.runChecked({ u"user"_s, u"activate"_s, u"carol"_s, u"--url"_s,
                                 u"https://localhost:%1"_s.arg(m_server->port()) }),
             m_data.lastRun());
    const QString link = m_data.lastOutput().trimmed();
    QTemporaryDir home;
    PushCenter center(m_clock, home.path(), nullptr, &tray);
    QSignalSpy activated(&center, &PushCenter::activated);
    center.activate(link);
    QVERIFY(activated.wait(timeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(center.device(0)->state(), client::PushDevice::State::Connected,
                              timeoutMs);

    const QJsonObject started = startPush(u"carol"_s);
    QVERIFY2(!started.value(u"txid"_s).toString().isEmpty(),
             QJsonDocument(started).toJson().constData());
    // Qt shows the message of an X11 tray icon as a balloon beside it: a window of the app.
    const auto balloonText = [] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (!widget->isVisible()
                || qstrcmp(widget->metaObject()->className(), "QBalloonTip") != 0)
                continue;
            QStringList texts;
            for (const QLabel *label : widget->findChildren<QLabel *>())
                texts << label->text();
            return texts.join(u'\n');
        }
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!balloonText().isEmpty(), timeoutMs);
    QVERIFY2(balloonText().contains(u"Sign-in request"_s), qPrintable(balloonText()));
    QVERIFY2(balloonText().contains(u"Staff VPN for carol"_s), qPrintable(balloonText()));
    QVERIFY(center.approvalDialog());
    center.approvalDialog()->deny();

    center.revoke(0);
    QTRY_COMPARE_WITH_TIMEOUT(center.deviceCount(), 0, timeoutMs);
    tray.hide();
    trayer.terminate();
    QVERIFY(trayer.waitForFinished(timeoutMs));
}

void tst_PushCenter::aClockFarFromTheServersIsWarnedAbout()
{
    // A desktop whose clock is 45 s ahead: still within what the server accepts for signed
    // requests, but more than 30 s off, so the devices window says so.
    QVERIFY2(m_data.addUser(u"bob"_s), m_data.lastRun());
    QVERIFY2(m_data.runChecked({ u"user"_s, u"activate"_s, u"bob"_s, u"--url"_s,
                                 u"https://localhost:%1"_s.arg(m_server->port()) }),
             m_data.lastRun());
    const QString link = m_data.lastOutput().trimmed();
    ManualClock ahead(QDateTime::currentSecsSinceEpoch() + 45);
    QTemporaryDir home;
    PushCenter center(ahead, home.path(), nullptr, nullptr);
    QSignalSpy activated(&center, &PushCenter::activated);
    center.activate(link);
    QVERIFY(activated.wait(timeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(!center.warnings().isEmpty(), timeoutMs);
    QVERIFY2(center.warnings().contains(u"clock"_s), qPrintable(center.warnings()));
    QVERIFY2(center.warnings().contains(u"4"_s), qPrintable(center.warnings()));
    QCOMPARE(center.devicesModel()->item(0, 3)->text(), center.warnings());
    center.revoke(0); // the server forgets bob's device, and the keychain its key
    QTRY_COMPARE_WITH_TIMEOUT(center.deviceCount(), 0, timeoutMs);
}

void tst_PushCenter::cleanupTestCase()
{
    m_center.reset();
    m_duo.reset();
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

QTEST_MAIN(tst_PushCenter)
#include "tst_pushcenter.moc"
