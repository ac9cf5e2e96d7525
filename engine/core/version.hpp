// core/version.hpp: the app's version and the source revision it was built from.
// The definitions are generated at build time (cmake/Version.cmake).
#pragma once

#include <string>

namespace core {

const char* version();          // "0.1.0", from project() in CMakeLists.txt
const char* source_revision();  // a short git commit id, "-modified" when built with local changes; "unknown" outside git

// "anatomy 0.1.0 (revision 1a2b3c4d5e6f)"
inline std::string version_line() { return std::string("anatomy ") + version() + " (revision " + source_revision() + ")"; }

}  // namespace core
