# PkeyTests.cmake — ctest entries for programs that need protection keys
# (label pkey, .iso.pkey.qemu).
#
#   gatefuzz_pkey_test(NAME <name> TARGET <executable> [TIMEOUT <s>]
#                      [ENV NAME=VALUE ...] [ARGS ...])
#
# registers ctest entry pkey_<name>, which runs the program with the
# environment settings and arguments given.  Where the CPU has PKU (pkey_alloc
# works) the program runs natively.  Where it has none, the fixture
# pkey_setup boots ONE QEMU VM (TCG, -cpu max) that runs every registered
# program, and each entry reports its program's output and exit code from
# that run.  Entries skip (exit 77) only when QEMU cannot be had; each
# says which of the three happened.  An argument that is an absolute path
# of an existing file or folder (a corpus) is copied into the VM at the
# same path.
#
# In the replay preset the programs are linked -static, so the VM needs no
# libraries; in the others the runner copies the libraries ldd names.
include_guard(GLOBAL)

set(GATEFUZZ_PKEY_QEMU_CACHE ${PROJECT_SOURCE_DIR}/build/pkey-qemu CACHE PATH
  "where the pkey test VM's kernel is kept (shared by the presets)")
# The VM's /init is a guest program, not part of the engine's build: plain
# gcc, static, whatever compiler and sanitizers the preset uses.
find_program(GATEFUZZ_GUEST_CC NAMES gcc cc REQUIRED)

function(gatefuzz_pkey_test)
  cmake_parse_arguments(PARSE_ARGV 0 T "" "NAME;TARGET;TIMEOUT" "ENV;ARGS")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 60)
  endif()
  if(GATEFUZZ_ENGINE STREQUAL "replay")
    target_link_options(${T_TARGET} PRIVATE -static)
  endif()
  string(JOIN "\t" line ${T_NAME} ${T_TIMEOUT} ${T_ENV} "$<TARGET_FILE:${T_TARGET}>"
    ${T_ARGS})
  set_property(GLOBAL APPEND PROPERTY GATEFUZZ_PKEY_TESTS "${line}")
endfunction()

# Runs once, at the end of the top-level CMakeLists.txt, when every
# directory has registered its programs.
function(_gatefuzz_pkey_tests_finish)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  set(here ${CMAKE_CURRENT_FUNCTION_LIST_DIR})
  get_property(lines GLOBAL PROPERTY GATEFUZZ_PKEY_TESTS)
  set(dir ${CMAKE_BINARY_DIR}/pkey-qemu)
  set(list_file ${dir}/tests.list)
  set(init ${dir}/init)
  string(JOIN "\n" content ${lines})
  file(GENERATE OUTPUT ${list_file} CONTENT "${content}\n")

  add_custom_command(OUTPUT ${init}
    COMMAND ${GATEFUZZ_GUEST_CC} -static -O2 -Wall -Wextra
            -o ${init} ${here}/qemu_init.c
    DEPENDS ${here}/qemu_init.c
    COMMENT "Building the pkey test VM's /init")
  add_custom_target(gf_pkey_qemu_init ALL DEPENDS ${init})

  set(runner ${Python3_EXECUTABLE} ${here}/gf_pkey_qemu.py)
  set(common ${list_file} --state ${dir}/state.json)
  add_test(NAME pkey_setup COMMAND ${runner} setup ${common}
    --cache ${GATEFUZZ_PKEY_QEMU_CACHE} --init ${init})
  set_tests_properties(pkey_setup PROPERTIES
    FIXTURES_SETUP pkey LABELS pkey TIMEOUT 280)
  foreach(line IN LISTS lines)
    string(REPLACE "\t" ";" fields "${line}")
    list(GET fields 0 name)
    list(GET fields 1 timeout)
    add_test(NAME pkey_${name} COMMAND ${runner} result ${common} --name ${name})
    math(EXPR limit "${timeout} + 30")
    set_tests_properties(pkey_${name} PROPERTIES
      FIXTURES_REQUIRED pkey LABELS pkey SKIP_RETURN_CODE 77 TIMEOUT ${limit})
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL _gatefuzz_pkey_tests_finish)
