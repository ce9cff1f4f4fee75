#include "authenticator/push/pushdevicesdialog.h"

#include "authenticator/push/pushcenter.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QTableView *table(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setTabKeyNavigation(false);
    return view;
}

} // namespace

PushDevicesDialog::PushDevicesDialog(PushCenter &center, QWidget *parent)
    : QDialog(parent)
    , m_center(center)
    , m_devices(table(center.devicesModel(), tr("Servers"), this))
    , m_history(table(center.historyModel(), tr("Recent requests"), this))
    , m_warnings(new QLabel(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Sign-in approvals"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(u"color: #b3261e;"_s);
    m_status->setWordWrap(true);
    auto *intro = new QLabel(tr("This computer approves sign-ins for these servers. To add one, "
                                "scan the activation QR code your helpdesk gives you with Add "
                                "account, or paste its link here."),
                             this);
    intro->setWordWrap(true);
    auto *history = new QLabel(tr("Recent &requests:"), this);
    history->setBuddy(m_history);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *paste
        = buttons->addButton(tr("&Paste an activation link…"), QDialogButtonBox::ActionRole);
    QPushButton *remove
        = buttons->addButton(tr("&Remove this server…"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(paste, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString link = QInputDialog::getText(this, tr("Activation link"),
                                                   tr("Paste the twofold://activate link:"),
                                                   QLineEdit::Normal, {}, &ok);
        if (ok && !link.trimmed().isEmpty())
            m_center.activate(link.trimmed());
    });
    connect(remove, &QPushButton::clicked, this, &PushDevicesDialog::removeSelected);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_devices, 1);
    layout->addWidget(m_warnings);
    layout->addWidget(history);
    layout->addWidget(m_history, 2);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(&m_center, &PushCenter::warningsChanged, this, &PushDevicesDialog::updateWarnings);
    updateWarnings();
    resize(760, 520);
}

void PushDevicesDialog::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? u"color: #b3261e;"_s : QString());
    m_status->setText(text);
}

QString PushDevicesDialog::status() const
{
    return m_status->text();
}

void PushDevicesDialog::updateWarnings()
{
    m_warnings->setText(m_center.warnings());
    m_warnings->setVisible(!m_warnings->text().isEmpty());
}

void PushDevicesDialog::removeSelected()
{
    const int row = m_devices->currentIndex().row();
    if (row < 0)
        return setStatus(tr("Select a server first."), true);
    const QString server = m_center.devicesModel()->item(row, 0)->text();
    if (QMessageBox::question(this, tr("Remove %1?").arg(server),
                              tr("This computer will no longer receive sign-in requests from "
                                 "%1, and the server forgets it.")
                                  .arg(server),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes)
        m_center.revoke(row);
}

} // namespace twofold::ui
