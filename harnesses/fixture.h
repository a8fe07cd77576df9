/* fixture.h — the objects every input starts with (.harn.fixture). */
#ifndef GATEFUZZ_FIXTURE_H
#define GATEFUZZ_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

/* Builds, through the gate like any module would, for each of the three
 * puppets: one live object of every type (named "m<id>.<type>"), an empty
 * object block, a deleted (stale) object, memory from its block and byte
 * pools, and objects in the states the first ones are not in
 * (.harn.fixture.states); then A and B share each other's semaphore by
 * name, and B the third module's.  Returns 0, or -1 with the failing call
 * in err. */
int gf_fixture_build(char *err, size_t errlen);

/* The same objects for the puppet in slot `owner` (fuzz_loader's owner of
 * objects, .harn.loader.unload), and slot `user` looks its semaphore up by
 * name: its address in *shared.  0, or -1 with the failing call in err. */
int gf_fixture_owner(int owner, int user, uintptr_t *shared, char *err,
		     size_t errlen);

/* .harn.fixture.full: a state an input asks for (GF_CALL_FULL_POOL), not
 * part of the snapshot: the third module allocates object-pool blocks until
 * the pool has no room left for the largest control block, so that any
 * further allocation of that size or more must be refused (NO_MEMORY).
 * Returns 0, or 1 when a call faulted (*f says where). */
struct gf_fault;
int gf_fixture_fill_pool(struct gf_fault *f);

#endif
