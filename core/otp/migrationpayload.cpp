#include "otp/migrationpayload.h"
