# from-linux.cmake — ThreadX's Cortex-M3 port tests (run-tests.sh) as one
# test of the Linux replay build, "threadx.cortex-m3" (labels threadx and
# cortex-m), with the build's ThreadX tree, so that ./gatefuzz test runs
# them; without a tree the build's threadx.tree test says why they are not.
if(GATEFUZZ_ENGINE STREQUAL "replay" AND GATEFUZZ_THREADX)
  add_test(NAME threadx.cortex-m3
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run-tests.sh ${GATEFUZZ_THREADX}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(threadx.cortex-m3 PROPERTIES LABELS "threadx;cortex-m"
    SKIP_RETURN_CODE 77 TIMEOUT 900 RESOURCE_LOCK cortex-m-builds)
  include(${CMAKE_CURRENT_LIST_DIR}/differential/differential.cmake)
endif()
