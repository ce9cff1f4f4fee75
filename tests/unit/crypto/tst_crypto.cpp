#include <QTest>
class tst_crypto : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_crypto)
#include "tst_crypto.moc"
