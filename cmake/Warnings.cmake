# Strict warnings for the project's own code (never for generated or system code).
option(ANATOMY_WERROR "Treat warnings as errors (off only for exploratory builds such as fuzzing with clang)" ON)
add_library(anatomy_warnings INTERFACE)
target_compile_options(anatomy_warnings INTERFACE
  -Wall -Wextra -Wpedantic   # the common set, plus strict ISO C++
  -Wconversion               # silent narrowing hides unit and index bugs
  -Wshadow                   # a shadowed name in a maths loop is a classic bug
  -Wnon-virtual-dtor         # polymorphic classes must delete safely
  -Woverloaded-virtual
  $<$<BOOL:${ANATOMY_WERROR}>:-Werror>)  # warnings stay at zero or they pile up

# Sanitizers: the asan preset turns this on for everything we compile.
option(ANATOMY_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ANATOMY_SANITIZE)
  # -O1 (over the Debug preset's -O0), as the AddressSanitizer docs advise: the suite runs several
  # times faster and still reports every error with a usable stack.
  # -g1 (over Debug's -g): line tables and function names, all a sanitizer's stack needs, without
  # the types and locals; the sanitized build compiles 30-40% faster and links smaller binaries.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -O1 -g1)
  add_link_options(-fsanitize=address,undefined)
  # GCC's maybe-uninitialized analysis misfires on sanitizer-instrumented optimised code (here
  # inside libstdc++'s std::regex); the release build keeps the warning.
  target_compile_options(anatomy_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
