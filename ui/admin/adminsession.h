#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

class QWidget;

namespace twofold::ui {

// Who is signed in, and which admin API actions their role allows (GET /admin/v1/session).
class AdminSession final
{
public:
    AdminSession() = default;
    explicit AdminSession(const QJsonObject &whoAmI);

    const QString &username() const { return m_username; }
    const QString &role() const { return m_role; }
    QString roleTitle() const; // "Administrator", "Helpdesk", "Auditor", translated
    bool may(const QString &action) const { return m_allowed.value(action, false); }
    // Enables the widget only when the role may take the action; otherwise its tooltip says why.
    void guard(QWidget *widget, const QString &action, bool otherwiseEnabled = true) const;

private:
    QString m_username;
    QString m_role;
    QHash<QString, bool> m_allowed;
};

} // namespace twofold::ui
