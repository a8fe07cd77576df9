# replay_compare.cmake — one target's corpus replayed by the Linux replay
# build (mprotect) and by the Windows build under wine64 (win32): each input
# must get the same verdict line, or the pair must be listed in KNOWN.
#
#   cmake -DTARGET=t -DLINUX_REPLAY=linux-binary -DWINDOWS_REPLAY=t.exe -DEMULATOR=a|b|c
#         -DSOURCE=repository -DKNOWN=known-differences.txt
#         -P replay_compare.cmake
# Both run from SOURCE on corpus/<t>, so both print the same paths.
if(NOT EXISTS "${LINUX_REPLAY}")
  message(FATAL_ERROR "${TARGET}: no Linux replay build at ${LINUX_REPLAY}: build the "
    "replay preset first (cmake --preset replay && cmake --build --preset replay)")
endif()
string(REPLACE "|" ";" EMULATOR "${EMULATOR}")

# Verdict lines "<path>: <verdict>" keyed by path, and the summary line.
function(replay prefix)
  execute_process(COMMAND ${ARGN} corpus/${TARGET} WORKING_DIRECTORY ${SOURCE}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
  string(REPLACE "\r" "" out "${out}")
  string(REGEX MATCH "replayed [^\n]*" summary "${err}")
  string(REGEX MATCHALL "corpus/[^\n]*" lines "${out}")
  set(${prefix}_lines "${lines}" PARENT_SCOPE)
  set(${prefix}_summary "${summary} (exit ${status})" PARENT_SCOPE)
  # what it said on stderr, for a run that gave no verdicts at all
  string(LENGTH "${err}" length)
  if(length GREATER 600)
    math(EXPR from "${length} - 600")
    string(SUBSTRING "${err}" ${from} 600 err)
  endif()
  set(${prefix}_stderr "${err}" PARENT_SCOPE)
endfunction()
replay(linux ${CMAKE_COMMAND} -E env GATEFUZZ_BACKEND=mprotect ${LINUX_REPLAY})
replay(windows ${CMAKE_COMMAND} -E env GATEFUZZ_BACKEND=win32 ${EMULATOR} ${WINDOWS_REPLAY})
# Rarely (one test in a full suite run, on a loaded machine) wine64 exits 1
# within 0.05 s having printed nothing: the program never ran, so there is no
# verdict to compare.  That one case is run again, with wine's own error
# messages on, so that a second failure says why.
if(NOT windows_summary MATCHES "^replayed" AND windows_stderr STREQUAL "")
  message(STATUS "${TARGET}: wine64 gave no output${windows_summary}: running it again")
  list(TRANSFORM EMULATOR REPLACE "^WINEDEBUG=.*" "WINEDEBUG=err+all")
  replay(windows ${CMAKE_COMMAND} -E env GATEFUZZ_BACKEND=win32 ${EMULATOR} ${WINDOWS_REPLAY})
endif()

# known-differences.txt: "<target>/<input>: <Linux verdict> -> <Windows
# verdict> | <reason>" per line; '#' starts a comment.
set(known "")
if(EXISTS "${KNOWN}")
  file(STRINGS "${KNOWN}" entries REGEX "^[^#].* -> .* \\| ")
  foreach(entry IN LISTS entries)
    string(REGEX REPLACE " \\| .*" "" entry "${entry}")
    list(APPEND known "${entry}")
  endforeach()
endif()

# Both list the directory in strcmp order (scandir): line i is about the
# same input in both, unless an input is missing.
set(agree 0)
set(listed 0)
set(unexplained "")
list(LENGTH linux_lines inputs)
list(LENGTH windows_lines windows_inputs)
if(inputs EQUAL windows_inputs AND inputs GREATER 0)
  math(EXPR last "${inputs} - 1")
  foreach(i RANGE ${last})
    list(GET linux_lines ${i} want)
    list(GET windows_lines ${i} got)
    if(got STREQUAL want)
      math(EXPR agree "${agree} + 1")
      continue()
    endif()
    string(REGEX REPLACE "^corpus/" "" want "${want}")
    string(REGEX REPLACE "^[^:]*: " "" got "${got}")
    if("${want} -> ${got}" IN_LIST known)
      math(EXPR listed "${listed} + 1")
      message(STATUS "known difference: ${want} -> ${got}")
    else()
      list(APPEND unexplained "  ${want} -> ${got}")
    endif()
  endforeach()
endif()

message(STATUS "${TARGET}: ${inputs} inputs: ${agree} same verdict, ${listed} known differences\n"
  "  Linux:   ${linux_summary}\n  Windows: ${windows_summary}")
if(unexplained OR NOT inputs EQUAL windows_inputs OR inputs EQUAL 0)
  string(REPLACE ";" "\n" unexplained "${unexplained}")
  set(said "")
  if(windows_inputs EQUAL 0)
    set(said "\nWindows stderr (end):\n${windows_stderr}")
  endif()
  message(FATAL_ERROR "${TARGET}: ${windows_inputs} Windows verdicts for ${inputs} "
    "Linux ones; differences (<input>: <Linux> -> <Windows>) not in "
    "known-differences.txt:\n${unexplained}${said}")
endif()
