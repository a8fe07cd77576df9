# freestanding.cmake — compiles every kernel source and every module with
# arm-none-eabi-gcc for a Cortex-M3 (32-bit pointers, Thumb, no libc
# headers beyond the freestanding ones), warnings as errors: the kernel and
# the SDK stay portable to the firmware build.
#   cmake -DCC=arm-none-eabi-gcc -DROOT=<source dir> -P freestanding.cmake
file(GLOB kernel_sources ${ROOT}/kernel/*.c ${ROOT}/kernel_interface/*.c)
file(GLOB module_sources ${ROOT}/modules/*.c)
set(flags -std=gnu11 -Wall -Wextra -Werror -Os -mcpu=cortex-m3 -mthumb
          -ffreestanding -fno-builtin -fsyntax-only)
foreach(src IN LISTS kernel_sources module_sources)
  execute_process(
    COMMAND ${CC} ${flags} -I${ROOT}/kernel -I${ROOT}/kernel_interface -I${ROOT}/isolation -I${ROOT}/modules ${src}
    RESULT_VARIABLE rc ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${src} does not build freestanding for Cortex-M:\n${out}")
  endif()
endforeach()
list(LENGTH kernel_sources nk)
list(LENGTH module_sources nm)
message(STATUS "freestanding: ${nk} kernel and ${nm} module sources build for Cortex-M3")
