#include "walcheckpointer.h"

#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

WalCheckpointer::WalCheckpointer(const QString &path, int intervalMs, QObject *parent)
    : QThread(parent)
    , m_path(path)
    , m_intervalMs(intervalMs)
{
    setObjectName(u"wal-checkpoint"_s);
}

WalCheckpointer::~WalCheckpointer()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_stopRequested.wakeAll();
    }
    wait();
}

void WalCheckpointer::run()
{
    const QString name = u"twofold-checkpoint-%1"_s.arg(quintptr(this), 0, 16);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            m_failed = true;
        } else {
            QSqlQuery query(db);
            // Syncs as the serving connection does: the log before copying, the file after.
            query.exec(u"PRAGMA synchronous=NORMAL"_s);
            QMutexLocker lock(&m_mutex);
            while (!m_stop) {
                m_stopRequested.wait(&m_mutex, QDeadlineTimer(m_intervalMs));
                if (m_stop)
                    break;
                lock.unlock();
                // PASSIVE copies what it can without waiting for readers or the writer.
                if (query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
                    ++m_completed;
                query.finish();
                lock.relock();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace twofold::server
