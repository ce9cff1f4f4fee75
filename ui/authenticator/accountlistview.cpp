#include "authenticator/accountlistview.h"

#include "authenticator/accountdelegate.h"
#include "authenticator/accountlistmodel.h"
#include "otp/otpparameters.h"

#include <QAbstractProxyModel>
#include <QKeyEvent>
#include <QMouseEvent>

#include <algorithm>

namespace twofold::ui {

AccountListView::AccountListView(QWidget *parent)
    : QListView(parent)
{
    setUniformItemSizes(true); // one sizeHint for all rows: 100,000 rows lay out at once
    setSelectionMode(QAbstractItemView::SingleSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setMouseTracking(true);
    setItemDelegate(new AccountDelegate(this));
    setAccessibleName(tr("Accounts"));
}

QList<int> AccountListView::visibleSourceRows() const
{
    QList<int> rows;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model());
    if (!model() || model()->rowCount() == 0)
        return rows;
    const QRect area = viewport()->rect();
    QModelIndex first = indexAt(area.topLeft() + QPoint(1, 1));
    if (!first.isValid())
        first = model()->index(0, 0);
    const QModelIndex last = indexAt(QPoint(1, area.bottom() - 1));
    const int lastRow = last.isValid() ? last.row() : model()->rowCount() - 1;
    for (int row = first.row(); row <= lastRow; ++row) {
        const QModelIndex i = model()->index(row, 0);
        if (!visualRect(i).intersects(area))
            break;
        rows.append(proxy ? proxy->mapToSource(i).row() : row);
    }
    return rows;
}

void AccountListView::refreshVisibleCodes(AccountListModel &source)
{
    if (!isVisible())
        return; // hidden or minimised to the tray: nothing to repaint
    source.notifyCodesChanged(visibleSourceRows());
}

void AccountListView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                  const QList<int> &roles)
{
    const auto isCodeRole = [](int role) {
        return role == AccountListModel::CodeRole || role == AccountListModel::NextCodeRole
            || role == AccountListModel::SecondsRemainingRole;
    };
    if (roles.isEmpty() || !std::all_of(roles.cbegin(), roles.cend(), isCodeRole)
        || !topLeft.isValid() || !bottomRight.isValid()) {
        QListView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    // The once-a-second refresh: repaint only the code cells on screen, not whole rows (for a
    // range Qt would repaint the whole viewport).
    const QRect area = viewport()->rect();
    QRegion dirty;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QRect rect = visualRect(model()->index(row, 0, topLeft.parent()));
        if (rect.intersects(area))
            dirty += AccountDelegate::codeArea(rect, font());
    }
    if (!dirty.isEmpty())
        viewport()->update(dirty);
}

void AccountListView::keyboardSearch(const QString &search)
{
    emit typedText(search);
}

void AccountListView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && currentIndex().isValid()) {
        emit copyRequested(currentIndex());
        return;
    }
    const QString text = event->text();
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::ShiftModifier) {
        if (!text.isEmpty() && text.at(0).isPrint() && !text.at(0).isSpace()) {
            emit typedText(text);
            return;
        }
    }
    QListView::keyPressEvent(event);
}

void AccountListView::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    QListView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || !index.isValid())
        return;
    const bool hotp = OtpType(index.data(AccountListModel::TypeRole).toInt()) == OtpType::Hotp;
    if (hotp
        && AccountDelegate::nextButtonRect(visualRect(index)).contains(event->position().toPoint()))
        emit nextCodeRequested(index);
    else
        emit copyRequested(index);
}

} // namespace twofold::ui
