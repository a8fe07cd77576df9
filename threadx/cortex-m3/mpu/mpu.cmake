# The MPU layout check (mpu_main.c): the probe module loaded with a range
# of code and data sizes, the MPU registers the port programmed read back
# in the module's own thread, every region checked against the module's
# memory, the shared window and the kernel entry.
gf_tx_image(gf-tx-mpu MODULES probe SOURCES mpu/mpu_main.c mpu/mpu_regions.c probe/probe_run.c)
target_include_directories(gf-tx-mpu-an385 PRIVATE ${GF_TX_DIR}/probe ${GF_TX_DIR}/mpu)
add_test(NAME threadx.cm3.mpu_layout
  COMMAND ${GF_TX_RUN} --timeout 300 $<TARGET_FILE:gf-tx-mpu-an385>)
set_tests_properties(threadx.cm3.mpu_layout PROPERTIES LABELS "threadx;cortex-m")
