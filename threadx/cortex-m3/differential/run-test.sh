#!/bin/sh
# run-test.sh TREE DESCRIBE — the test threadx.cm3.differential of the Linux
# replay build (differential.cmake): builds the port's fuzz image from the
# ThreadX tree TREE (build.sh) and runs run-differential with the replay
# build's gf-tx-describe.  Exit 77 (skipped) when the toolchain or QEMU is
# missing.
set -eu
cd "$(dirname -- "$0")/../../.."
[ $# -eq 2 ] || { echo "usage: run-test.sh THREADX_TREE GF_TX_DESCRIBE" >&2; exit 2; }
sh targets/cortex-m/check-tools.sh threadx.cm3.differential || exit $?
sh threadx/cortex-m3/build.sh "$1" gf-tx-fuzz-an385 >/dev/null
exec python3 threadx/cortex-m3/differential/run-differential --describe "$2"
