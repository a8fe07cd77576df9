#!/bin/sh
# run-tests.sh TREE — builds ThreadX's Cortex-M3 port firmware from the
# ThreadX tree TREE (the folder holding common/) in build/cm3-threadx, a
# build of its own (the cortex-m-an385 preset's build/cm3 keeps its
# configuration), and runs its tests (labels threadx and cortex-m): the
# Linux replay build's ctest entry "threadx.cortex-m3" (from-linux.cmake).
# Exit 77 (skipped) when the toolchain or QEMU is missing.
set -eu
cd "$(dirname -- "$0")/../.."
[ $# -eq 1 ] || { echo "usage: run-tests.sh THREADX_TREE" >&2; exit 2; }
tree=$1
dir=build/cm3-threadx

sh targets/cortex-m/check-tools.sh threadx.cortex-m3 || exit $?

# Configured again only when the tree changed (as the front end does).
if ! grep -qx "GATEFUZZ_THREADX:PATH=$tree" "$dir/CMakeCache.txt" 2>/dev/null; then
	cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm-none-eabi.cmake \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGATEFUZZ_BOARD=an385 -DGATEFUZZ_THREADX="$tree"
fi
cmake --build "$dir" --parallel 2 --target gf_tx_cm3_firmware
exec ctest --test-dir "$dir" -L threadx --output-on-failure
