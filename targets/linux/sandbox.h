/* sandbox.h — one process's world of modules around the kernel (library
 * gf_linux): the isolation core, the kernel arena, N module slots and two
 * shared windows, all created once, in a fixed order, so every process
 * that sets up the same sandbox gets the same addresses (.iso.fixed).
 *
 *   kernel-arena  64 KiB  the kernel (kernel/kernel.h)
 *   shared-ro      4 KiB  read-only window granted to every module
 *   shared-rw      4 KiB  read-write window granted to every module
 *   per slot i:   mod<i>.code 64 KiB r-x, mod<i>.data 128 KiB rw-
 *                 (struct gf_module_env at its base, the stack at its top)
 *
 * Module id = slot index.  A sandbox is set up once per process:
 * gf_iso_init may run only once, and regions are never freed.
 */
#ifndef GATEFUZZ_SANDBOX_H
#define GATEFUZZ_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include "isolation.h"
#include "kernel.h"
#include "module_image.h"
#include "sdk/gf_module.h"

#define GF_SANDBOX_MAX_SLOTS GF_MAX_MODULES /* 40 */
#define GF_SANDBOX_ARENA_SIZE (64u * 1024)
#define GF_SANDBOX_CODE_SIZE (64u * 1024)
#define GF_SANDBOX_DATA_SIZE (128u * 1024)
#define GF_SANDBOX_WINDOW_SIZE (4u * 1024)

struct gf_slot {
	int module;                     /* module id (= slot index)          */
	struct gf_module_domains dom;
	const struct gf_region *code, *data;
	struct gf_image_info image;     /* image.code points into `code`     */
	int loaded;
	uintptr_t entry, stack_top;
	struct gf_module_env *env;      /* at data->base                     */
};

struct gf_sandbox {
	const struct gf_region *arena, *shared_ro, *shared_rw;
	int nslots;
	struct gf_slot slot[GF_SANDBOX_MAX_SLOTS];
	/* gf_sandbox_snapshot's copies (malloc'd on first use). */
	uint8_t *snap_arena, *snap_rw;
	uint8_t *snap_data[GF_SANDBOX_MAX_SLOTS];
	/* .harn.view (sandbox_snapshot.c): the slot whose kernel view the host
	 * side is in (-1: the host domain), and the slots whose kernel views it
	 * has been in since the last snapshot or restore. */
	int view;
	uint64_t viewed;
	/* Slots whose data is the snapshot's again (gf_sandbox_reset_data,
	 * gf_sandbox_data_unchanged): the restore passes them by. */
	uint64_t clean;
	/* sandbox_kept.c: the kept state's copy of the arena, and whether
	 * there is one. */
	int kept;
	uint8_t *kept_arena;
};

/* Sets up isolation with `backend` ("none", "mprotect", "auto", ...), the
 * regions, every slot's domains and the kernel.  Once per process: a second
 * call fails.  Returns 0, or -1 with a message in err. */
int gf_sandbox_init(struct gf_sandbox *sb, const char *backend, int nslots,
		    char *err, size_t errlen);

/* Validates the image (gf_image_parse, then that it fits the slot), copies
 * its code, zeroes the data, sets the environment and tells the kernel.
 * On failure the slot is left empty and clean and err names the field. */
int gf_sandbox_load(struct gf_sandbox *sb, int slot, const uint8_t *image,
		    size_t len, char *err, size_t errlen);
/* The same from a file; unreadable and oversized files fail clearly. */
int gf_sandbox_load_file(struct gf_sandbox *sb, int slot, const char *path,
			 char *err, size_t errlen);
/* Takes a module out of the kernel (its objects deleted, blocks freed) and
 * clears its slot. */
int gf_sandbox_unload(struct gf_sandbox *sb, int slot);

/* Runs the slot's entry as its module: 0 returned, 1 faulted (*fault
 * filled), -1 misuse (slot not loaded). */
int gf_sandbox_run(struct gf_sandbox *sb, int slot, struct gf_fault *fault);

/* Copies the arena, the read-write window and the data region of every
 * loaded slot aside (host context, in the host domain), and back: only the
 * pages that differ, of the regions that can have changed (.harn.restore).
 * Memory only: modules loaded or unloaded in between are not undone. */
void gf_sandbox_snapshot(struct gf_sandbox *sb);
void gf_sandbox_restore(struct gf_sandbox *sb);
/* Tells the next restore that these slots' data equal the snapshot, found
 * so by a comparison after anything that could write them last ran: it
 * passes by those of them the host side did not view since the last
 * restore (.harn.restore.verified). */
void gf_sandbox_data_unchanged(struct gf_sandbox *sb, uint64_t slots);

/* .harn.view: the host side's view between module runs.  view_slot puts it
 * in the view the kernel has while serving `slot` (its kernel-for domain),
 * view_host back in the host domain, where every region has its natural
 * permission (loading, snapshots, anything that reads every region). */
void gf_sandbox_view_slot(struct gf_sandbox *sb, int slot);
void gf_sandbox_view_host(struct gf_sandbox *sb);

/* Puts `slot`'s data region back to the snapshot now, in the slot's view,
 * for a module whose run's effects on its own memory nothing reads
 * afterwards (the third module's fill, .harn.fixture.full.clean): the
 * next restore then passes it by, and needs not come back to its view. */
void gf_sandbox_reset_data(struct gf_sandbox *sb, int slot);

/* .harn.fixture.full.kept (sandbox_kept.c): a second saved state, of the
 * kernel's (the arena and the kernel's own state).  keep saves the current
 * one; -1 (nothing kept) when the memory of the modules or the windows
 * differs from the snapshot, or memory is short.  matches: the arena and
 * the kernel's state equal the snapshot's (GF_KERNEL_SNAPSHOT) or the kept
 * state's (GF_KERNEL_KEPT); 0 when nothing is kept.  load_kept copies the
 * kept state over them, in a view that may write the arena (any kernel
 * view, and the host's).  A new snapshot drops it. */
int gf_sandbox_keep(struct gf_sandbox *sb);
void gf_sandbox_drop_kept(struct gf_sandbox *sb);
int gf_sandbox_matches(struct gf_sandbox *sb, enum gf_kernel_save save);
void gf_sandbox_load_kept(struct gf_sandbox *sb);

#endif
