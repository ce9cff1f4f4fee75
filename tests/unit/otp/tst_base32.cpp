#include <QTest>
class tst_base32 : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_base32)
#include "tst_base32.moc"
