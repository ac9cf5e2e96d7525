// gfx/gl.hpp: the one place that includes the generated GL loader. Only engine/gfx includes it.
#pragma once

#include <glad/gl.h>

#include <string>

namespace gfx {

// Drains glGetError and returns a readable list ("" when there was none).
std::string gl_errors();

}  // namespace gfx
