# check_finding.cmake — a confirmed ThreadX finding's reproducer (input +
# expect: target=, title=) must still give that BUG under mprotect.
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
if(NOT CMAKE_MATCH_1 STREQUAL "BUG ${want_title}")
  message(FATAL_ERROR "${want_target} gave '${CMAKE_MATCH_1}', expected 'BUG ${want_title}'\n${err}")
endif()
message(STATUS "${want_target}: BUG ${want_title}")
