#include "vault/importer.h"
