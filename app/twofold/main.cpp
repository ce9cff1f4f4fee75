#include "authenticator/mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    twofold::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
