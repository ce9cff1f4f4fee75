#include "vault/exporter.h"
