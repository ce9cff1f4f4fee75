#include "authenticator/accountfiltermodel.h"
#include "authenticator/accountlistmodel.h"
#include "authenticator/accountlistview.h"
#include "clock.h"
#include "otp/otpauthuri.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::ui;

namespace {

vault::Account account(const QString &issuer, const QString &name, bool pinned = false,
                       int used = 0)
{
    vault::Account a;
    a.id = QUuid::createUuid();
    a.otp.secret = QByteArrayLiteral("12345678901234567890");
    a.otp.issuer = issuer;
    a.otp.account = name;
    a.pinned = pinned;
    a.useCount = used;
    return a;
}

QStringList issuersInOrder(const QAbstractItemModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out.append(m.index(r, 0).data(AccountListModel::IssuerRole).toString());
    return out;
}

} // namespace

class TestAccountListModel final : public QObject
{
    Q_OBJECT

private slots:
    void groupsCodesForReading_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("shown");
        QTest::newRow("six digits in threes") << u"123456"_s << u"123 456"_s;
        QTest::newRow("seven digits in threes") << u"1234567"_s << u"123 4567"_s;
        QTest::newRow("nine digits in threes") << u"123456789"_s << u"123 456 789"_s;
        QTest::newRow("ten digits, the last group of four") << u"1234567890"_s << u"123 456 7890"_s;
        QTest::newRow("eight digits in fours") << u"12345678"_s << u"1234 5678"_s;
        QTest::newRow("steam letters as they are") << u"7YV2K"_s << u"7YV2K"_s;
    }
    void groupsCodesForReading()
    {
        QFETCH(QString, code);
        QFETCH(QString, shown);
        QCOMPARE(AccountListModel::groupForReading(code), shown);
    }

    void codeIsRfc6238AtTheClocksTime()
    {
        // RFC 6238 appendix B, SHA1, T = 59: 94287082 (8 digits).
        ManualClock clock(59);
        AccountListModel model(clock);
        vault::Account a = account(u"RFC"_s, u"6238"_s);
        a.otp.digits = 8;
        model.setAccounts({ a });
        QCOMPARE(model.code(0), u"94287082"_s);
        QCOMPARE(model.index(0).data(AccountListModel::CodeRole).toString(), u"9428 7082"_s);
        clock.setSecsSinceEpoch(1111111109);
        QCOMPARE(model.code(0), u"07081804"_s);
    }

    void nextCodeOnlyInTheLastSeconds_data()
    {
        QTest::addColumn<qint64>("time");
        QTest::addColumn<bool>("shown");
        QTest::newRow("start of the period") << qint64(30) << false;
        QTest::newRow("six seconds left") << qint64(54) << false;
        QTest::newRow("five seconds left") << qint64(55) << true;
        QTest::newRow("one second left") << qint64(59) << true;
    }
    void nextCodeOnlyInTheLastSeconds()
    {
        QFETCH(qint64, time);
        QFETCH(bool, shown);
        ManualClock clock(time);
        AccountListModel model(clock);
        model.setAccounts({ account(u"A"_s, u"a"_s) });
        const QVariant next = model.index(0).data(AccountListModel::NextCodeRole);
        QCOMPARE(next.isValid(), shown);
        if (shown) {
            clock.setSecsSinceEpoch(time + 30);
            QCOMPARE(next.toString(), model.index(0).data(AccountListModel::CodeRole).toString());
        }
    }

    void lockedModelHasNoCodes()
    {
        ManualClock clock(59);
        AccountListModel model(clock);
        model.setAccounts({ account(u"A"_s, u"a"_s) });
        QVERIFY(model.index(0).data(AccountListModel::CodeRole).isValid());
        model.setLocked(true);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.code(0).isEmpty());
        QVERIFY(model.accounts().isEmpty());
    }

    void sortsWithPinnedFirst_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("order");
        QTest::newRow("by name: pinned Zeta first, then names a, b, c")
            << int(AccountFilterModel::SortMode::Name)
            << QStringList { u"Zeta"_s, u"Charlie"_s, u"alpha"_s, u"Bravo"_s };
        QTest::newRow("by issuer, case-insensitive")
            << int(AccountFilterModel::SortMode::Issuer)
            << QStringList { u"Zeta"_s, u"alpha"_s, u"Bravo"_s, u"Charlie"_s };
        QTest::newRow("most used first")
            << int(AccountFilterModel::SortMode::MostUsed)
            << QStringList { u"Zeta"_s, u"Bravo"_s, u"alpha"_s, u"Charlie"_s };
    }
    void sortsWithPinnedFirst()
    {
        QFETCH(int, mode);
        QFETCH(QStringList, order);
        ManualClock clock(0);
        AccountListModel model(clock);
        model.setAccounts(
            { account(u"Bravo"_s, u"c"_s, false, 9), account(u"alpha"_s, u"b"_s, false, 5),
              account(u"Zeta"_s, u"z"_s, true, 0), account(u"Charlie"_s, u"a"_s, false, 1) });
        AccountFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSortMode(AccountFilterModel::SortMode(mode));
        QCOMPARE(issuersInOrder(filter), order);
    }

    void searchMatchesIssuerNameAndGroup_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QStringList>("found");
        QTest::newRow("issuer, any case") << u"GIT"_s << QString() << QStringList { u"GitHub"_s };
        QTest::newRow("account name")
            << u"bob"_s << QString() << QStringList { u"Bank"_s, u"GitHub"_s };
        QTest::newRow("group name") << u"work"_s << QString() << QStringList { u"GitHub"_s };
        QTest::newRow("every word must match")
            << u"bob bank"_s << QString() << QStringList { u"Bank"_s };
        QTest::newRow("group filter") << QString() << u"Home"_s << QStringList { u"Bank"_s };
        QTest::newRow("nothing") << u"zzz"_s << QString() << QStringList {};
    }
    void searchMatchesIssuerNameAndGroup()
    {
        QFETCH(QString, search);
        QFETCH(QString, group);
        QFETCH(QStringList, found);
        ManualClock clock(0);
        AccountListModel model(clock);
        vault::Account gh = account(u"GitHub"_s, u"bob"_s);
        gh.group = u"Work"_s;
        vault::Account bank = account(u"Bank"_s, u"bob@example.com"_s);
        bank.group = u"Home"_s;
        model.setAccounts({ gh, bank, account(u"Mail"_s, u"alice"_s) });
        AccountFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSortMode(AccountFilterModel::SortMode::Issuer);
        filter.setSearchText(search);
        filter.setGroup(group);
        QCOMPARE(issuersInOrder(filter), found);
    }

    // A tall list in a small view: a tick tells only the rows on screen that codes changed.
    void tickTouchesOnlyVisibleRows()
    {
        ManualClock clock(1000);
        AccountListModel model(clock);
        QList<vault::Account> many;
        many.reserve(100000);
        for (int i = 0; i < 100000; ++i)
            many.append(account(
                u"Issuer %1"_s.arg(QString::number(99999 - i).rightJustified(5, u'0')), u"user"_s));
        model.setAccounts(std::move(many));
        AccountFilterModel filter; // sorted by name: the visible rows are scattered in the source
        filter.setSourceModel(&model);
        filter.setSortMode(AccountFilterModel::SortMode::Issuer);
        AccountListView view;
        view.setModel(&filter);
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.scrollTo(filter.index(50000, 0), QAbstractItemView::PositionAtTop);

        const QList<int> visible = view.visibleSourceRows();
        QVERIFY(!visible.isEmpty());
        QVERIFY2(visible.size() < 20, qPrintable(QString::number(visible.size())));
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
        clock.advance(1);
        view.refreshVisibleCodes(model);
        QVERIFY(spy.count() > 0);
        QSet<int> touched;
        for (const QList<QVariant> &args : std::as_const(spy)) {
            const auto from = args.at(0).value<QModelIndex>();
            const auto to = args.at(1).value<QModelIndex>();
            const auto roles = args.at(2).value<QList<int>>();
            QVERIFY(roles.contains(AccountListModel::CodeRole));
            QVERIFY(!roles.contains(Qt::DisplayRole)); // no re-sort, no re-filter
            for (int r = from.row(); r <= to.row(); ++r)
                touched.insert(r);
        }
        QCOMPARE(touched, QSet<int>(visible.cbegin(), visible.cend()));
        // The first visible row is the one scrolled to.
        QCOMPARE(visible.first(), filter.mapToSource(filter.index(50000, 0)).row());

        spy.clear();
        view.hide(); // minimised to the tray: no work at all
        view.refreshVisibleCodes(model);
        QCOMPARE(spy.count(), 0);
    }
};

QTEST_MAIN(TestAccountListModel)
#include "tst_accountlistmodel.moc"
