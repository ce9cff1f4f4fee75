#include <QTest>
class tst_oathtoolpeer : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_oathtoolpeer)
#include "tst_oathtoolpeer.moc"
