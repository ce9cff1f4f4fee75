#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace twofold::ui {

class Settings;

// Edits the preferences in Settings; writes them when accepted.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(Settings &settings, bool trayAvailable, QWidget *parent = nullptr);

    void accept() override;

private:
    Settings &m_settings;
    QSpinBox *m_clipboard;
    QSpinBox *m_autoLock;
    QCheckBox *m_screenLock;
    QCheckBox *m_tray;
    QCheckBox *m_startMinimised;
    QComboBox *m_language;
    QComboBox *m_theme;
};

} // namespace twofold::ui
