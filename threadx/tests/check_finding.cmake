# check_finding.cmake — a confirmed ThreadX finding's reproducer (input +
# expect: target=, verdict=BUG <title>, as triage writes it) must still give
# that verdict under mprotect.
#   cmake -DREPRODUCER=<dir> -DHARNESSES=<harnesses build dir> -P check_finding.cmake
file(STRINGS ${REPRODUCER}/expect expect REGEX "^[a-z]+=")
foreach(line IN LISTS expect)
  string(REGEX MATCH "^([a-z]+)=(.*)$" _ "${line}")
  set(want_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E env GATEFUZZ_BACKEND=mprotect
                        ${HARNESSES}/${want_target} ${REPRODUCER}/input
                OUTPUT_VARIABLE said ERROR_VARIABLE err)
string(REGEX MATCH ": ([^\n]*)" _ "${said}")
if(NOT CMAKE_MATCH_1 STREQUAL want_verdict)
  message(FATAL_ERROR "${want_target} gave '${CMAKE_MATCH_1}', expected '${want_verdict}'\n${err}")
endif()
message(STATUS "${want_target}: ${want_verdict}")
