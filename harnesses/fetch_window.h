/* fetch_window.h — double fetches (.harn.fetch): a call flagged
 * GF_CALL_TRACED passes its extra-parameter array in the caller's fetch
 * window, a traced region (docs/traced-regions.md) granted to the caller's
 * domains, so every read the kernel makes of the array is recorded.  A
 * kernel that reads one byte of it twice in one call (validates a word,
 * then reads it again to use it) has a double-fetch bug, whatever it read.
 *
 * The window's device model plays the racing module thread: the first read
 * of a byte returns the array the input chose, any later read the racing
 * value (plan->race), so a kernel that checks the first value and uses the
 * second is also caught by the memory oracle.
 *
 * Only where the isolation core has traced regions (x86-64 Linux); on
 * other platforms gf_fetch_arm answers 0 and the call runs untraced, with
 * the array on the puppet's stack as usual.
 */
#ifndef GATEFUZZ_FETCH_WINDOW_H
#define GATEFUZZ_FETCH_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "sandbox.h"

/* Creates the fetch window of each of `nslots` puppet slots (0..nslots-1)
 * of sb; the windows stay out of the snapshot (the model holds their
 * content).  0, or -1 with a message in err. */
int gf_fetch_init(struct gf_sandbox *sb, int nslots, char *err, size_t errlen);

/* Puts p's extra-parameter array (p->args[2..]) and its racing values
 * into slot's window and clears its log: the address to pass as the
 * array, or 0 when the call cannot be traced. */
uintptr_t gf_fetch_arm(int slot, const struct gf_plan *p);

/* 1 when fault f, which ended slot's armed call, is the kernel's access to
 * the window that the tracer refused to step (an instruction outside the
 * decoder's forms, docs/traced-regions.md: a PUSH of the word, say): the
 * call could not be traced, and says nothing of the kernel. */
int gf_fetch_untraceable(int slot, const struct gf_fault *f);

/* A byte of the array the kernel read a second time since gf_fetch_arm. */
struct gf_fetch_twice {
	int param;           /* the parameter whose word it is        */
	uintptr_t addr;      /* the byte read again                   */
	uintptr_t first_pc;  /* the instruction of the first read     */
	uintptr_t again_pc;  /* and of the second                     */
	char detail[160];    /* the above, for the BUG report         */
};
/* 1 and *out filled when the kernel read a byte of slot's armed array
 * twice; 0 otherwise (also when nothing is armed). */
int gf_fetch_twice(int slot, struct gf_fetch_twice *out);

#endif
