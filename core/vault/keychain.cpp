#include "vault/keychain.h"
