# toolchain-mingw-w64.cmake — Debian's gcc-mingw-w64-x86-64, for Windows x64
# programs, run under wine64 by ctest (docs/windows.md; preset "windows").
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_ASM_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Headers and libraries from the mingw-w64 sysroot; programs from the host
# (module images are built by the host's gcc and objcopy).
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# C99 printf and scanf (%zu, %jd, %llx), not msvcrt's older dialect.
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")
# Self-contained executables: no libgcc or libwinpthread DLL to find at run
# time, under wine or on Windows.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# ctest (and custom commands naming an executable target) run programs
# through wine64: a prefix of the build's own (created on first use), no
# debug channels, no display, and neither the Mono nor the Gecko installer
# a new prefix would otherwise offer.
find_program(GATEFUZZ_WINE64 wine64 PATHS /usr/lib/wine)
find_program(GATEFUZZ_WINESERVER wineserver PATHS /usr/lib/wine)
set(GATEFUZZ_WINE_ENV env WINEPREFIX=${CMAKE_BINARY_DIR}/wineprefix
    WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml= DISPLAY=)
if(GATEFUZZ_WINE64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${GATEFUZZ_WINE_ENV} ${GATEFUZZ_WINE64})
endif()
