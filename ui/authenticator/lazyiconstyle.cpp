#include "authenticator/lazyiconstyle.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

// Asks the base style for the icon the first time anything about it is wanted.
class LazyStandardIconEngine final : public QIconEngine
{
public:
    LazyStandardIconEngine(QStyle *base, QStyle::StandardPixmap which,
                           Qt::LayoutDirection direction)
        : m_base(base)
        , m_which(which)
        , m_direction(direction)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        icon().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().actualSize(size, mode, state);
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return icon().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override
    {
        return icon().pixmap(size, scale, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return icon().availableSizes(mode, state);
    }
    bool isNull() override { return icon().isNull(); }
    QString iconName() override { return icon().name(); }
    QString key() const override { return u"twofold-lazy-standard-icon"_s; }
    QIconEngine *clone() const override { return new LazyStandardIconEngine(*this); }

private:
    LazyStandardIconEngine(const LazyStandardIconEngine &other) = default;

    const QIcon &icon()
    {
        if (!m_made) {
            m_made = true;
            // The base style may have been replaced (a theme change): then ask the current one.
            QStyle *style = m_base ? m_base.data() : QApplication::style();
            QStyleOption option;
            option.direction = m_direction;
            m_icon = style->standardIcon(m_which, &option);
        }
        return m_icon;
    }

    QPointer<QStyle> m_base;
    QStyle::StandardPixmap m_which;
    Qt::LayoutDirection m_direction;
    QIcon m_icon;
    bool m_made = false;
};

} // namespace

LazyIconStyle::LazyIconStyle(QStyle *base)
    : QProxyStyle(base)
{
}

QIcon LazyIconStyle::standardIcon(StandardPixmap standardIcon, const QStyleOption *option,
                                  const QWidget *widget) const
{
    // Standard pixmaps that a style paints itself (above SP_CustomBase) pass straight through.
    if (standardIcon >= SP_CustomBase)
        return QProxyStyle::standardIcon(standardIcon, option, widget);
    const Qt::LayoutDirection direction = option ? option->direction
        : widget                                 ? widget->layoutDirection()
                                                 : QGuiApplication::layoutDirection();
    return QIcon(new LazyStandardIconEngine(baseStyle(), standardIcon, direction));
}

} // namespace twofold::ui
