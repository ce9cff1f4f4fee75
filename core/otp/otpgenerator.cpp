#include "otp/otpgenerator.h"
