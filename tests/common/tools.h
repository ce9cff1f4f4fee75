#pragma once

#include <QStandardPaths>
#include <QString>

// Path of a real peer tool the tests compare against, or empty. A missing tool is a failure,
// never a skip: installer/install-deps.sh installs every one of them.
inline QString peerTool(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

#define REQUIRE_TOOL(var, name)                                                                    \
    const QString var = peerTool(QStringLiteral(name));                                            \
    QVERIFY2(!var.isEmpty(), name " is missing: run installer/install-deps.sh");
