#include "authenticator/accountlistmodel.h"

#include "crypto/secure.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace twofold::ui {

AccountListModel::AccountListModel(const Clock &clock, QObject *parent)
    : QAbstractListModel(parent)
    , m_clock(clock)
{
}

AccountListModel::~AccountListModel()
{
    scrub();
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

QHash<int, QByteArray> AccountListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IssuerRole, "issuer");
    names.insert(NameRole, "name");
    names.insert(GroupRole, "group");
    names.insert(CodeRole, "code");
    names.insert(NextCodeRole, "nextCode");
    names.insert(SecondsRemainingRole, "secondsRemaining");
    return names;
}

const OtpGenerator &AccountListModel::generator(const vault::Account &account) const
{
    auto it = m_generators.find(account.id);
    if (it == m_generators.end())
        it = m_generators.insert(account.id, std::make_shared<const OtpGenerator>(account.otp));
    return **it;
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const vault::Account &a = m_accounts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return a.otp.issuer.isEmpty() ? a.otp.account : a.otp.issuer;
    case Qt::AccessibleTextRole:
        return a.otp.issuer.isEmpty() ? a.otp.account
                                      : tr("%1, %2").arg(a.otp.issuer, a.otp.account);
    case IdRole:
        return a.id;
    case IssuerRole:
        return a.otp.issuer;
    case NameRole:
        return a.otp.account;
    case GroupRole:
        return a.group;
    case IconRole:
        return a.icon;
    case TypeRole:
        return int(a.otp.type);
    case PinnedRole:
        return a.pinned;
    case UseCountRole:
        return a.useCount;
    case AddedAtRole:
        return a.addedAt;
    case PeriodRole:
        return a.otp.period;
    case CopiedRole:
        return !m_copied.isNull() && m_copied == a.id;
    case CodeRole: {
        const QString c = code(index.row());
        return c.isEmpty() ? QVariant() : QVariant(groupForReading(c));
    }
    case NextCodeRole: {
        if (m_locked || a.otp.type == OtpType::Hotp)
            return {};
        const qint64 now = m_clock.currentSecsSinceEpoch();
        const OtpGenerator &g = generator(a);
        if (g.secondsRemaining(now) > nextCodeLeadSeconds)
            return {};
        const Result<QString> next = g.codeAt(now + a.otp.period);
        return next ? QVariant(groupForReading(*next)) : QVariant();
    }
    case SecondsRemainingRole:
        if (a.otp.type == OtpType::Hotp)
            return {};
        return generator(a).secondsRemaining(m_clock.currentSecsSinceEpoch());
    default:
        return {};
    }
}

QString AccountListModel::code(int row) const
{
    if (m_locked || row < 0 || row >= m_accounts.size())
        return {};
    const vault::Account &a = m_accounts.at(row);
    const OtpGenerator &g = generator(a);
    const Result<QString> c = a.otp.type == OtpType::Hotp
        ? g.codeForCounter(a.otp.counter)
        : g.codeAt(m_clock.currentSecsSinceEpoch());
    return c ? *c : QString();
}

QString AccountListModel::groupForReading(const QString &code)
{
    // Steam's letters are read as they are; digits in threes, or fours for 8.
    if (code.size() < 6
        || !std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c.isDigit(); }))
        return code;
    // Threes from the left, with a longer last group rather than a lone digit; 8 in fours.
    QList<qsizetype> groups;
    switch (code.size()) {
    case 6:
        groups = { 3, 3 };
        break;
    case 7:
        groups = { 3, 4 };
        break;
    case 8:
        groups = { 4, 4 };
        break;
    case 9:
        groups = { 3, 3, 3 };
        break;
    default:
        groups = { 3, 3, code.size() - 6 };
        break;
    }
    QString out;
    qsizetype at = 0;
    for (qsizetype n : groups) {
        if (at > 0)
            out += u' ';
        out += code.mid(at, n);
        at += n;
    }
    return out;
}

void AccountListModel::setAccounts(QList<vault::Account> accounts)
{
    beginResetModel();
    scrub();
    m_accounts = std::move(accounts);
    m_locked = false;
    endResetModel();
}

const vault::Account *AccountListModel::account(int row) const
{
    return row >= 0 && row < m_accounts.size() ? &m_accounts.at(row) : nullptr;
}

int AccountListModel::rowOf(const QUuid &id) const
{
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts.at(i).id == id)
            return int(i);
    }
    return -1;
}

void AccountListModel::upsertAccount(const vault::Account &account)
{
    m_generators.remove(account.id);
    const int row = rowOf(account.id);
    if (row < 0) {
        const int at = int(m_accounts.size());
        beginInsertRows({}, at, at);
        m_accounts.append(account);
        endInsertRows();
        return;
    }
    m_accounts[row] = account;
    emit dataChanged(index(row), index(row)); // every role: sorting and filtering follow
}

void AccountListModel::removeAccount(const QUuid &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_generators.remove(id);
    m_accounts.removeAt(row);
    endRemoveRows();
}

void AccountListModel::setLocked(bool locked)
{
    if (locked == m_locked)
        return;
    beginResetModel();
    m_locked = locked;
    if (locked) {
        scrub();
        m_accounts.clear();
    }
    endResetModel();
}

void AccountListModel::scrub()
{
    m_generators.clear();
    for (vault::Account &a : m_accounts)
        twofold::scrub(a.otp.secret); // drops our reference; the vault scrubs the shared bytes
}

void AccountListModel::setCopied(const QUuid &id)
{
    const int before = rowOf(m_copied);
    m_copied = id;
    const int after = rowOf(id);
    for (int row : { before, after }) {
        if (row >= 0)
            emit dataChanged(index(row), index(row), { CopiedRole });
    }
}

void AccountListModel::notifyCodesChanged(QList<int> rows)
{
    if (m_locked || rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    const QList<int> roles { CodeRole, NextCodeRole, SecondsRemainingRole };
    // One signal per run of adjacent rows.
    qsizetype start = 0;
    for (qsizetype i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows.at(i) != rows.at(i - 1) + 1) {
            emit dataChanged(index(rows.at(start)), index(rows.at(i - 1)), roles);
            start = i;
        }
    }
}

} // namespace twofold::ui
