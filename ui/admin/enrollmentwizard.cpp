#include "admin/enrollmentwizard.h"

#include "admin/jsontablemodel.h"
#include "admin/qrcodeview.h"
#include "client/adminclient.h"
#include "clock.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

QLineEdit *codeField(QWidget *parent, const QString &name)
{
    auto *field = new QLineEdit(parent);
    field->setAccessibleName(name);
    field->setPlaceholderText(EnrollmentWizard::tr("6 digits"));
    field->setMaxLength(10);
    return field;
}

} // namespace

EnrollmentWizard::EnrollmentWizard(client::AdminClient &client, const QJsonObject &user,
                                   const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_user(user)
    , m_path(u"users/"_s + client::AdminClient::argument(user.value(u"username"_s).toString()))
    , m_clock(clock)
    , m_pages(new QStackedWidget(this))
    , m_methods(new QButtonGroup(this))
    , m_pushTimer(new QTimer(this))
{
    setWindowTitle(tr("Enroll %1").arg(user.value(u"username"_s).toString()));
    m_pages->addWidget(makeChoosePage());
    m_pages->addWidget(makeAppCodePage());
    m_pages->addWidget(makePushPage());
    m_pages->addWidget(makeTokenPage());
    m_pages->addWidget(makePhonePage());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_next = buttons->addButton(tr("&Next"), QDialogButtonBox::ActionRole);
    m_next->setDefault(true);
    m_next->setEnabled(false);
    connect(m_next, &QPushButton::clicked, this, &EnrollmentWizard::next);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);

    m_pushTimer->setInterval(1000); // only while the push page shows a live code
    connect(m_pushTimer, &QTimer::timeout, this, &EnrollmentWizard::tickPush);

    setStatus(m_chooseStatus, tr("Reading the policy…"));
    m_client.get(u"policy"_s)
        ->then(
            this, [this](const QJsonObject &policy) { policyLoaded(policy); },
            [this](const Error &error) { setStatus(m_chooseStatus, error.message, true); });
    resize(560, 640);
}

QString EnrollmentWizard::status() const
{
    for (QLabel *label :
         { m_chooseStatus, m_appStatus, m_pushStatus, m_tokenStatus, m_phoneStatus }) {
        if (label->isVisibleTo(this) && !label->text().isEmpty())
            return label->text();
    }
    return {};
}

int EnrollmentWizard::pageFor(const QString &method)
{
    return method == u"app_code"                 ? AppCodePage
        : method == u"push"                      ? PushPage
        : method == u"oath_token"                ? TokenPage
        : method == u"sms" || method == u"voice" ? PhonePage
                                                 : ChoosePage;
}

bool EnrollmentWizard::isReady() const
{
    return m_ready;
}

bool EnrollmentWizard::offers(const QString &method) const
{
    QAbstractButton *button = m_methods->button(pageFor(method));
    return button && button->isEnabled();
}

void EnrollmentWizard::begin(const QString &method)
{
    if (!offers(method))
        return;
    m_methods->button(pageFor(method))->setChecked(true);
    next();
}

void EnrollmentWizard::verifyFirstCode(const QString &code)
{
    m_firstCode->setText(code);
    confirmAppCode();
}

void EnrollmentWizard::activateToken(const QString &serial, const QString &code)
{
    m_tokenCode->setText(code);
    m_assignWhenFound = serial;
    m_serial->setText(serial); // searches; the token is assigned when the answer lists it
}

void EnrollmentWizard::setStatus(QLabel *label, const QString &text, bool error)
{
    label->setStyleSheet(error ? u"color: palette(highlight); font-weight: bold"_s : QString());
    label->setText(text);
}

QWidget *EnrollmentWizard::makeChoosePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrapped(tr("How will %1 verify sign-ins? Only the methods that the policy "
                                 "allows for this user's group are offered.")
                                  .arg(m_user.value(u"username"_s).toString()),
                              page));
    const std::pair<int, QString> choices[] = {
        { AppCodePage, tr("&Authenticator app: a QR code to scan, then a first code") },
        { PushPage, tr("&Push sign-in approval on a desktop running Twofold") },
        { TokenPage, tr("&Hardware OATH token that was imported") },
        { PhonePage, tr("Phone: &SMS codes and voice calls") },
    };
    for (const auto &[id, text] : choices) {
        auto *button = new QRadioButton(text, page);
        button->setEnabled(false);
        m_methods->addButton(button, id);
        layout->addWidget(button);
    }
    connect(m_methods, &QButtonGroup::idToggled, this,
            [this](int, bool checked) { m_next->setEnabled(checked); });
    m_chooseStatus = wrapped({}, page);
    layout->addWidget(m_chooseStatus);
    layout->addStretch();
    return page;
}

void EnrollmentWizard::policyLoaded(const QJsonObject &policy)
{
    const QString group = m_user.value(u"group"_s).toString();
    const QJsonObject groups = policy.value(u"group_methods"_s).toObject();
    const QJsonArray allowed = groups.contains(group)
        ? groups.value(group).toArray()
        : policy.value(u"allowed_methods"_s).toArray();
    const std::pair<int, QStringList> needs[] = {
        { AppCodePage, { u"app_code"_s } },
        { PushPage, { u"push"_s } },
        { TokenPage, { u"oath_token"_s } },
        { PhonePage, { u"sms"_s, u"voice"_s } },
    };
    m_ready = true;
    int offered = 0;
    for (const auto &[id, methods] : needs) {
        const bool ok = std::any_of(methods.cbegin(), methods.cend(),
                                    [&allowed](const QString &m) { return allowed.contains(m); });
        m_methods->button(id)->setEnabled(ok);
        offered += ok;
    }
    if (offered == 0)
        return setStatus(m_chooseStatus,
                         tr("The policy allows no method for this user's group. An "
                            "administrator can allow one under Policy."),
                         true);
    setStatus(m_chooseStatus, {});
    for (QAbstractButton *button : m_methods->buttons()) {
        if (button->isEnabled()) {
            button->setChecked(true);
            button->setFocus();
            break;
        }
    }
}

void EnrollmentWizard::next()
{
    const int id = m_methods->checkedId();
    m_next->hide();
    m_pages->setCurrentIndex(id);
    if (id == AppCodePage)
        startAppCode();
    else if (id == PushPage)
        startPush();
    else if (id == TokenPage)
        searchTokens();
    else if (id == PhonePage)
        m_phone->setFocus();
}

// ---- app code ----

QWidget *EnrollmentWizard::makeAppCodePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrapped(tr("Scan this QR code with an authenticator app (Twofold, Microsoft "
                                 "Authenticator, Google Authenticator…), or type the key below."),
                              page));
    m_qr = new QrCodeView(page);
    m_qr->setAccessibleName(tr("QR code for the authenticator app"));
    layout->addWidget(m_qr, 1);
    m_manualKey = new QLabel(page);
    m_manualKey->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_manualKey->setAlignment(Qt::AlignCenter);
    m_manualKey->setAccessibleName(tr("Key to type by hand"));
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(mono.pointSizeF() * 1.2);
    m_manualKey->setFont(mono);
    layout->addWidget(m_manualKey);
    auto *row = new QHBoxLayout;
    auto *print = new QPushButton(tr("&Print…"), page);
    auto *save = new QPushButton(tr("Save as PNG or P&DF…"), page);
    connect(print, &QPushButton::clicked, this, &EnrollmentWizard::printCode);
    connect(save, &QPushButton::clicked, this, &EnrollmentWizard::saveCode);
    row->addStretch();
    row->addWidget(print);
    row->addWidget(save);
    layout->addLayout(row);
    auto *form = new QFormLayout;
    m_firstCode = codeField(page, tr("First code from the app"));
    auto *confirm = new QPushButton(tr("&Verify"), page);
    connect(confirm, &QPushButton::clicked, this, &EnrollmentWizard::confirmAppCode);
    connect(m_firstCode, &QLineEdit::returnPressed, this, &EnrollmentWizard::confirmAppCode);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_firstCode);
    codeRow->addWidget(confirm);
    auto *codeLabel = new QLabel(tr("&Enter the first code the app shows:"), page);
    codeLabel->setBuddy(m_firstCode);
    form->addRow(codeLabel, codeRow);
    layout->addLayout(form);
    m_appStatus = wrapped({}, page);
    layout->addWidget(m_appStatus);
    return page;
}

void EnrollmentWizard::startAppCode()
{
    setStatus(m_appStatus, tr("Creating the key…"));
    m_client.send("POST"_ba, m_path + u"/app_code"_s)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                m_qr->setText(answer.value(u"otpauth_uri"_s).toString());
                const QString secret = answer.value(u"secret"_s).toString();
                QStringList groups;
                for (qsizetype i = 0; i < secret.size(); i += 4)
                    groups << secret.mid(i, 4);
                m_manualKey->setText(groups.join(u' '));
                setStatus(m_appStatus,
                          tr("The app code becomes active when its first code is verified."));
                m_firstCode->setFocus();
                emit enrolled();
            },
            [this](const Error &error) { setStatus(m_appStatus, error.message, true); });
}

void EnrollmentWizard::confirmAppCode()
{
    const QString code = m_firstCode->text().remove(u' ');
    if (code.isEmpty())
        return setStatus(m_appStatus, tr("Enter the code that the app shows now."), true);
    m_client.send("POST"_ba, m_path + u"/app_code/confirm"_s, { { u"code"_s, code } })
        ->then(
            this,
            [this](const QJsonObject &) {
                setStatus(m_appStatus, tr("Verified: the app code is active."));
                m_firstCode->clear();
                emit enrolled();
            },
            [this](const Error &error) {
                setStatus(m_appStatus,
                          error.code == ErrorCode::CodeRejected
                              ? tr("That code is not right. Check that the app shows this "
                                   "account and that the computer's clock is correct, then "
                                   "enter the current code.")
                              : error.message,
                          true);
            });
}

bool EnrollmentWizard::saveCodeTo(const QString &path)
{
    bool saved = false;
    if (path.endsWith(u".pdf", Qt::CaseInsensitive)) {
        QPdfWriter pdf(path);
        pdf.setTitle(windowTitle());
        pdf.setResolution(300);
        QPainter painter(&pdf);
        const qreal side = pdf.width() * 0.6;
        painter.drawText(QRectF(0, 0, pdf.width(), side * 0.2), Qt::AlignCenter,
                         windowTitle() + u'\n' + m_manualKey->text());
        m_qr->paintCode(painter, QRectF((pdf.width() - side) / 2, side * 0.25, side, side));
        saved = painter.end();
    } else {
        saved = m_qr->image().save(path, "PNG");
    }
    // The file holds the key: only its owner may read it.
    return saved && QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void EnrollmentWizard::printCode()
{
    QPrinter printer;
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QPainter painter(&printer);
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    const qreal side = std::min(page.width(), page.height()) * 0.6;
    painter.drawText(QRectF(0, 0, page.width(), side * 0.2), Qt::AlignCenter,
                     windowTitle() + u'\n' + m_manualKey->text());
    m_qr->paintCode(painter, QRectF((page.width() - side) / 2, side * 0.25, side, side));
}

void EnrollmentWizard::saveCode()
{
    const QString name = m_user.value(u"username"_s).toString() + u"-app-code"_s;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the QR code"), name + u".png"_s, tr("PNG image (*.png);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    const bool saved = saveCodeTo(path);
    setStatus(m_appStatus,
              saved
                  ? tr("Saved %1. It holds the key: delete it once the code is scanned.").arg(path)
                  : tr("Could not save %1.").arg(path),
              !saved);
}

// ---- push ----

QWidget *EnrollmentWizard::makePushPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(
        wrapped(tr("On the user's desktop, in Twofold, choose Add account and scan this "
                   "code from the Camera or Screen tab. It works once."),
                page));
    m_pushQr = new QrCodeView(page);
    m_pushQr->setAccessibleName(tr("Push activation QR code"));
    layout->addWidget(m_pushQr, 1);
    m_pushStatus = wrapped({}, page);
    m_pushStatus->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_pushStatus);
    auto *again = new QPushButton(tr("&New activation code"), page);
    connect(again, &QPushButton::clicked, this, &EnrollmentWizard::startPush);
    layout->addWidget(again, 0, Qt::AlignRight);
    return page;
}

void EnrollmentWizard::startPush()
{
    m_pushTimer->stop();
    setStatus(m_pushStatus, tr("Creating an activation code…"));
    m_client.send("POST"_ba, m_path + u"/activation"_s)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                m_pushQr->setText(answer.value(u"url"_s).toString());
                m_pushExpires = answer.value(u"expires"_s).toInteger();
                m_pushTimer->start();
                tickPush();
                emit enrolled();
            },
            [this](const Error &error) { setStatus(m_pushStatus, error.message, true); });
}

void EnrollmentWizard::tickPush()
{
    const qint64 left = m_pushExpires - m_clock.currentSecsSinceEpoch();
    if (left <= 0) {
        m_pushTimer->stop();
        m_pushQr->setText({});
        return setStatus(m_pushStatus, tr("This activation code has expired. Make a new one."),
                         true);
    }
    setStatus(m_pushStatus,
              tr("Expires in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

// ---- OATH token ----

QWidget *EnrollmentWizard::makeTokenPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrapped(tr("Pick an unassigned token by the serial number printed on it, "
                                 "then press its button and enter the code it shows."),
                              page));
    m_serial = new QLineEdit(page);
    m_serial->setPlaceholderText(tr("Search by serial number"));
    m_serial->setAccessibleName(tr("Serial number"));
    m_serial->setClearButtonEnabled(true);
    connect(m_serial, &QLineEdit::textChanged, this, &EnrollmentWizard::searchTokens);
    layout->addWidget(m_serial);
    m_tokens = new JsonTableModel({ { tr("Token"),
                                      [](const QJsonObject &token) -> QVariant {
                                          return u"%1 — %2 %3"_s.arg(
                                              token.value(u"serial"_s).toString(),
                                              token.value(u"manufacturer"_s).toString(),
                                              token.value(u"model"_s).toString());
                                      } } },
                                  this);
    m_tokenList = new QListView(page);
    m_tokenList->setModel(m_tokens);
    m_tokenList->setAccessibleName(tr("Unassigned tokens"));
    layout->addWidget(m_tokenList, 1);
    auto *form = new QFormLayout;
    m_tokenCode = codeField(page, tr("Code shown by the token"));
    form->addRow(tr("&Code shown by the token:"), m_tokenCode);
    layout->addLayout(form);
    auto *assign = new QPushButton(tr("&Assign and activate"), page);
    connect(assign, &QPushButton::clicked, this, &EnrollmentWizard::assignToken);
    connect(m_tokenCode, &QLineEdit::returnPressed, this, &EnrollmentWizard::assignToken);
    layout->addWidget(assign, 0, Qt::AlignRight);
    m_tokenStatus = wrapped({}, page);
    layout->addWidget(m_tokenStatus);
    return page;
}

void EnrollmentWizard::searchTokens()
{
    QUrlQuery query;
    query.addQueryItem(u"unassigned"_s, u"true"_s);
    query.addQueryItem(u"limit"_s, u"200"_s);
    if (!m_serial->text().trimmed().isEmpty())
        query.addQueryItem(
            u"serial"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_serial->text().trimmed())));
    m_client.get(u"tokens"_s, query)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                m_tokens->setRows(objectsOf(answer.value(u"tokens"_s)));
                if (m_tokens->rowCount() > 0)
                    m_tokenList->setCurrentIndex(m_tokens->index(0, 0));
                if (!m_assignWhenFound.isEmpty() && m_tokens->rowCount() > 0
                    && m_tokens->rowObject(0).value(u"serial"_s).toString()
                        == std::exchange(m_assignWhenFound, QString()))
                    return assignToken();
                setStatus(m_tokenStatus,
                          m_tokens->rowCount() > 0
                              ? QString()
                              : tr("No unassigned token matches. Import tokens under OATH "
                                   "tokens first."),
                          m_tokens->rowCount() == 0);
            },
            [this](const Error &error) { setStatus(m_tokenStatus, error.message, true); });
}

void EnrollmentWizard::assignToken()
{
    const QModelIndex current = m_tokenList->currentIndex();
    if (!current.isValid())
        return setStatus(m_tokenStatus, tr("Pick a token first."), true);
    const QString code = m_tokenCode->text().remove(u' ');
    if (code.isEmpty())
        return setStatus(m_tokenStatus, tr("Enter the code that the token shows."), true);
    const QString serial = m_tokens->rowObject(current.row()).value(u"serial"_s).toString();
    const QString tokenPath = u"tokens/"_s + client::AdminClient::argument(serial);
    const auto failed
        = [this](const Error &error) { setStatus(m_tokenStatus, error.message, true); };
    m_client
        .send("POST"_ba, tokenPath + u"/assign"_s,
              { { u"user"_s, m_user.value(u"username"_s).toString() } })
        ->then(
            this,
            [this, tokenPath, code, serial, failed](const QJsonObject &) {
                emit enrolled();
                m_client.send("POST"_ba, tokenPath + u"/activate"_s, { { u"code"_s, code } })
                    ->then(
                        this,
                        [this, serial](const QJsonObject &) {
                            setStatus(m_tokenStatus,
                                      tr("Token %1 is assigned and active.").arg(serial));
                            m_tokenCode->clear();
                            emit enrolled();
                        },
                        failed);
            },
            failed);
}

// ---- phone ----

QWidget *EnrollmentWizard::makePhonePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(wrapped(tr("Sign-in codes go to this number by SMS, and voice calls ask to "
                                 "press # (or the PIN and #)."),
                              page));
    auto *form = new QFormLayout;
    m_phone = new QLineEdit(m_user.value(u"phone"_s).toString(), page);
    m_phone->setPlaceholderText(u"+31 6 12345678"_s);
    m_phone->setAccessibleName(tr("Phone number"));
    m_pin = new QLineEdit(page);
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setPlaceholderText(tr("optional, 4 to 8 digits"));
    m_pin->setAccessibleName(tr("PIN for voice calls"));
    form->addRow(tr("&Phone number:"), m_phone);
    form->addRow(tr("&PIN for voice calls:"), m_pin);
    layout->addLayout(form);
    auto *row = new QHBoxLayout;
    auto *save = new QPushButton(tr("&Save"), page);
    auto *test = new QPushButton(tr("Send a &test SMS"), page);
    connect(save, &QPushButton::clicked, this, &EnrollmentWizard::savePhone);
    connect(test, &QPushButton::clicked, this, &EnrollmentWizard::testSms);
    row->addStretch();
    row->addWidget(save);
    row->addWidget(test);
    layout->addLayout(row);
    m_phoneStatus = wrapped({}, page);
    layout->addWidget(m_phoneStatus);
    layout->addStretch();
    return page;
}

void EnrollmentWizard::savePhone()
{
    QJsonObject fields { { u"phone"_s, m_phone->text().trimmed() } };
    if (!m_pin->text().isEmpty())
        fields[u"voice_pin"_s] = m_pin->text();
    m_client.send("PATCH"_ba, m_path, fields)
        ->then(
            this,
            [this](const QJsonObject &) {
                setStatus(m_phoneStatus, tr("Saved. Send a test SMS to check the number."));
                m_pin->clear();
                emit enrolled();
            },
            [this](const Error &error) { setStatus(m_phoneStatus, error.message, true); });
}

void EnrollmentWizard::testSms()
{
    m_client.send("POST"_ba, m_path + u"/test"_s, { { u"method"_s, u"sms"_s } })
        ->then(
            this,
            [this](const QJsonObject &) {
                setStatus(m_phoneStatus,
                          tr("A test SMS with a code was sent. With the outbox provider it is "
                             "under Outbox."));
            },
            [this](const Error &error) { setStatus(m_phoneStatus, error.message, true); });
}

} // namespace twofold::ui
