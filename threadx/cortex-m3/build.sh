#!/bin/sh
# build.sh TREE [TARGET...] — configures build/cm3-threadx for ThreadX's
# Cortex-M3 port with the ThreadX tree TREE (the folder holding common/),
# again only when the tree changed, and builds TARGETs (default: every
# image of the port, gf_tx_cm3_firmware).  The preset's build/cm3 keeps its
# own configuration.
set -eu
cd "$(dirname -- "$0")/../.."
[ $# -ge 1 ] || { echo "usage: build.sh THREADX_TREE [TARGET...]" >&2; exit 2; }
tree=$1
shift
dir=build/cm3-threadx
if ! grep -qx "GATEFUZZ_THREADX:PATH=$tree" "$dir/CMakeCache.txt" 2>/dev/null; then
	cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm-none-eabi.cmake \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DGATEFUZZ_BOARD=an385 -DGATEFUZZ_THREADX="$tree"
fi
[ $# -gt 0 ] || set -- gf_tx_cm3_firmware
exec cmake --build "$dir" --parallel 2 --target "$@"
