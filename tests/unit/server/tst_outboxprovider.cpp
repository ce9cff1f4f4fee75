#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

class tst_OutboxProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void textRecorded();
    void callRecorded();
    void answer_data();
    void answer();
    void answerRefused_data();
    void answerRefused();
    void messagesNewestFirst();

private:
    TestDatabases m_databases;
    std::unique_ptr<ServerParts> m_parts;
};

void tst_OutboxProvider::init()
{
    m_parts = std::make_unique<ServerParts>();
    OPEN_PARTS(*m_parts, m_databases.fresh(false));
}

void tst_OutboxProvider::textRecorded()
{
    OutboxProvider &outbox = *m_parts->outbox;
    QCOMPARE(outbox.name(), u"outbox"_s);
    QSignalSpy sent(&outbox, &TelephonyProvider::textSent);
    QSignalSpy failed(&outbox, &TelephonyProvider::textFailed);
    outbox.sendText({ u"SM1"_s, u"+31612345678"_s, u"Your code is 123456."_s });
    QCOMPARE(sent.size(), 1); // at once: nothing leaves the server
    QCOMPARE(sent.first().first().toString(), u"SM1"_s);
    QCOMPARE(failed.size(), 0);
    const QJsonArray list = outbox.messages(10).value();
    QCOMPARE(list.size(), 1);
    const QJsonObject m = list.first().toObject();
    QCOMPARE(m[u"id"_s].toString(), u"SM1"_s);
    QCOMPARE(m[u"kind"_s].toString(), u"sms"_s);
    QCOMPARE(m[u"to"_s].toString(), u"+31612345678"_s);
    QCOMPARE(m[u"body"_s].toString(), u"Your code is 123456."_s);
    QCOMPARE(m[u"status"_s].toString(), u"delivered"_s);
    QCOMPARE(m[u"created"_s].toInteger(), m_parts->now());
    // The same id twice cannot be recorded: reported as a failure, not lost silently.
    outbox.sendText({ u"SM1"_s, u"+31612345678"_s, u"again"_s });
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.first().at(1).toString().contains(u"again"_s));
}

void tst_OutboxProvider::callRecorded()
{
    OutboxProvider &outbox = *m_parts->outbox;
    QSignalSpy answered(&outbox, &TelephonyProvider::callAnswered);
    outbox.placeCall({ u"TX1"_s, u"+31612345678"_s, u"Press pound."_s, false });
    const QJsonObject m = outbox.messages(10)->first().toObject();
    QCOMPARE(m[u"kind"_s].toString(), u"call"_s);
    QCOMPARE(m[u"txid"_s].toString(), u"TX1"_s);
    QCOMPARE(m[u"status"_s].toString(), u"ringing"_s);
    QCOMPARE(m[u"body"_s].toString(), u"Press pound."_s);
    QCOMPARE(answered.size(), 0); // nobody has pressed anything yet
}

void tst_OutboxProvider::answer_data()
{
    QTest::addColumn<QString>("keys");
    QTest::newRow("pound") << u"#"_s;
    QTest::newRow("PIN then pound") << u"4321#"_s;
    QTest::newRow("fraud code") << u"0#"_s;
    QTest::newRow("star") << u"*"_s;
}

void tst_OutboxProvider::answer()
{
    QFETCH(QString, keys);
    OutboxProvider &outbox = *m_parts->outbox;
    QSignalSpy answered(&outbox, &TelephonyProvider::callAnswered);
    outbox.placeCall({ u"TX1"_s, u"+31612345678"_s, u"Press pound."_s, true });
    QVERIFY(outbox.answer(u"TX1"_s, keys, u"admin:helpdesk"_s));
    // The verifier hears the real keys...
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered.first().at(0).toString(), u"TX1"_s);
    QCOMPARE(answered.first().at(1).toString(), keys);
    // ...but the outbox and the audit log keep only how many there were: they may be a PIN.
    const QJsonObject m = outbox.messages(10)->first().toObject();
    QCOMPARE(m[u"status"_s].toString(), u"answered"_s);
    QCOMPARE(m[u"keys"_s].toString(), QString(keys.size(), u'*'));
    const auto audit = m_parts->audit->query(about(u"TX1"_s, u"outbox.answer"_s));
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().actor, u"admin:helpdesk"_s);
    QVERIFY(!QJsonDocument(audit->first().details).toJson().contains(keys.toLatin1()));
}

void tst_OutboxProvider::answerRefused_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<int>("code");
    QTest::newRow("empty keys") << u"TX1"_s << QString() << int(ErrorCode::InvalidArgument);
    QTest::newRow("letters") << u"TX1"_s << u"12a#"_s << int(ErrorCode::InvalidArgument);
    QTest::newRow("33 keys") << u"TX1"_s << QString(33, u'1') << int(ErrorCode::InvalidArgument);
    QTest::newRow("unknown call") << u"TX9"_s << u"#"_s << int(ErrorCode::NotFound);
    QTest::newRow("a text message is no call") << u"SM1"_s << u"#"_s << int(ErrorCode::NotFound);
    QTest::newRow("answered already") << u"TX2"_s << u"#"_s << int(ErrorCode::NotFound);
}

void tst_OutboxProvider::answerRefused()
{
    QFETCH(QString, call);
    QFETCH(QString, keys);
    QFETCH(int, code);
    OutboxProvider &outbox = *m_parts->outbox;
    outbox.placeCall({ u"TX1"_s, u"+31612345678"_s, u"Press pound."_s, false });
    outbox.placeCall({ u"TX2"_s, u"+31612345678"_s, u"Press pound."_s, false });
    outbox.sendText({ u"SM1"_s, u"+31612345678"_s, u"text"_s });
    QVERIFY(outbox.answer(u"TX2"_s, u"#"_s, u"cli"_s));
    QSignalSpy answered(&outbox, &TelephonyProvider::callAnswered);
    const auto refused = outbox.answer(call, keys, u"cli"_s);
    QVERIFY(!refused);
    QCOMPARE(int(refused.error().code), code);
    QCOMPARE(answered.size(), 0);
    QCOMPARE(m_parts->value(u"SELECT status FROM outbox WHERE id = 'TX1'"_s).toString(),
             u"ringing"_s);
}

void tst_OutboxProvider::messagesNewestFirst()
{
    OutboxProvider &outbox = *m_parts->outbox;
    for (int i = 0; i < 5; ++i) {
        outbox.sendText({ u"SM%1"_s.arg(i), u"+31612345678"_s, u"text %1"_s.arg(i) });
        m_parts->clock.advance(1);
    }
    const QJsonArray list = outbox.messages(3).value();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0)[u"id"_s].toString(), u"SM4"_s);
    QCOMPARE(list.at(2)[u"id"_s].toString(), u"SM2"_s);
    QCOMPARE(outbox.messages(0)->size(), 1); // at least one
}

QTEST_GUILESS_MAIN(tst_OutboxProvider)
#include "tst_outboxprovider.moc"
