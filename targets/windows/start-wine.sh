#!/bin/sh
# start-wine.sh WINESERVER EMULATOR... — the windows tests' first step
# (replay_tests.cmake): the prefix's wineserver, kept a minute after its last
# client (-p60) so that it never stops between two tests, then the prefix
# itself (wineboot --init).  EMULATOR is the build's wine64 command line,
# "env WINEPREFIX=... wine64", whose environment the server needs too.
set -eu
server=$1
shift
prefix=$(printf '%s\n' "$@" | sed -n 's/^WINEPREFIX=//p')
mkdir -p "$prefix"
# A server of an earlier run may still be up (a minute, or three seconds
# after the build's own wine64 runs); a second one for the prefix cannot
# start, and waiting for it (-w) can take that minute.  The prefix is the
# build's own, nothing else uses it: stop it (-k, no error when none runs).
WINEPREFIX=$prefix "$server" -k 2>/dev/null || :
# Neither the server nor the services wineboot starts may hold this test's
# pipes: they live as long as the server, and ctest would wait for them.
WINEPREFIX=$prefix "$server" -p60 </dev/null >/dev/null 2>&1
if ! "$@" wineboot --init </dev/null >"$prefix/wineboot.log" 2>&1; then
	cat "$prefix/wineboot.log" >&2
	exit 1
fi
