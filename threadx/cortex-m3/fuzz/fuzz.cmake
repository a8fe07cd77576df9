# fuzz_threadx_cm3_sequence (fuzz_main.c): call sequences on the real port,
# served to afl-fuzz by the Cortex-M bridge (targets/cortex-m/afl-bridge),
# with edge coverage of ThreadX's code: the kernel compiled again with
# trace-pc and trace-cmp hooks (targets/cortex-m/fw/coverage.c).
add_library(gf_tx_cm3_cov STATIC ${tx_kernel_sources})
target_include_directories(gf_tx_cm3_cov PUBLIC ${GF_TX_INCLUDES} ${tx}/common_modules/module_manager/inc)
target_compile_options(gf_tx_cm3_cov PRIVATE -w -fsanitize-coverage=trace-pc,trace-cmp)
target_compile_definitions(gf_tx_cm3_cov PUBLIC ${GF_TX_CONFIG})
gf_tx_image(gf-tx-fuzz MODULES program
  SOURCES fuzz/fuzz_main.c fuzz/fuzz_resolve.c fuzz/services.c probe/probe_run.c probe/objects.c
  KERNEL gf_tx_cm3_cov)
# services.def: the host port's service names; verdicts.def: the verdicts
# the bridge counts
target_include_directories(gf-tx-fuzz-an385 PRIVATE ${GF_TX_DIR}/probe ${GF_TX_DIR}/program ${GF_TX_DIR}/fuzz
  ${GF_ROOT}/threadx ${GF_ROOT}/harnesses)
target_link_libraries(gf-tx-fuzz-an385 PRIVATE gf_cm_serve)
# the bridge its tests and campaigns use
add_dependencies(gf_tx_cm3_firmware gf_afl_bridge)
# The seeds replay without a BUG, in one boot and through the bridge.
file(GLOB GF_TX_FUZZ_SEEDS CONFIGURE_DEPENDS ${GF_ROOT}/corpus/fuzz_threadx_cm3_sequence/*)
add_test(NAME threadx.cm3.fuzz.seeds
  COMMAND ${GF_TX_RUN} --timeout 120 $<TARGET_FILE:gf-tx-fuzz-an385> --file ${GF_TX_FUZZ_SEEDS})
add_test(NAME threadx.cm3.fuzz.bridge
  COMMAND ${GF_BRIDGE} $<TARGET_FILE:gf-tx-fuzz-an385> ${GF_TX_FUZZ_SEEDS})
set_tests_properties(threadx.cm3.fuzz.seeds threadx.cm3.fuzz.bridge PROPERTIES
  LABELS "threadx;cortex-m" FAIL_REGULAR_EXPRESSION "BUG")
# Inputs of the host's classes (fuzz/known/<class>[-how]) give a BUG of
# that class (check-class).
file(GLOB GF_TX_FUZZ_KNOWN CONFIGURE_DEPENDS ${GF_TX_DIR}/fuzz/known/*)
foreach(input IN LISTS GF_TX_FUZZ_KNOWN)
  get_filename_component(name ${input} NAME)
  string(REGEX MATCH "^tx-[a-z]+" class ${name})
  string(TOUPPER ${class} id)
  add_test(NAME threadx.cm3.fuzz.known.${name}
    COMMAND ${GF_TX_DIR}/check-class ${id}
            ${GF_TX_RUN} --timeout 60 $<TARGET_FILE:gf-tx-fuzz-an385> --file ${input})
  set_tests_properties(threadx.cm3.fuzz.known.${name} PROPERTIES LABELS "threadx;cortex-m")
endforeach()
