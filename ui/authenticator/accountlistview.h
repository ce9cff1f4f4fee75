#pragma once

#include <QListView>

namespace twofold::ui {

class AccountListModel;

// The account list. Activating a row (click, Enter) asks for a copy; the HOTP button asks for
// the next code; printable keys go to the search field.
class AccountListView final : public QListView
{
    Q_OBJECT

public:
    explicit AccountListView(QWidget *parent = nullptr);

    // Source rows currently on screen (the view's model is a proxy over AccountListModel).
    QList<int> visibleSourceRows() const;
    // Once a second: tells the source model which rows' codes to refresh.
    void refreshVisibleCodes(AccountListModel &source);

    void keyboardSearch(const QString &search) override;

signals:
    void copyRequested(const QModelIndex &index);
    void nextCodeRequested(const QModelIndex &index);
    void typedText(const QString &text);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
};

} // namespace twofold::ui
