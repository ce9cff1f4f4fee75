#include "qr/qrdecoder.h"
