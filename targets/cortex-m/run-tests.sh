#!/bin/sh
# run-tests.sh BOARD — builds the cortex-m-BOARD preset when needed and runs
# its tests (the Linux replay build's ctest entry "cm.firmware.BOARD",
# from-linux.cmake).  Exit 77 (skipped) when the toolchain or QEMU is
# missing.
set -eu
cd "$(dirname -- "$0")/../.."
board=$1
case $board in # the presets' binaryDir (CMakePresets.json)
an385) dir=build/cm3 ;;
an505) dir=build/cm33 ;;
*) echo "run-tests.sh: unknown board '$board' (an385 or an505)" >&2; exit 2 ;;
esac

sh targets/cortex-m/check-tools.sh "cm.firmware.$board" || exit $?

[ -f "$dir/CMakeCache.txt" ] || cmake --preset "cortex-m-$board"
cmake --build --preset "cortex-m-$board"
exec ctest --preset "cortex-m-$board" --output-on-failure
