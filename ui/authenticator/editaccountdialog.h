#pragma once

#include "vault/account.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace twofold::ui {

// Edits how an account is named and filed: issuer, account name, group and icon.
class EditAccountDialog final : public QDialog
{
    Q_OBJECT

public:
    EditAccountDialog(const vault::Account &account, const QStringList &groups,
                      QWidget *parent = nullptr);

    vault::Account account() const;

    static QStringList iconNames(); // the account icons in resources

private:
    vault::Account m_account;
    QLineEdit *m_issuer;
    QLineEdit *m_name;
    QComboBox *m_group;
    QComboBox *m_icon;
};

} // namespace twofold::ui
