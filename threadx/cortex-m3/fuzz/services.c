/* services.c — a TXM request id's service name, as the host port names it
 * (threadx/services.def: "<object>_<operation>"), for BUG lines whose
 * service= the known classes (threadx/known-bugs.txt) match on. */
#include "fuzz_resolve.h"

#define GF_SERVICE(id, object, operation, ...) [id] = #object "_" #operation,
static const char *const names[] = {
#include "services.def"
};
#undef GF_SERVICE

const char *gf_fuzz_service_name(unsigned long request)
{
	return request < sizeof names / sizeof names[0] && names[request] ? names[request] : "-";
}
