#include <QTest>
class tst_otpauthuri : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_otpauthuri)
#include "tst_otpauthuri.moc"
