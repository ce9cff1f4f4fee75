#include "authenticator/addaccount/addaccountdialog.h"

namespace twofold::ui {

AddAccountDialog::AddAccountDialog(QWidget *parent, Source) : QDialog(parent) { }
AddAccountDialog::~AddAccountDialog() = default;

QList<vault::Account> AddAccountDialog::accounts() const
{
    return m_accounts;
}

} // namespace twofold::ui
