// The push device API, /v1/device: activation, the signed long-poll channel and answers.
#include "httpapi.h"
#include "server.h"

namespace twofold::server {

void HttpApi::addDeviceRoutes() { }

} // namespace twofold::server
