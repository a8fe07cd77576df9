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
# format) and the targets' entry points.
#
# Under libFuzzer the bookkeeping is not address-sanitized either, as
# libFuzzer's own runtime is not: ASan checks every load and store of the
# walk, the write set and the restore, and buys nothing there (they read
# memory whose bounds they set up themselves, and the isolation backends
# fault on what they may not touch).  UBSan stays on everywhere, and ASan on
# the kernel, the decoder and the entry points, and on two parts of the
# bookkeeping that leave functions other than by returning (KEEP_ASAN): the
# isolation core recovers from a fault by jumping out of its signal
# handler, and ThreadX's port switches threads; ASan learns of such a
# jump only from instrumented code, and without that reports the stale
# poison of the frames jumped over (isolation_attribution did, at once).
# Measured beside the same
# build with ASan on the bookkeeping, in one run (docs/performance.md):
# 10-12 % more executions per second.
#
#   libfuzzer  -fno-sanitize-coverage=... and -fno-sanitize=address on those sources
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

# gatefuzz_not_under_test(<target> [KEEP_ASAN] [<source>...]): the whole
# target, or only the named sources of it, compiled without the fuzzer's
# coverage and, unless KEEP_ASAN, without ASan.  Call it after the
# target's last target_sources().
function(gatefuzz_not_under_test target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "KEEP_ASAN" "" "")
  set(sources ${arg_UNPARSED_ARGUMENTS})
  if(GATEFUZZ_ENGINE STREQUAL "libfuzzer")
    set(flags ${GATEFUZZ_NO_COVERAGE_FLAGS})
    if(NOT arg_KEEP_ASAN)
      list(APPEND flags -fno-sanitize=address)
    endif()
    if(NOT sources)
      target_compile_options(${target} PRIVATE ${flags})
    endif()
    foreach(source IN LISTS sources)
      set_property(SOURCE ${source} TARGET_DIRECTORY ${target} APPEND
                   PROPERTY COMPILE_OPTIONS ${flags})
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
