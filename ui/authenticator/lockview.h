#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace twofold::ui {

// What the window shows while the vault is locked: no account and no code, only a way in.
class LockView final : public QWidget
{
    Q_OBJECT

public:
    explicit LockView(QWidget *parent = nullptr);

    void setMethods(bool password, bool keychain);
    void setBusy(bool busy);
    void showError(const QString &message);
    void focusPassword();

signals:
    void passwordEntered(const QString &password);
    void keychainRequested();

private:
    QLineEdit *m_password;
    QPushButton *m_unlock;
    QPushButton *m_keychain;
    QLabel *m_status;
};

} // namespace twofold::ui
