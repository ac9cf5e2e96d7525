#include "core/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace core {

void assert_failed(const char* expr, const char* function, const char* file, int line, const std::string& message) {
    std::fprintf(stderr, "%s:%d: %s: assertion `%s` failed: %s\n", file, line, function, expr, message.c_str());
    std::fflush(stderr);
    std::abort();
}

}  // namespace core
