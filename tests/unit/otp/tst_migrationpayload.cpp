#include <QTest>
class tst_MigrationPayload : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_MigrationPayload)
#include "tst_migrationpayload.moc"
