#pragma once

#include <QProxyStyle>

namespace twofold::ui {

// Hands out the style's standard icons (a menu bar's overflow arrow, a line edit's clear
// button) as icons that are made when first drawn. Qt's own standard icons are PNG files, and
// reading the first PNG makes Qt load every image-format plugin it has (TIFF, WebP, MNG, ...:
// about 1.2 MiB resident) although most of these icons are never shown.
class LazyIconStyle final : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LazyIconStyle)

public:
    explicit LazyIconStyle(QStyle *base); // takes ownership of base

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
};

} // namespace twofold::ui
