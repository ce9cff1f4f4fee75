#pragma once

#include <QLabel>

namespace twofold::ui {

// The line under a page's list that says what happened and what to do next. Errors are bold in
// the highlight colour, but their words alone must say that something failed.
class StatusLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusLabel)

public:
    explicit StatusLabel(QWidget *parent = nullptr);

    void showInfo(const QString &text);
    void showError(const QString &text);
    bool isError() const { return m_error; }

private:
    bool m_error = false;
};

} // namespace twofold::ui
