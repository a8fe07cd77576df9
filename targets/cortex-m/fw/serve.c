/* serve.c — the persistent serve loop: one boot, many inputs. */
#include "serve.h"

#include <string.h>

#include "console.h"
#include "coverage.h"
#include "semihost.h"

#define MAX_ARGS 32

static uint8_t input[GF_BRIDGE_MAX_INPUT];

int gf_cm_args(char **argv, int max)
{
	static char line[2048];
	if (gf_sh_cmdline(line, sizeof line) < 0) {
		gf_console_printf("no command line (longer than %u bytes?)\n",
				  (unsigned)sizeof line);
		return -1;
	}
	int argc = 0;
	for (char *p = strtok(line, " "); p && argc < max; p = strtok(NULL, " "))
		argv[argc++] = p;
	return argc;
}

int gf_cm_serve_pipes(const char *request, const char *response, gf_cm_run_input run)
{
	int in = gf_sh_open(request, GF_SH_READ);
	int out = gf_sh_open(response, GF_SH_WRITE);
	if (in < 0 || out < 0) {
		gf_console_printf("serve: cannot open %s / %s\n", request, response);
		return 2;
	}
	for (;;) {
		uint32_t len;
		if (gf_sh_read_all(in, &len, sizeof len) < 0)
			return 0; /* the bridge is done */
		if (len > sizeof input || gf_sh_read_all(in, input, len) < 0) {
			gf_console_printf("serve: bad request of %lu bytes\n", (unsigned long)len);
			return 2;
		}
		struct gf_bridge_response res = {0};
		gf_cov_reset();
		run(input, len, &res);
		res.magic = GF_BRIDGE_MAGIC;
		res.map_size = GF_COV_MAP_SIZE;
		if (gf_sh_write_all(out, &res, sizeof res) < 0 ||
		    gf_sh_write_all(out, gf_cov_map, sizeof gf_cov_map) < 0)
			return 2;
	}
}

static int serve_files(int n, char **files, gf_cm_run_input run)
{
	static const char *const names[] = {"ok", "contained", "BUG"};
	int bugs = 0;
	for (int i = 0; i < n; i++) {
		int h = gf_sh_open(files[i], GF_SH_READ);
		long len = h < 0 ? -1 : gf_sh_flen(h);
		if (len < 0 || (size_t)len > sizeof input || gf_sh_read_all(h, input, (size_t)len) < 0) {
			gf_console_printf("%s: cannot read (at most %u bytes)\n", files[i],
					  GF_BRIDGE_MAX_INPUT);
			return 2;
		}
		gf_sh_close(h);
		struct gf_bridge_response res = {0};
		run(input, (size_t)len, &res);
		gf_console_printf("%s: %s", files[i], names[res.verdict % 3]);
		if (res.verdict != GF_BRIDGE_OK)
			gf_console_printf(" signal=%lu CFSR=0x%08lx pc=0x%08lx addr=0x%08lx",
					  (unsigned long)res.signo, (unsigned long)res.cfsr,
					  (unsigned long)res.pc, (unsigned long)res.addr);
		gf_console_printf("\n");
		bugs += res.verdict == GF_BRIDGE_BUG;
	}
	return bugs ? 1 : 0;
}

int gf_cm_serve(gf_cm_run_input run)
{
	char *argv[MAX_ARGS];
	int argc = gf_cm_args(argv, MAX_ARGS);
	if (argc < 0)
		return 2;
	if (argc >= 3 && !strcmp(argv[1], "--file"))
		return serve_files(argc - 2, argv + 2, run);
	if (argc == 3)
		return gf_cm_serve_pipes(argv[1], argv[2], run);
	gf_console_printf("usage: IMAGE REQUEST_PIPE RESPONSE_PIPE | IMAGE --file FILE...\n");
	return 2;
}
