# from-linux.cmake — each board's firmware test suite (ctest --preset
# cortex-m-<board>: the isolation matrix on the MPU, the toy target, the
# afl-fuzz bridge, the kernel smoke test, the harness replay) as one test of
# the Linux replay build, "cm.firmware.<board>" (label cortex-m), so that
# ./gatefuzz test runs them and installs the cortex-m dependencies first.
# run-tests.sh builds the board's preset when needed; it exits 77, which
# ctest shows as skipped, when the toolchain or QEMU is missing.
if(GATEFUZZ_ENGINE STREQUAL "replay")
  foreach(board an385 an505)
    add_test(NAME cm.firmware.${board}
             COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run-tests.sh ${board}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    # The differential test builds the same build directories.
    set_tests_properties(cm.firmware.${board} PROPERTIES LABELS cortex-m
      SKIP_RETURN_CODE 77 TIMEOUT 900 RESOURCE_LOCK cortex-m-builds)
  endforeach()
endif()
# ThreadX's own Cortex-M3 port, built from the build's ThreadX tree.
include(${PROJECT_SOURCE_DIR}/threadx/cortex-m3/from-linux.cmake)
