#include "authenticator/appearance.h"

#include "authenticator/lazyiconstyle.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QTranslator *ourTranslator = nullptr;
QTranslator *qtTranslator = nullptr;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe8, 0xea, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x86, 0x8b));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x86, 0x8b));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x86, 0x8b));
    return p;
}

} // namespace

QString applyLanguage(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    for (QTranslator *t : { ourTranslator, qtTranslator }) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    ourTranslator = new QTranslator(QCoreApplication::instance());
    qtTranslator = new QTranslator(QCoreApplication::instance());
    QString loaded = u"en"_s;
    // The installed files (the packages), else those compiled in (a build tree). No translation
    // for the locale (or the C locale): English, whose file holds its plurals.
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral(TWOFOLD_TRANSLATIONS_RELATIVE_DIR));
    for (const QString &dir : { installed, u":/i18n"_s }) {
        if (ourTranslator->load(locale, u"twofold"_s, u"_"_s, dir)
            || ourTranslator->load(u"twofold_en"_s, dir)) {
            QCoreApplication::installTranslator(ourTranslator);
            loaded = ourTranslator->language();
            break;
        }
    }
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    QLocale::setDefault(locale);
    return loaded;
}

void applyTheme(const QString &theme)
{
    // The platform's own style, remembered before we first replace it.
    constexpr char key[] = "twofoldSystemStyle";
    if (!qApp->property(key).isValid())
        qApp->setProperty(key, QApplication::style()->name());
    const QString systemStyle = qApp->property(key).toString();
    if (theme == u"dark"_s || theme == u"light"_s) {
        QApplication::setStyle(new LazyIconStyle(QStyleFactory::create(u"Fusion"_s)));
        QApplication::setPalette(theme == u"dark"_s ? darkPalette()
                                                    : QApplication::style()->standardPalette());
    } else {
        QApplication::setStyle(new LazyIconStyle(QStyleFactory::create(systemStyle)));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

} // namespace twofold::ui
