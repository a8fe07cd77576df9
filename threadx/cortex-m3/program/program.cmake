# The program module on the real port (program_main.c): a well-behaved
# module's calls with ThreadX's documented statuses, and the host port's
# bug classes re-enacted.
gf_txm_module(program START gf_program_start SOURCES ${GF_TX_DIR}/program/program_module.c)
gf_tx_image(gf-tx-program MODULES program SOURCES program/program_main.c probe/probe_run.c probe/objects.c)
target_include_directories(gf-tx-program-an385 PRIVATE ${GF_TX_DIR}/probe ${GF_TX_DIR}/program)
add_test(NAME threadx.cm3.well_behaved
  COMMAND ${GF_TX_RUN} --timeout 60 $<TARGET_FILE:gf-tx-program-an385> well-behaved)
set_tests_properties(threadx.cm3.well_behaved PROPERTIES LABELS "threadx;cortex-m")
# Each class gives on the port the BUG the host port's reproducer gives,
# class for class (check-class: the host's threadx/known-bugs.txt), as
# the host's threadx.regression.* tests expect theirs: until a tree fixes it.
foreach(class tx-use tx-create tx-delete tx-thread tx-pool tx-release tx-dealloc tx-alloc)
  string(TOUPPER ${class} id)
  add_test(NAME threadx.cm3.class.${class}
    COMMAND ${GF_TX_DIR}/check-class ${id}
            ${GF_TX_RUN} --timeout 60 $<TARGET_FILE:gf-tx-program-an385> ${class})
  set_tests_properties(threadx.cm3.class.${class} PROPERTIES LABELS "threadx;cortex-m")
endforeach()
