#include "authenticator/accountqrdialog.h"

#include "vault/exporter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include <algorithm>

namespace twofold::ui {

namespace {

constexpr int targetSide = 280; // device-independent pixels; phones read it from a metre away

} // namespace

AccountQrDialog::AccountQrDialog(const vault::Account &account, QWidget *parent)
    : QDialog(parent)
{
    const QString issuer = account.otp.issuer;
    const QString name = account.otp.account;
    const QString title = issuer.isEmpty() ? name : issuer;
    setWindowTitle(tr("QR code for %1").arg(title));
    auto *layout = new QVBoxLayout(this);

    auto *picture = new QLabel;
    picture->setAlignment(Qt::AlignCenter);
    if (const Result<QImage> qr = vault::Exporter::qrCode(account)) {
        // Whole-pixel modules with no smoothing: a blurred edge makes codes harder to scan.
        const qreal dpr = devicePixelRatioF();
        const int side = std::max(qr->width(), 1);
        const int factor = std::max(1, int(targetSide * dpr) / side);
        m_code = qr->scaled(qr->size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
        QPixmap pixmap = QPixmap::fromImage(m_code);
        pixmap.setDevicePixelRatio(dpr);
        picture->setPixmap(pixmap);
        picture->setAccessibleName(tr("QR code for %1").arg(title));
    } else {
        picture->setText(
            tr("No QR code could be made for this account: %1").arg(qr.error().message));
        picture->setWordWrap(true);
    }
    layout->addWidget(picture);

    auto *heading = new QLabel(title);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setAlignment(Qt::AlignCenter);
    heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(heading);
    if (!issuer.isEmpty() && !name.isEmpty()) {
        auto *accountLine = new QLabel(name);
        accountLine->setAlignment(Qt::AlignCenter);
        accountLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(accountLine);
    }

    auto *note = new QLabel(tr("Scan this with your phone's authenticator app to move the "
                               "account there. Anyone who sees this code can make your codes."));
    note->setWordWrap(true);
    note->setAlignment(Qt::AlignCenter);
    layout->addSpacing(6);
    layout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &AccountQrDialog::reject);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);
    setMaximumWidth(480);
}

} // namespace twofold::ui
