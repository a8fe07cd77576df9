#!/bin/sh
# check-tools.sh TEST — exits 77 (ctest's "skipped", with the reason) when
# the Cortex-M toolchain or QEMU is missing, else 0; for the scripts that
# run firmware suites as one test of the Linux build (run-tests.sh,
# threadx/cortex-m3/run-tests.sh).
missing=""
command -v arm-none-eabi-gcc >/dev/null 2>&1 || missing="$missing gcc-arm-none-eabi"
command -v qemu-system-arm >/dev/null 2>&1 || missing="$missing qemu-system-arm"
if [ -n "$missing" ]; then
	echo "$1: SKIP: not installed:$missing (./gatefuzz deps --install cortex-m)"
	exit 77
fi
