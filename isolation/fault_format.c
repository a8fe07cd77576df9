/* fault_format.c — a fault record as one line of text.
 *
 * Hand-rolled rather than snprintf: the fault handler formats the record of
 * a host-context fault it cannot recover from, and only async-signal-safe
 * code may run there.  Portable: the Cortex-M firmware prints its fault
 * lines with it too, so whatever reads one platform's lines reads all.
 */
#include <signal.h>

#include "isolation.h"

const char *gf_access_str(gf_access a)
{
	switch (a) {
	case GF_ACCESS_READ: return "read";
	case GF_ACCESS_WRITE: return "write";
	case GF_ACCESS_EXEC: return "exec";
	}
	return "?";
}

static const char *context_str(gf_context c)
{
	switch (c) {
	case GF_CTX_HOST: return "host";
	case GF_CTX_MODULE: return "module";
	case GF_CTX_KERNEL: return "kernel";
	}
	return "?";
}

struct line {
	char *buf;
	size_t cap;
	size_t len; /* the whole line's length, even past cap */
};

static void put(struct line *l, const char *s)
{
	for (; *s; s++, l->len++)
		if (l->len + 1 < l->cap)
			l->buf[l->len] = *s;
}

static void put_hex(struct line *l, uintptr_t v)
{
	char digits[2 + 2 * sizeof v + 1], *p = digits + sizeof digits - 1;
	*p = '\0';
	do
		*--p = "0123456789abcdef"[v & 15];
	while (v >>= 4);
	*--p = 'x';
	*--p = '0';
	put(l, p);
}

static void put_dec(struct line *l, long v)
{
	char digits[24], *p = digits + sizeof digits - 1;
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(l, p);
}

static void put_principal(struct line *l, int who)
{
	if (who == GF_PRINCIPAL_KERNEL)
		put(l, "kernel");
	else if (who == GF_PRINCIPAL_NONE)
		put(l, "none");
	else
		put_dec(l, who);
}

/* "write addr=0x200000012040 region=mod2.data owner=2
 *  pc=module:mod1.code+0x4 ctx=module domain=mod1 caller=1 sig=SEGV code=2
 *  pkey=-1" (one line) */
int gf_fault_format(const struct gf_fault *f, char *buf, size_t len)
{
	struct line l = {buf, len, 0};
	put(&l, gf_access_str(f->access));
	put(&l, " addr=");
	put_hex(&l, f->addr);
	if (f->region) {
		put(&l, " region=");
		put(&l, f->region->name);
	} else if (f->guard_of) {
		put(&l, " guard-of=");
		put(&l, f->guard_of->name);
	} else {
		put(&l, " region=none");
	}
	put(&l, " owner=");
	put_principal(&l, f->owner);
	if (f->pc_in_module) {
		put(&l, " pc=module:");
		put(&l, f->pc_region->name);
		put(&l, "+");
		put_hex(&l, f->pc - f->pc_region->base);
	} else {
		put(&l, " pc=");
		put_hex(&l, f->pc);
	}
	put(&l, " ctx=");
	put(&l, context_str(f->context));
	put(&l, " domain=");
	put(&l, gf_domain_name(f->domain));
	put(&l, " caller=");
	put_principal(&l, f->caller);
	/* Linux claims SIGSEGV and SIGBUS only; Windows has no SIGBUS and
	 * records its access violations as SIGSEGV (docs/windows.md);
	 * Cortex-M records a BusFault as SIGBUS, a UsageFault as SIGILL and
	 * its code is the CFSR (.cm.fault-record). */
	put(&l, f->signo == SIGSEGV  ? " sig=SEGV code="
		: f->signo == SIGILL ? " sig=ILL code="
				     : " sig=BUS code="); /* no SIGBUS on Windows */
	put_dec(&l, f->si_code);
	put(&l, " pkey=");
	put_dec(&l, f->pkey);
	if (len)
		buf[l.len < len ? l.len : len - 1] = '\0';
	return (int)l.len;
}
