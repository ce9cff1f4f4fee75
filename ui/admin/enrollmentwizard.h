#pragma once

#include <QDialog>
#include <QJsonObject>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace twofold {
class Clock;
namespace client {
class AdminClient;
}
} // namespace twofold

namespace twofold::ui {

class JsonTableModel;
class QrCodeView;

// Enrolls one user in one verification method, offering only the methods that the policy allows
// for the user's group: an app code (QR code to scan, printed or saved, then a first code), a
// push device (activation QR code with its expiry), an OATH hardware token (found by serial,
// assigned and activated with a code), or a phone (number and voice PIN, with a test SMS).
class EnrollmentWizard final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnrollmentWizard)

public:
    EnrollmentWizard(client::AdminClient &client, const QJsonObject &user, const Clock &clock,
                     QWidget *parent = nullptr);

    // For tests and the README's screenshots: the page's state as a person sees it.
    QrCodeView *qrCode() const { return m_qr; }
    QrCodeView *activationCode() const { return m_pushQr; }
    QString status() const;
    bool isReady() const; // the policy has been read
    // Method names as the server has them: app_code, push, oath_token, sms.
    bool offers(const QString &method) const;
    void begin(const QString &method); // as choosing it and pressing Next
    void verifyFirstCode(const QString &code); // as typing the app's first code
    void activateToken(const QString &serial, const QString &code); // as picking and typing

signals:
    void enrolled(); // something changed on the server: the user's details are stale

private:
    enum Page { ChoosePage, AppCodePage, PushPage, TokenPage, PhonePage };
    static int pageFor(const QString &method);

    QWidget *makeChoosePage();
    QWidget *makeAppCodePage();
    QWidget *makePushPage();
    QWidget *makeTokenPage();
    QWidget *makePhonePage();
    void policyLoaded(const QJsonObject &policy);
    void next();
    void startAppCode();
    void confirmAppCode();
    void startPush();
    void tickPush();
    void searchTokens();
    void assignToken();
    void savePhone();
    void testSms();
    void printCode();
    void saveCode();

public:
    // Writes the app code's QR code as PNG or PDF (by the name's ending), readable only by its
    // owner; the "Save as" button asks for the path first.
    bool saveCodeTo(const QString &path);

private:
    void setStatus(QLabel *label, const QString &text, bool error = false);

    client::AdminClient &m_client;
    const QJsonObject m_user;
    const QString m_path; // users/<username>
    const Clock &m_clock;
    QStackedWidget *m_pages;
    QButtonGroup *m_methods;
    QLabel *m_chooseStatus;
    QPushButton *m_next;
    // app code
    QrCodeView *m_qr;
    QLabel *m_manualKey;
    QLineEdit *m_firstCode;
    QLabel *m_appStatus;
    // push
    QrCodeView *m_pushQr;
    QLabel *m_pushStatus;
    QTimer *m_pushTimer;
    qint64 m_pushExpires = 0;
    bool m_ready = false;
    QString m_assignWhenFound; // a serial to assign once the search lists it
    // token
    QLineEdit *m_serial;
    JsonTableModel *m_tokens;
    QListView *m_tokenList;
    QLineEdit *m_tokenCode;
    QLabel *m_tokenStatus;
    // phone
    QLineEdit *m_phone;
    QLineEdit *m_pin;
    QLabel *m_phoneStatus;
};

} // namespace twofold::ui
