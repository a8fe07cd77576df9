# from-linux.cmake — the windows preset's test run as one test ("windows",
# label windows) of the Linux replay build, so that ./gatefuzz test runs it
# (and installs the "windows" dependencies first).  run-tests.sh builds the
# windows preset when needed, then runs ctest --preset windows; it exits 77,
# which ctest shows as skipped, when the cross compiler or wine64 is
# missing.  Only the replay build registers it: the Windows replay is
# compared with that build's verdicts.
if(GATEFUZZ_ENGINE STREQUAL "replay")
  add_test(NAME windows COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run-tests.sh
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(windows PROPERTIES LABELS windows SKIP_RETURN_CODE 77
    PROCESSORS 2 TIMEOUT 900)
endif()
