# The isolation matrix on the real port (isolation_main.c): module A
# against its own memory, module B's, the kernel's and the shared window,
# read / write / execute, and its stack pointer moved into kernel memory
# before a kernel entry or a context switch.
gf_tx_image(gf-tx-isolation MODULES probe
  SOURCES isolation/isolation_main.c probe/probe_run.c probe/objects.c)
target_include_directories(gf-tx-isolation-an385 PRIVATE ${GF_TX_DIR}/probe)
add_test(NAME threadx.cm3.isolation
  COMMAND ${GF_TX_RUN} --timeout 120 $<TARGET_FILE:gf-tx-isolation-an385>)
set_tests_properties(threadx.cm3.isolation PROPERTIES LABELS "threadx;cortex-m")
# TXCM3-SVC-STACK (docs/threadx.md): a module's kernel entry with its stack
# pointer in memory it may not write leaves the SVC pending past the
# port's fault handler, whose SVC handler then reads the frame there and
# faults in handler mode.  Expected until a tree fixes it, as the host's
# threadx.regression.* tests expect their BUG.
foreach(where kernel.data B.data)
  add_test(NAME threadx.cm3.finding.svc-stack.${where}
    COMMAND ${GF_TX_RUN} --timeout 60 $<TARGET_FILE:gf-tx-isolation-an385> sp+call:${where})
  set_tests_properties(threadx.cm3.finding.svc-stack.${where} PROPERTIES LABELS "threadx;cortex-m"
    PASS_REGULAR_EXPRESSION "GATEFUZZ-BUG: kernel-fault service=- param=- module=- thread=- ")
endforeach()
