#pragma once

#include "vault/account.h"

#include <QDialog>
#include <QList>

namespace twofold::ui {

// Adds accounts: paste a URI (offered when the clipboard holds one), a manual form, a QR code
// from an image file (or dropped), the clipboard, the screen or a webcam. A migration code adds
// all its accounts. After accept(), accounts() holds what to add.
class AddAccountDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Source { Choose, Uri, Manual, ImageFile, Clipboard, Screen, Camera };

    explicit AddAccountDialog(QWidget *parent = nullptr, Source start = Source::Choose);
    ~AddAccountDialog() override;

    QList<vault::Account> accounts() const;

private:
    QList<vault::Account> m_accounts;
};

} // namespace twofold::ui
