#include "otp/otpauthuri.h"
