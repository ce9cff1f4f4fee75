#include "otp/base32.h"
