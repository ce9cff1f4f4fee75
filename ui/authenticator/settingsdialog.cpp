#include "authenticator/settingsdialog.h"

#include "authenticator/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

SettingsDialog::SettingsDialog(Settings &settings, bool trayAvailable, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_clipboard(new QSpinBox)
    , m_autoLock(new QSpinBox)
    , m_screenLock(new QCheckBox(tr("Lock when the &screen locks")))
    , m_tray(new QCheckBox(tr("Show an icon in the system &tray")))
    , m_startMinimised(new QCheckBox(tr("Start &minimised to the tray")))
    , m_language(new QComboBox)
    , m_theme(new QComboBox)
{
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);

    auto *security = new QGroupBox(tr("Security"));
    auto *securityForm = new QFormLayout(security);
    m_clipboard->setRange(0, 600);
    m_clipboard->setSuffix(tr(" s"));
    m_clipboard->setSpecialValueText(tr("Never"));
    m_clipboard->setAccessibleName(tr("Clear the clipboard after"));
    m_clipboard->setValue(settings.clipboardClearSeconds());
    securityForm->addRow(tr("&Clear copied codes after:"), m_clipboard);
    m_autoLock->setRange(0, 24 * 60);
    m_autoLock->setSuffix(tr(" min"));
    m_autoLock->setSpecialValueText(tr("Never"));
    m_autoLock->setAccessibleName(tr("Lock when idle for"));
    m_autoLock->setValue(settings.autoLockMinutes());
    securityForm->addRow(tr("&Lock when idle for:"), m_autoLock);
    m_screenLock->setChecked(settings.value(Settings::Key::LockOnScreenLock).toBool());
    securityForm->addRow(m_screenLock);
    layout->addWidget(security);

    auto *window = new QGroupBox(tr("Window"));
    auto *windowForm = new QFormLayout(window);
    m_tray->setChecked(settings.value(Settings::Key::ShowTrayIcon).toBool());
    m_startMinimised->setChecked(settings.value(Settings::Key::StartMinimised).toBool());
    windowForm->addRow(m_tray);
    windowForm->addRow(m_startMinimised);
    if (!trayAvailable) {
        m_tray->setEnabled(false);
        m_startMinimised->setEnabled(false);
        auto *note = new QLabel(tr("This desktop has no system tray."));
        note->setEnabled(false);
        windowForm->addRow(note);
    }
    connect(m_tray, &QCheckBox::toggled, m_startMinimised, &QCheckBox::setEnabled);
    m_startMinimised->setEnabled(trayAvailable && m_tray->isChecked());

    m_language->addItem(tr("Follow the system"), QString());
    m_language->addItem(u"English"_s, u"en"_s); // language names in their own language
    m_language->addItem(u"Nederlands"_s, u"nl"_s);
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(settings.value(Settings::Key::Language))));
    m_language->setAccessibleName(tr("Language"));
    windowForm->addRow(tr("Lan&guage:"), m_language);
    m_theme->addItem(tr("Follow the system"), u"system"_s);
    m_theme->addItem(tr("Light"), u"light"_s);
    m_theme->addItem(tr("Dark"), u"dark"_s);
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(settings.value(Settings::Key::Theme))));
    m_theme->setAccessibleName(tr("Theme"));
    windowForm->addRow(tr("T&heme:"), m_theme);
    auto *restart = new QLabel(tr("A new language shows after Twofold restarts."));
    restart->setEnabled(false);
    windowForm->addRow(restart);
    layout->addWidget(window);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

void SettingsDialog::accept()
{
    m_settings.setValue(Settings::Key::ClipboardClearSeconds, m_clipboard->value());
    m_settings.setValue(Settings::Key::AutoLockMinutes, m_autoLock->value());
    m_settings.setValue(Settings::Key::LockOnScreenLock, m_screenLock->isChecked());
    m_settings.setValue(Settings::Key::ShowTrayIcon, m_tray->isChecked());
    m_settings.setValue(Settings::Key::StartMinimised, m_startMinimised->isChecked());
    m_settings.setValue(Settings::Key::Language, m_language->currentData());
    m_settings.setValue(Settings::Key::Theme, m_theme->currentData());
    QDialog::accept();
}

} // namespace twofold::ui
