# host_packer.cmake — gf_mkimage for the build machine.  The cross compiler
# makes Windows programs, but images are packed while building, so the
# packer (targets/linux/mkimage.c) is compiled by the host's compiler when
# CMake configures, and again whenever one of its sources changes.  It is
# the imported executable gf_mkimage that modules.cmake runs.
find_program(GATEFUZZ_HOST_CC NAMES gcc cc REQUIRED)
set(packer ${CMAKE_BINARY_DIR}/host/gf_mkimage)
set(packer_sources ${PROJECT_SOURCE_DIR}/targets/linux/mkimage.c
  ${PROJECT_SOURCE_DIR}/kernel/module_image.c ${PROJECT_SOURCE_DIR}/kernel/text.c)
file(GLOB packer_headers ${PROJECT_SOURCE_DIR}/kernel/*.h)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${packer_sources} ${packer_headers})
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/host)
execute_process(
  COMMAND ${GATEFUZZ_HOST_CC} -std=gnu11 -O2 -Wall -Wextra
          -I${PROJECT_SOURCE_DIR}/kernel ${packer_sources} -o ${packer}
  RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "targets/windows: building the host's gf_mkimage failed:\n${errors}")
endif()
add_executable(gf_mkimage IMPORTED GLOBAL)
set_target_properties(gf_mkimage PROPERTIES IMPORTED_LOCATION ${packer})
