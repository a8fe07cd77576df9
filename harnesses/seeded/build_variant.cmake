# build_variant.cmake — configures and builds one bugged variant of the
# suite (a replay build with -DGATEFUZZ_BUG=BUG and the canaries), only the
# TARGETS its tests run; again on later runs, which is then quick.
#   cmake -DSOURCE= -DBINARY= -DGENERATOR= -DCC= -DBUG= -DTARGETS= -P build_variant.cmake
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -G ${GENERATOR}
          -DCMAKE_C_COMPILER=${CC} -DCMAKE_BUILD_TYPE=RelWithDebInfo
          -DGATEFUZZ_ENGINE=replay -DGATEFUZZ_BUG=${BUG} -DGATEFUZZ_BENCH=ON
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the GATEFUZZ_BUG=${BUG} variant failed:\n${out}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} --target ${TARGETS}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the GATEFUZZ_BUG=${BUG} variant failed:\n${out}")
endif()
