#pragma once

#include "clock.h"
#include "otp/otpgenerator.h"
#include "vault/account.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QUuid>

#include <memory>

namespace twofold::ui {

// The vault's accounts as a list. Codes are computed only when a view asks for them (visible
// rows), from one cached generator per account, at the injected clock's time.
class AccountListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        IssuerRole,
        NameRole,
        GroupRole,
        IconRole,
        TypeRole, // OtpType as int
        PinnedRole,
        UseCountRole,
        AddedAtRole,
        CodeRole, // grouped for reading; empty while locked
        NextCodeRole, // TOTP/Steam: the next code during the last seconds of a period
        SecondsRemainingRole,
        PeriodRole,
        CopiedRole, // true while the row shows its "Copied" feedback
    };

    // Seconds before the end of a period from which the next code is shown.
    static constexpr int nextCodeLeadSeconds = 5;

    explicit AccountListModel(const Clock &clock, QObject *parent = nullptr);
    ~AccountListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setAccounts(QList<vault::Account> accounts);
    const QList<vault::Account> &accounts() const { return m_accounts; }
    const vault::Account *account(int row) const;
    int rowOf(const QUuid &id) const;
    void upsertAccount(const vault::Account &account); // by id
    void removeAccount(const QUuid &id);

    // Locking drops every account and scrubs the copies of the secrets held here.
    void setLocked(bool locked);
    bool isLocked() const { return m_locked; }

    QString code(int row) const; // ungrouped, for the clipboard; empty when locked or failed
    void setCopied(const QUuid &id); // null: none

    // Tells views that the codes of these rows may have changed; the ticker passes only
    // the rows that are on screen.
    void notifyCodesChanged(QList<int> rows);

    static QString groupForReading(const QString &code);

private:
    const OtpGenerator &generator(const vault::Account &account) const;
    void scrub();

    const Clock &m_clock;
    QList<vault::Account> m_accounts;
    mutable QHash<QUuid, std::shared_ptr<const OtpGenerator>> m_generators;
    QUuid m_copied;
    bool m_locked = false;
};

} // namespace twofold::ui
