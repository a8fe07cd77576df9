/* init.c — gf_iso_init and what it chose (the registry of backends is
 * the platform's: registry_linux.c, win32/registry.c). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "iso_internal.h"

const struct gf_backend *gf_iso_active;

static const struct gf_backend *choose(const char *name)
{
	bool any = !name || strcmp(name, "auto") == 0;
	for (const struct gf_backend *const *at = gf_iso_registry; *at; at++) {
		const struct gf_backend *b = *at;
		if (!any && strcmp(name, b->name) != 0)
			continue;
		if (b->probe() == 0)
			return b;
		if (!any) {
			fprintf(stderr, "gatefuzz: isolation: backend %s does not work here\n", name);
			return NULL;
		}
	}
	if (!any)
		fprintf(stderr, "gatefuzz: isolation: no backend named %s\n", name);
	return NULL;
}

int gf_iso_init(const char *backend)
{
	static atomic_bool done;
	const struct gf_backend *b = choose(backend);
	if (!b)
		return -1;
	if (atomic_exchange(&done, true)) {
		fprintf(stderr, "gatefuzz: isolation: gf_iso_init called twice\n");
		return -1;
	}
	/* The fault handler goes in last.  Call gf_iso_init after the
	 * sanitizers and the engine have installed theirs (libFuzzer: from
	 * the first input, not LLVMFuzzerInitialize): ours then sees faults
	 * first and passes on the rest (.iso.fault.chain).  A handler
	 * installed later displaces ours, and recovery survives only if it
	 * passes faults on with SA_NODEFER and SA_ONSTACK (.iso.fault.flags). */
	gf_iso_active = b;
	if (gf_span_reserve() || gf_domain_init() || b->init() ||
	    gf_fault_install()) {
		gf_iso_active = NULL;
		return -1;
	}
	return 0;
}

const char *gf_iso_backend(void)
{
	return gf_iso_active ? gf_iso_active->name : "none";
}

bool gf_iso_process_wide(void)
{
	return gf_iso_active && gf_iso_active->process_wide;
}

bool gf_iso_enforces(void)
{
	return gf_iso_active && gf_iso_active->enforces;
}

static const char *names[GF_MAX_BACKENDS + 1];

static void fill_names(void)
{
	for (size_t i = 0; i < GF_MAX_BACKENDS && gf_iso_registry[i]; i++)
		names[i] = gf_iso_registry[i]->name;
}

const char *const *gf_iso_backends(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, fill_names);
	return names;
}
