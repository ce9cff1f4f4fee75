#include "admin/adminsession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace twofold::ui {

AdminSession::AdminSession(const QJsonObject &whoAmI)
    : m_username(whoAmI.value(u"username"_s).toString())
    , m_role(whoAmI.value(u"role"_s).toString())
{
    for (const QJsonValue &value : whoAmI.value(u"actions"_s).toArray()) {
        const QJsonObject action = value.toObject();
        m_allowed.insert(action.value(u"action"_s).toString(), action.value(u"allowed"_s).toBool());
    }
}

QString AdminSession::roleTitle() const
{
    if (m_role == u"admin")
        return QCoreApplication::translate("twofold::ui::AdminSession", "Administrator");
    if (m_role == u"helpdesk")
        return QCoreApplication::translate("twofold::ui::AdminSession", "Helpdesk");
    if (m_role == u"auditor")
        return QCoreApplication::translate("twofold::ui::AdminSession", "Auditor (read only)");
    return m_role;
}

void AdminSession::guard(QWidget *widget, const QString &action, bool otherwiseEnabled) const
{
    const bool allowed = may(action);
    widget->setEnabled(allowed && otherwiseEnabled);
    if (!allowed)
        widget->setToolTip(
            QCoreApplication::translate("twofold::ui::AdminSession",
                                        "Your role (%1) may not do this; ask an administrator.")
                .arg(roleTitle()));
}

} // namespace twofold::ui
