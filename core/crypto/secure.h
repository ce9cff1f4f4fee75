#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace twofold {

// Compares in time that depends only on the lengths, never on where the bytes differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Overwrites the bytes in a way the optimiser cannot remove, then empties the array.
void scrub(QByteArray &bytes);
void scrub(QString &text);

} // namespace twofold
