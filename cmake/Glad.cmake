# glad: the OpenGL loader is generated at configure time from Debian's python3-glad
# (offline, --reproducible) into the build folder. It is never committed.
find_program(GLAD_EXECUTABLE glad PATHS /usr/bin REQUIRED)
set(GLAD_OUT "${CMAKE_BINARY_DIR}/generated/glad")
if(NOT EXISTS "${GLAD_OUT}/src/gl.c")
  message(STATUS "Generating the OpenGL 3.3 core loader with glad")
  execute_process(
    COMMAND "${GLAD_EXECUTABLE}" --reproducible --quiet
            --api gl:core=3.3 --extensions GL_KHR_debug
            --out-path "${GLAD_OUT}" c
    RESULT_VARIABLE glad_rc OUTPUT_QUIET ERROR_VARIABLE glad_err)
  if(NOT glad_rc EQUAL 0 OR NOT EXISTS "${GLAD_OUT}/src/gl.c")
    message(FATAL_ERROR "glad failed (${glad_rc}): ${glad_err}")
  endif()
endif()
add_library(glad STATIC "${GLAD_OUT}/src/gl.c")
target_include_directories(glad SYSTEM PUBLIC "${GLAD_OUT}/include")
set_target_properties(glad PROPERTIES POSITION_INDEPENDENT_CODE ON)
