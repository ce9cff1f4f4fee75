#pragma once

#include <QDir>
#include <QString>
#include <QTest>

// The third-party vectors folder (../shared/vectors), or an empty string when this clone has none.
inline QString vectorsDir()
{
    const QString fromEnv = qEnvironmentVariable("TWOFOLD_VECTORS");
    const QString dir = fromEnv.isEmpty() ? QStringLiteral(TWOFOLD_VECTORS_DIR) : fromEnv;
    return QDir(dir).exists() ? QDir(dir).canonicalPath() : QString();
}

// Skips the test, saying why, when the vectors are not beside this clone.
#define REQUIRE_VECTORS(dir)                                                                     \
    const QString dir = vectorsDir();                                                            \
    if (dir.isEmpty())                                                                           \
        QSKIP("Third-party vectors not found: put them in ../shared/vectors or set "             \
              "TWOFOLD_VECTORS");
