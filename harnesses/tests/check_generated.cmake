# Regenerates seeds, the seeded bugs' reproducers, dictionaries and
# docs/services.md into TMP and fails if any differs from the checked-in
# copy (run `gf_gen` to refresh them).  One `diff -r` per tree: files only
# the checkout has (other regressions, hand-made seeds) are fine; a file
# that differs or is missing is not.
file(REMOVE_RECURSE ${TMP})
file(MAKE_DIRECTORY ${TMP}/docs)
foreach(step "seeds;${TMP}/corpus" "regressions;${TMP}/corpus/regressions" "dict;${TMP}/dict"
             "docs;${TMP}/docs/services.md")
  execute_process(COMMAND ${GEN} ${step} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gf_gen ${step} failed")
  endif()
endforeach()
set(stale "")
foreach(tree corpus dict docs)
  execute_process(COMMAND diff -rq ${TMP}/${tree} ${SRC}/${tree}
                  OUTPUT_VARIABLE out)
  string(REPLACE "\n" ";" lines "${out}")
  foreach(line IN LISTS lines)
    if(line AND NOT line MATCHES "^Only in ${SRC}/")
      list(APPEND stale "${line}")
    endif()
  endforeach()
endforeach()
if(stale)
  string(REPLACE ";" "\n  " stale "${stale}")
  message(FATAL_ERROR "out of date (regenerate with gf_gen):\n  ${stale}")
endif()
file(GLOB_RECURSE generated ${TMP}/*)
list(LENGTH generated n)
message(STATUS "${n} generated files match the checked-in copies")
