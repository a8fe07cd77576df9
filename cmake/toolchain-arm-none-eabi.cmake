# toolchain-arm-none-eabi.cmake — Debian's gcc-arm-none-eabi with newlib-nano
# (libnewlib-arm-none-eabi), for bare-metal Cortex-M images.
#
# The CPU flags are the board's business (targets/cortex-m/CMakeLists.txt
# picks them from GATEFUZZ_BOARD); this file only names the tools and keeps
# CMake's compiler checks from trying to link a hosted program.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "objcopy for Cortex-M images")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "size for Cortex-M images")

# A bare-metal link needs a linker script and a startup file; the compiler
# check only has to compile.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# newlib-nano (the C flags reach the link too): small printf/malloc; the
# system calls come from our own
# semihosting layer (targets/cortex-m/rt/syscalls.c), not from libgloss.
set(CMAKE_C_FLAGS_INIT "--specs=nano.specs -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "-x assembler-with-cpp")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# Marks the build as a firmware build for CMake code shared with host builds.
set(GATEFUZZ_CROSS_CORTEX_M ON)
