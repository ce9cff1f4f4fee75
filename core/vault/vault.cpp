#include "vault/vault.h"
