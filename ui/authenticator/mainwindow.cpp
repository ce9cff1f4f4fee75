#include "authenticator/mainwindow.h"

namespace twofold::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) { }

} // namespace twofold::ui
