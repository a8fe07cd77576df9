#!/bin/sh
# run-tests.sh — builds the windows preset when needed and runs its tests
# (the Linux replay build's ctest entry "windows", from-linux.cmake).
# Exit 77 (skipped) when the mingw-w64 compiler or wine64 is missing.
set -eu
cd "$(dirname -- "$0")/../.."

missing=""
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="$missing gcc-mingw-w64-x86-64"
[ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null 2>&1 || missing="$missing wine64"
if [ -n "$missing" ]; then
	echo "windows: SKIP: not installed:$missing (./gatefuzz deps --install windows)"
	exit 77
fi

[ -f build/windows/CMakeCache.txt ] || cmake --preset windows
cmake --build --preset windows
exec ctest --preset windows -j "$(nproc)"
