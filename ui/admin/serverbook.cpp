#include "admin/serverbook.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {
constexpr int maxEntries = 20;
}

ServerBook::ServerBook() = default;

ServerBook::ServerBook(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QList<ServerBook::Entry> ServerBook::entries() const
{
    QList<Entry> out;
    const int count = m_settings.beginReadArray(u"admin/servers"_s);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        out.append({ m_settings.value(u"url"_s).toString(),
                     m_settings.value(u"fingerprint"_s).toByteArray(),
                     m_settings.value(u"username"_s).toString() });
    }
    m_settings.endArray();
    return out;
}

QByteArray ServerBook::fingerprint(const QString &url) const
{
    const QList<Entry> all = entries();
    const auto it = std::find_if(all.cbegin(), all.cend(),
                                 [&url](const Entry &entry) { return entry.url == url; });
    return it == all.cend() ? QByteArray() : it->fingerprint;
}

void ServerBook::pin(const QString &url, const QByteArray &fingerprint)
{
    QList<Entry> all = entries();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&url](const Entry &entry) { return entry.url == url; });
    if (it == all.end())
        all.prepend({ url, fingerprint, {} });
    else
        it->fingerprint = fingerprint;
    save(all);
}

void ServerBook::remember(const QString &url, const QString &username)
{
    QList<Entry> all = entries();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&url](const Entry &entry) { return entry.url == url; });
    Entry entry { url, {}, username };
    if (it != all.end()) {
        entry.fingerprint = it->fingerprint;
        all.erase(it);
    }
    all.prepend(entry);
    save(all.mid(0, maxEntries));
}

void ServerBook::save(const QList<Entry> &entries)
{
    m_settings.remove(u"admin/servers"_s);
    m_settings.beginWriteArray(u"admin/servers"_s, int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(u"url"_s, entries[i].url);
        m_settings.setValue(u"fingerprint"_s, entries[i].fingerprint);
        m_settings.setValue(u"username"_s, entries[i].username);
    }
    m_settings.endArray();
    m_settings.sync();
}

} // namespace twofold::ui
