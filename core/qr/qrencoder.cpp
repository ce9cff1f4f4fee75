#include "qr/qrencoder.h"
