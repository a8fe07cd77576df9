# ThreadX's own sample module (the tree's sample_threadx_module.c and its
# preamble), built with the tree's module library, loaded by the firmware
# and scheduled by the port for a few seconds of SysTick (sample_main.c).
gf_txm_module(sample START demo_module_start
  SOURCES ${port}/example_build/sample_threadx_module.c)
# Where the sample's thread counters are in its data area: their link
# addresses less the module RAM base, from the module's symbols.
set(symbols ${CMAKE_CURRENT_BINARY_DIR}/sample_symbols.h)
add_custom_command(OUTPUT ${symbols}
  COMMAND ${CMAKE_NM} ${CMAKE_CURRENT_BINARY_DIR}/modules/sample.axf > ${symbols}.nm
  COMMAND ${CMAKE_COMMAND} -DNM=${symbols}.nm -DOUT=${symbols}
          -P ${GF_TX_DIR}/sample/counters.cmake
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/modules/sample.bin ${GF_TX_DIR}/sample/counters.cmake
  VERBATIM)
gf_tx_image(gf-tx-sample MODULES sample SOURCES sample/sample_main.c ${symbols})
target_include_directories(gf-tx-sample-an385 PRIVATE ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME threadx.cm3.sample_module
  COMMAND ${GF_TX_RUN} --timeout 60 $<TARGET_FILE:gf-tx-sample-an385>)
set_tests_properties(threadx.cm3.sample_module PROPERTIES LABELS "threadx;cortex-m")
