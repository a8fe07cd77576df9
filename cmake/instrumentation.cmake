# .build.under-test: only the code under test feeds the fuzzer.
#
# The fuzzing presets compile everything with the engine's coverage (and,
# under libFuzzer, comparison tracing).  On the harness's own bookkeeping
# that is pure cost and pure noise: the integrity walk, the oracle's rules
# and ledger, the restore and the isolation core run after or around every
# input, their loops traced comparison by comparison, and each of their
# branches is a "feature" the fuzzer keeps inputs for although no kernel
# behaviour changed.  Measured on fuzz_semaphore_create (perf record -g,
# docs/performance.md): 40 % of the time in the integrity walk, most of it
# its traced comparisons.  What stays traced is the kernel under test, the
# decoder that turns bytes into calls (so the fuzzer learns the input
# format) and the targets' entry points.  Sanitizers stay on everywhere: a
# memory error in the harness is still a harness bug worth a report.
#
#   libfuzzer  -fno-sanitize-coverage=... on those sources
#   afl        AFL++ instruments in its own compiler pass, which takes no
#              per-file flag but a file of sources to leave alone
#              (AFL_LLVM_DENYLIST, read by afl-clang-fast at each compile):
#              gatefuzz_write_denylist() writes it, and the compiler
#              launcher passes it
set(GATEFUZZ_NO_COVERAGE_FLAGS
  -fno-sanitize-coverage=inline-8bit-counters,indirect-calls,trace-cmp,pc-table)
set(GATEFUZZ_AFL_DENYLIST ${CMAKE_BINARY_DIR}/afl-denylist.txt)
if(GATEFUZZ_ENGINE STREQUAL "afl")
  set(CMAKE_C_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env AFL_LLVM_DENYLIST=${GATEFUZZ_AFL_DENYLIST})
endif()

# gatefuzz_not_under_test(<target> [<source>...]): the whole target, or
# only the named sources of it, compiled without the fuzzer's coverage.
# Call it after the target's last target_sources().
function(gatefuzz_not_under_test target)
  set(sources ${ARGN})
  if(GATEFUZZ_ENGINE STREQUAL "libfuzzer")
    if(NOT sources)
      target_compile_options(${target} PRIVATE ${GATEFUZZ_NO_COVERAGE_FLAGS})
    endif()
    foreach(source IN LISTS sources)
      set_property(SOURCE ${source} TARGET_DIRECTORY ${target} APPEND
                   PROPERTY COMPILE_OPTIONS ${GATEFUZZ_NO_COVERAGE_FLAGS})
    endforeach()
  elseif(GATEFUZZ_ENGINE STREQUAL "afl")
    if(NOT sources)
      get_target_property(sources ${target} SOURCES)
      get_target_property(dir ${target} SOURCE_DIR)
      list(TRANSFORM sources PREPEND ${dir}/ REGEX "^[^/]")
    endif()
    # by file name: the pass matches an absolute path against none
    foreach(source IN LISTS sources)
      get_filename_component(name ${source} NAME)
      set_property(GLOBAL APPEND PROPERTY GATEFUZZ_AFL_DENIED "src: ${name}")
    endforeach()
  endif()
endfunction()

# After every target: the AFL++ denylist of what gatefuzz_not_under_test named.
function(gatefuzz_write_denylist)
  get_property(denied GLOBAL PROPERTY GATEFUZZ_AFL_DENIED)
  list(JOIN denied "\n" text)
  file(WRITE ${GATEFUZZ_AFL_DENYLIST} "${text}\n")
endfunction()
