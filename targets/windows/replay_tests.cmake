# replay_tests.cmake — the Windows build's replay tests (ctest label
# windows): every fuzz target replays its corpus under wine64 and must give
# each input the verdict the Linux replay build gives it, or the difference
# must be listed with its reason in known-differences.txt.

set(GATEFUZZ_LINUX_REPLAY_DIR "${PROJECT_SOURCE_DIR}/build/replay" CACHE PATH
  "the Linux replay build whose verdicts the Windows replay must match")

# wine64 makes its prefix on first use (several seconds): once, before the
# other tests, rather than by several of them at the same moment.  The same
# step starts the prefix's wineserver to stay a minute after its last client
# (start-wine.sh): by default the last wine64 to leave stops it three
# seconds later, and a test starting at that moment fails to connect.
add_test(NAME windows_wineprefix
  COMMAND sh ${PROJECT_SOURCE_DIR}/targets/windows/start-wine.sh
          ${GATEFUZZ_WINESERVER} ${CMAKE_CROSSCOMPILING_EMULATOR})
set_tests_properties(windows_wineprefix PROPERTIES LABELS windows
  FIXTURES_SETUP windows_wine)

# The fuzz targets are known once harnesses/ is configured (targets.txt):
# the tests are added at the end of the top-level directory.
function(gatefuzz_windows_replay_tests)
  file(STRINGS ${PROJECT_BINARY_DIR}/harnesses/targets.txt targets)
  # A list cannot cross the command line whole: '|' stands for ';'.
  string(REPLACE ";" "|" emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
  set(here ${PROJECT_SOURCE_DIR}/targets/windows)
  foreach(target IN LISTS targets)
    add_test(NAME windows_replay_${target}
      COMMAND ${CMAKE_COMMAND} -DTARGET=${target}
              -DWINDOWS_REPLAY=$<TARGET_FILE:${target}>
              -DLINUX_REPLAY=${GATEFUZZ_LINUX_REPLAY_DIR}/harnesses/${target}
              -DEMULATOR=${emulator} -DSOURCE=${PROJECT_SOURCE_DIR}
              -DKNOWN=${here}/known-differences.txt
              -P ${here}/replay_compare.cmake)
    set_tests_properties(windows_replay_${target} PROPERTIES LABELS windows
      FIXTURES_REQUIRED windows_wine)
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL gatefuzz_windows_replay_tests)
