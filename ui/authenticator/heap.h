#pragma once

namespace twofold::ui {

// Gives the memory that the C library keeps after frees back to the system. Worth it after a
// burst of short-lived allocations (decrypting and parsing the vault, an import); a no-op where
// the C library has no such call.
void releaseFreedHeap();

} // namespace twofold::ui
