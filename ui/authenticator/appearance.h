#pragma once

#include <QString>

namespace twofold::ui {

// Installs the Twofold and Qt translations for a language ("" follows the system locale).
// Returns the language loaded ("en" when none matched).
QString applyLanguage(const QString &language);

// "system" keeps the platform's palette; "light" and "dark" use Fusion with our palettes.
void applyTheme(const QString &theme);

} // namespace twofold::ui
