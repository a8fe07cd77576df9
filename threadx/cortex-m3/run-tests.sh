#!/bin/sh
# run-tests.sh TREE — builds ThreadX's Cortex-M3 port firmware from the
# ThreadX tree TREE (the folder holding common/) in build/cm3-threadx
# (build.sh), and runs its tests (labels threadx and cortex-m): the
# Linux replay build's ctest entry "threadx.cortex-m3" (from-linux.cmake).
# Exit 77 (skipped) when the toolchain or QEMU is missing.
set -eu
cd "$(dirname -- "$0")/../.."
[ $# -eq 1 ] || { echo "usage: run-tests.sh THREADX_TREE" >&2; exit 2; }
tree=$1

sh targets/cortex-m/check-tools.sh threadx.cortex-m3 || exit $?

sh threadx/cortex-m3/build.sh "$tree"
exec ctest --test-dir build/cm3-threadx -L threadx --output-on-failure
