#pragma once

#include <QMainWindow>

namespace twofold::ui {

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace twofold::ui
