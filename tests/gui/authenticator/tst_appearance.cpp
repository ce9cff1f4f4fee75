#include "authenticator/appearance.h"

#include <QCoreApplication>
#include <QTest>

using namespace Qt::StringLiterals;

// The embedded translations: Dutch, and English for its plural forms.
class tst_Appearance final : public QObject
{
    Q_OBJECT

private slots:
    void pluralsFollowTheLanguage_data();
    void pluralsFollowTheLanguage();
};

void tst_Appearance::pluralsFollowTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("English one") << u"en"_s << 1 << u"1 account added."_s;
    QTest::newRow("English many") << u"en"_s << 3 << u"3 accounts added."_s;
    QTest::newRow("Dutch one") << u"nl"_s << 1 << u"1 account toegevoegd."_s;
    QTest::newRow("Dutch many") << u"nl"_s << 3 << u"3 accounts toegevoegd."_s;
    QTest::newRow("a language without a translation falls back to English")
        << u"fi"_s << 2 << u"2 accounts added."_s;
}

void tst_Appearance::pluralsFollowTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, expected);
    twofold::ui::applyLanguage(language);
    QCOMPARE(QCoreApplication::translate("twofold::ui::MainWindow", "%n account(s) added.", nullptr,
                                         count),
             expected);
}

QTEST_MAIN(tst_Appearance)
#include "tst_appearance.moc"
