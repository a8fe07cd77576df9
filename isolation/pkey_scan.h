/* pkey_scan.h — refuse module code that could rewrite PKRU itself.
 *
 * Under the pkey backend a module's confinement is the PKRU value the gate
 * writes; an instruction in the module's own code that writes PKRU would
 * undo it.  Two user-mode instructions do: WRPKRU and XRSTOR (which restores
 * PKRU from memory when XCR0 enables the PKRU state component).  Like ERIM,
 * the loader refuses code holding either encoding at ANY byte offset, not
 * only at instruction boundaries, because a jump can start decoding in the
 * middle of another instruction (.iso.pkey.scan).
 */
#ifndef GATEFUZZ_PKEY_SCAN_H
#define GATEFUZZ_PKEY_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Scans code[0..len).  Returns 0 when no forbidden encoding occurs.
 * Otherwise returns -1, sets *offset to the first byte of the first one
 * (its REX prefix for XRSTOR64) and *what to a static name for the message:
 * "WRPKRU", "XRSTOR" or "XRSTOR64".  offset and what may be NULL.
 * Pure: no state, safe from any thread. */
int gf_pkey_scan_code(const uint8_t *code, size_t len, size_t *offset,
		      const char **what);

#endif
