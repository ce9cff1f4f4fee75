// Renders the app's SVG icon to the hicolor PNG sizes at build time: `render_icons SVG OUTDIR`
// writes OUTDIR/<N>x<N>/apps/org.twofold.Twofold.png for every standard size.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv); // the icon's text needs fonts
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fputs("usage: render_icons SVG OUTDIR\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "%s is not a readable SVG file\n", qPrintable(args.at(1)));
        return 1;
    }
    for (int size : { 16, 22, 24, 32, 48, 64, 128, 256, 512 }) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        if (!QDir().mkpath(dir)
            || !image.save(dir + QStringLiteral("/org.twofold.Twofold.png"), "PNG")) {
            std::fprintf(stderr, "cannot write into %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
