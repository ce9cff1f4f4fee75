#pragma once

#include "vault/account.h"

#include <QDialog>
#include <QImage>

namespace twofold::ui {

// One account's otpauth link as a QR code, to move the account to a phone.
class AccountQrDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountQrDialog)

public:
    explicit AccountQrDialog(const vault::Account &account, QWidget *parent = nullptr);

    QImage code() const { return m_code; } // as shown; null if it could not be made

private:
    QImage m_code;
};

} // namespace twofold::ui
