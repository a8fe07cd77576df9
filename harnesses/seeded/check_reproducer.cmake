# check_reproducer.cmake — a seeded bug's reproducer (input + expect) must
# give its clean= verdict with the correct build and its verdict= (a BUG of
# the expected kind) with the bugged one.  Both under mprotect, the backend
# the expected kinds are written for.
#   cmake -DREPRODUCER=<dir> -DCLEAN=<harnesses dir> -DBUGGED=<harnesses dir>
#         [-DSELECT=<bug>: the runtime switch] -P check_reproducer.cmake
if(NOT EXISTS ${REPRODUCER}/expect)
  message(FATAL_ERROR "no reproducer in ${REPRODUCER} (gf_gen regressions corpus/regressions writes it)")
endif()
file(STRINGS ${REPRODUCER}/expect expect REGEX "^[a-z]+=")
foreach(line IN LISTS expect)
  string(REGEX MATCH "^([a-z]+)=(.*)$" _ "${line}")
  set(want_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()

# The replay build prints "<input>: <verdict>" (a BUG with its title).
function(verdict binary select out)
  set(env GATEFUZZ_BACKEND=mprotect)
  if(select)
    list(APPEND env GATEFUZZ_SEEDED_BUG=${select})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env ${env} ${binary} ${REPRODUCER}/input
                  OUTPUT_VARIABLE said ERROR_VARIABLE err)
  string(REGEX MATCH ": ([^\n]*)" _ "${said}")
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "${binary} gave no verdict:\n${said}${err}")
  endif()
  set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()

verdict(${CLEAN}/${want_target} "" clean)
verdict(${BUGGED}/${want_target} "${SELECT}" bugged)
message(STATUS "correct kernel: ${clean}; with ${want_bug}: ${bugged}")
if(NOT clean STREQUAL want_clean)
  message(FATAL_ERROR "the correct kernel gave ${clean}, expected ${want_clean}")
endif()
if(NOT bugged MATCHES "^${want_verdict} ")
  message(FATAL_ERROR "with ${want_bug} in: ${bugged}, expected ${want_verdict}")
endif()
