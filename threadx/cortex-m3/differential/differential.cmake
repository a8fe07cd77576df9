# differential.cmake — the differential replay of the host port's ThreadX
# corpus on ThreadX's Cortex-M3 port (.txcm3.differential), part of the
# Linux replay build (from-linux.cmake): gf-tx-describe, the host's ThreadX
# targets in one program whose calls are printed in layout-independent
# terms (describe.c), and the test threadx.cm3.differential, which
# translates them into the port's input format, replays them on the
# firmware and compares the verdicts (run-differential).
set(GF_TX_DIFF_DIR ${CMAKE_CURRENT_LIST_DIR})
set(GF_HARNESS_DIR ${PROJECT_SOURCE_DIR}/harnesses)
# The targets' own sources, each entry point renamed (describe_entry.h).
foreach(entry service sequence puppet)
  add_library(gf_tx_describe_${entry} OBJECT ${GF_HARNESS_DIR}/fuzz_${entry}.c)
  target_link_libraries(gf_tx_describe_${entry} PRIVATE gf_harness_threadx)
  target_compile_definitions(gf_tx_describe_${entry} PRIVATE
    LLVMFuzzerTestOneInput=gf_describe_${entry}_input)
  target_compile_options(gf_tx_describe_${entry} PRIVATE
    -include ${GF_TX_DIFF_DIR}/describe_entry.h)
endforeach()
target_compile_definitions(gf_tx_describe_service PRIVATE GF_TARGET_SERVICE=gf_describe_service)
add_executable(gf-tx-describe ${GF_TX_DIFF_DIR}/describe.c $<TARGET_OBJECTS:gf_tx_describe_service>
  $<TARGET_OBJECTS:gf_tx_describe_sequence> $<TARGET_OBJECTS:gf_tx_describe_puppet>)
target_include_directories(gf-tx-describe PRIVATE ${GF_TX_DIFF_DIR})
target_link_libraries(gf-tx-describe PRIVATE gf_harness_threadx)
# Every call the targets make, observed without touching the harness.
target_link_options(gf-tx-describe PRIVATE -Wl,--wrap=gf_decode_call -Wl,--wrap=gf_harness_call
  -Wl,--wrap=gf_harness_raw -Wl,--wrap=gf_harness_request -Wl,--wrap=gf_fixture_fill_pool)
gatefuzz_embed_modules(gf-tx-describe puppet)
# The test needs this build's gf-tx-describe and the port's firmware, so it
# is this build's (beside threadx.cortex-m3, which runs the firmware's own
# suite), with the same labels.
add_test(NAME threadx.cm3.differential
  COMMAND sh ${GF_TX_DIFF_DIR}/run-test.sh ${GATEFUZZ_THREADX} $<TARGET_FILE:gf-tx-describe>)
set_tests_properties(threadx.cm3.differential PROPERTIES LABELS "threadx;cortex-m"
  SKIP_RETURN_CODE 77 TIMEOUT 1200 RESOURCE_LOCK cortex-m-builds)
