#pragma once

#include <QDialog>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QRadioButton;
class QDialogButtonBox;

namespace twofold::ui {

// Asks, on first start, how to protect the new vault: the system keychain, a password, or both.
// When no keychain is reachable it says so and offers the password.
class FirstStartDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Protection { Keychain, Password, Both };

    explicit FirstStartDialog(QWidget *parent = nullptr);

    // From Keychain::availabilityChecked; until then the keychain choices wait.
    void setKeychainAvailable(bool available, const QString &message);

    Protection protection() const;
    QString password() const;

    static constexpr int minimumPasswordLength = 8;

    void accept() override;

private:
    void updateState();

    QRadioButton *m_keychain;
    QRadioButton *m_password;
    QRadioButton *m_both;
    QLabel *m_keychainStatus;
    QLineEdit *m_passwordEdit;
    QLineEdit *m_confirmEdit;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_keychainAvailable = false;
};

} // namespace twofold::ui
