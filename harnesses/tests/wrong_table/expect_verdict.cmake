# expect_verdict.cmake — one input's verdict from a replay binary (which
# prints "<input>: <verdict>") must match a regular expression, and the
# BUG report's detail name the reason.  Under mprotect, the backend verdict
# kinds are written for.
#   cmake -DBINARY=<program> -DINPUT=<file> -DEXPECT=<regex> -DBECAUSE=<text>
#         -P expect_verdict.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env GATEFUZZ_BACKEND=mprotect ${BINARY} ${INPUT}
                OUTPUT_VARIABLE said ERROR_VARIABLE err)
string(REGEX MATCH ": ([^\n]*)" _ "${said}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "${BINARY} gave no verdict:\n${said}${err}")
endif()
message(STATUS "${INPUT}: ${CMAKE_MATCH_1}")
if(NOT CMAKE_MATCH_1 MATCHES "${EXPECT}")
  message(FATAL_ERROR "expected a verdict matching '${EXPECT}'")
endif()
string(FIND "${err}${said}" "detail: ${BECAUSE}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the report does not say '${BECAUSE}':\n${err}")
endif()
