#include "authenticator/accountdelegate.h"

#include "authenticator/accountlistmodel.h"
#include "otp/otpparameters.h"

#include <QApplication>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

constexpr int margin = 10;
constexpr int avatarSize = 36;
constexpr int ringSize = 26;
constexpr int codeGap = 12; // between the code and the ring
constexpr qsizetype maxCachedRings = 16;

// Whether rect (logical) lies in the region being repainted.
bool isRepainted(const QPainter *painter, const QRect &rect)
{
    const QPaintEngine *engine = painter->paintEngine();
    const QRegion clip = engine ? engine->systemClip() : QRegion();
    return clip.isEmpty() || clip.intersects(painter->deviceTransform().mapRect(rect));
}

QColor avatarColour(const QString &issuer)
{
    // A stable, muted hue per issuer so the same service always looks the same.
    const int hue = int(qHash(issuer.toCaseFolded()) % 360);
    return QColor::fromHsl(hue, 110, 120);
}

QFont codeFont(const QFont &base)
{
    QFont f = base;
    f.setFamilies({ u"DejaVu Sans Mono"_s, u"Noto Sans Mono"_s, u"monospace"_s });
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(base.pointSizeF() * 1.55);
    f.setWeight(QFont::DemiBold);
    return f;
}

} // namespace

AccountDelegate::AccountDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize AccountDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int text = option.fontMetrics.height() * 2 + 6;
    return { 360, std::max(avatarSize, text) + 2 * margin };
}

QRect AccountDelegate::nextButtonRect(const QRect &row)
{
    const int size = ringSize + 6;
    return { row.right() - margin - size + 1, row.center().y() - size / 2, size, size };
}

QRect AccountDelegate::codeArea(const QRect &row, const QFont &font)
{
    // The widest code drawn (ten digits, grouped) and the "Next" line, 80 wider, under it.
    const int codeWidth = QFontMetrics(codeFont(font)).horizontalAdvance(u"000 000 0000"_s);
    const int left = nextButtonRect(row).left() - codeGap - codeWidth - 80;
    return QRect(QPoint(std::max(row.left(), left), row.top()), row.bottomRight());
}

QPixmap AccountDelegate::ringPixmap(const Ring &ring, const QFont &font, qreal scale) const
{
    // Antialiased strokes are costly in Qt's raster engine (each one is handed to its paint
    // threads), and every TOTP row of a period shows the same ring: draw each state once.
    const QString key = u"%1/%2/%3/%4/%5/%6/%7"_s.arg(ring.remaining)
                            .arg(ring.period)
                            .arg(ring.track.rgba())
                            .arg(ring.arc.rgba())
                            .arg(ring.text.rgba())
                            .arg(font.key())
                            .arg(scale);
    if (const auto it = m_rings.constFind(key); it != m_rings.cend())
        return *it;
    const int size = ringSize + 6;
    QPixmap pixmap(QSize(size, size) * scale);
    pixmap.setDevicePixelRatio(scale);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF circle(3, 3, ringSize, ringSize);
    p.setPen(QPen(ring.track, 3));
    p.drawEllipse(circle);
    p.setPen(QPen(ring.arc, 3, Qt::SolidLine, Qt::FlatCap));
    p.drawArc(circle, 90 * 16,
              int(360.0 * 16 * double(ring.remaining) / double(std::max<qint64>(1, ring.period))));
    QFont small = font;
    small.setPointSizeF(small.pointSizeF() * 0.8);
    p.setFont(small);
    p.setPen(ring.text);
    p.drawText(circle, Qt::AlignCenter, QString::number(ring.remaining));
    p.end();
    if (m_rings.size() >= maxCachedRings)
        m_rings.clear(); // a few states are in use at a time: the seconds left, selected or not
    m_rings.insert(key, pixmap);
    return pixmap;
}

QIcon AccountDelegate::accountIcon(const QString &name) const
{
    auto it = m_icons.find(name);
    if (it == m_icons.end())
        it = m_icons.insert(name, QIcon(u":/icons/accounts/"_s + name + u".svg"_s));
    return *it;
}

void AccountDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // we draw the text ourselves; the style draws selection and focus
    opt.icon = {};
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65f);
    const QRect r = option.rect.adjusted(margin, margin, -margin, -margin);

    const QString issuer = index.data(AccountListModel::IssuerRole).toString();
    const QString name = index.data(AccountListModel::NameRole).toString();
    const QString group = index.data(AccountListModel::GroupRole).toString();
    const QString iconName = index.data(AccountListModel::IconRole).toString();
    const auto type = OtpType(index.data(AccountListModel::TypeRole).toInt());
    const bool pinned = index.data(AccountListModel::PinnedRole).toBool();

    // Avatar: the chosen icon, or the issuer's initial on a coloured disc.
    const QRect avatar(r.left(), r.center().y() - avatarSize / 2, avatarSize, avatarSize);
    const QIcon icon = iconName.isEmpty() ? QIcon() : accountIcon(iconName);
    if (!isRepainted(painter, avatar)) {
        // The once-a-second refresh repaints only the code cells.
    } else if (!icon.isNull()) {
        icon.paint(painter, avatar);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(avatarColour(issuer.isEmpty() ? name : issuer));
        painter->drawEllipse(avatar);
        QFont f = option.font;
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 1.2);
        painter->setFont(f);
        painter->setPen(Qt::white);
        const QString initial = (issuer.isEmpty() ? name : issuer).left(1).toUpper();
        painter->drawText(avatar, Qt::AlignCenter, initial.isEmpty() ? u"?"_s : initial);
    }

    // Right side: ring or HOTP button, then the code.
    const QRect action = nextButtonRect(option.rect);
    const QVariant codeValue = index.data(AccountListModel::CodeRole);
    const bool hasCode = codeValue.isValid();
    const QString code = hasCode ? codeValue.toString() : u"••• •••"_s;
    const QVariant remainingValue = index.data(AccountListModel::SecondsRemainingRole);
    const qint64 period
        = std::max<qint64>(1, index.data(AccountListModel::PeriodRole).toLongLong());
    const int remaining = remainingValue.toInt();
    const bool ending
        = hasCode && remainingValue.isValid() && remaining <= AccountListModel::nextCodeLeadSeconds;
    const QColor warn = selected ? text : QColor(0xd0, 0x5a, 0x1c);

    if (type == OtpType::Hotp) {
        painter->setPen(QPen(dim, 1.5));
        painter->setBrush(Qt::NoBrush);
        const QRectF b = QRectF(action).adjusted(3, 3, -3, -3);
        painter->drawEllipse(b);
        // A clockwise arrow: "the next code".
        QPainterPath arrow;
        const QRectF a = b.adjusted(7, 7, -7, -7);
        arrow.arcMoveTo(a, 90);
        arrow.arcTo(a, 90, -270);
        painter->drawPath(arrow);
        const QPointF tip(a.center().x(), a.top());
        painter->drawLine(tip, tip + QPointF(-3.5, -3));
        painter->drawLine(tip, tip + QPointF(-3.5, 3));
    } else if (hasCode && remainingValue.isValid()) {
        QColor track = dim;
        track.setAlphaF(0.2f);
        const QColor arc
            = ending ? warn : pal.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
        painter->drawPixmap(action.topLeft(),
                            ringPixmap({ remaining, period, track, arc, ending ? warn : dim },
                                       option.font, painter->device()->devicePixelRatio()));
    }

    const QFont cf = codeFont(option.font);
    const QFontMetrics cfm(cf);
    const int codeWidth = cfm.horizontalAdvance(code);
    const int codeRight = action.left() - codeGap;
    const QRect codeRect(codeRight - codeWidth, r.top(), codeWidth, r.height());
    const bool copied = index.data(AccountListModel::CopiedRole).toBool();
    const QVariant next = index.data(AccountListModel::NextCodeRole);

    painter->setFont(cf);
    painter->setPen(ending ? warn : (hasCode ? text : dim));
    const bool twoLines = copied || next.isValid();
    const int codeTop = twoLines ? r.top() - 2 : r.top();
    const QRect codeLine(codeRect.left(), codeTop, codeWidth, twoLines ? cfm.height() : r.height());
    painter->drawText(codeLine, Qt::AlignRight | Qt::AlignVCenter, code);
    if (twoLines) {
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.85);
        painter->setFont(small);
        const QRect below(codeRect.left() - 80, codeLine.bottom(), codeWidth + 80,
                          r.bottom() - codeLine.bottom() + 2);
        if (copied) {
            small.setBold(true);
            painter->setFont(small);
            painter->setPen(selected ? text : QColor(0x2e, 0x8b, 0x57));
            painter->drawText(below, Qt::AlignRight | Qt::AlignVCenter, tr("Copied"));
        } else {
            painter->setPen(dim);
            painter->drawText(below, Qt::AlignRight | Qt::AlignVCenter,
                              tr("Next: %1").arg(next.toString()));
        }
    }

    // Middle: issuer (with a pin mark) over the account name and group.
    const int textLeft = avatar.right() + 12;
    const QRect textRect(textLeft, r.top(), std::max(0, codeRect.left() - 16 - textLeft),
                         r.height());
    if (!isRepainted(painter, textRect)) {
        painter->restore();
        return;
    }
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm(option.font);
    const int lineTop = r.center().y() - (bfm.height() + fm.height()) / 2;
    QString title = issuer.isEmpty() ? name : issuer;
    if (pinned)
        title = u"★ "_s + title;
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(QRect(textRect.left(), lineTop, textRect.width(), bfm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      bfm.elidedText(title, Qt::ElideRight, textRect.width()));
    QString sub = issuer.isEmpty() ? QString() : name;
    if (!group.isEmpty())
        sub = sub.isEmpty() ? group : tr("%1 · %2").arg(sub, group);
    painter->setFont(option.font);
    painter->setPen(dim);
    painter->drawText(QRect(textRect.left(), lineTop + bfm.height(), textRect.width(), fm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(sub, Qt::ElideRight, textRect.width()));
    painter->restore();
}

} // namespace twofold::ui
