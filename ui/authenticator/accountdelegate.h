#pragma once

#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace twofold::ui {

// Paints one account row: icon or initial, issuer and name, the code, and a countdown ring
// (TOTP, Steam) or a "next code" button (HOTP). All rows have the same height, so the view
// can lay out 100,000 of them without asking each.
class AccountDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit AccountDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the HOTP "next code" button is drawn in a row.
    static QRect nextButtonRect(const QRect &row);
    // The part of a row that changes with time: the code, the line under it and the ring.
    static QRect codeArea(const QRect &row, const QFont &font);

private:
    struct Ring
    {
        int remaining;
        qint64 period;
        QColor track, arc, text;
    };

    QIcon accountIcon(const QString &name) const;
    QPixmap ringPixmap(const Ring &ring, const QFont &font, qreal scale) const;

    mutable QHash<QString, QIcon> m_icons;
    mutable QHash<QString, QPixmap> m_rings;
};

} // namespace twofold::ui
