#include <QTest>
class tst_otpgenerator : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_otpgenerator)
#include "tst_otpgenerator.moc"
