#include "admin/statuslabel.h"

using namespace Qt::StringLiterals;

namespace twofold::ui {

StatusLabel::StatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void StatusLabel::showInfo(const QString &text)
{
    m_error = false;
    setStyleSheet({});
    setText(text);
}

void StatusLabel::showError(const QString &text)
{
    m_error = true;
    setStyleSheet(u"color: palette(highlight); font-weight: bold"_s);
    setText(text);
}

} // namespace twofold::ui
