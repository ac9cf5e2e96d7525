// core/error.hpp: the project's two error kinds.
//
// - Programmer errors: ANATOMY_ASSERT(cond, msg). Always on (Release too); the message names the
//   function. Aborts.
// - Expected failures (files, JSON, shaders, user input): throw core::Error with the context a user
//   needs: which file, which field, what was expected. Caught at the app boundary.
#pragma once

#include <stdexcept>
#include <string>

namespace core {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
};

[[noreturn]] void assert_failed(const char* expr, const char* function, const char* file, int line, const std::string& message);

}  // namespace core

#define ANATOMY_ASSERT(cond, msg)                                                       \
    do {                                                                                \
        if (!(cond)) ::core::assert_failed(#cond, __func__, __FILE__, __LINE__, (msg)); \
    } while (false)
