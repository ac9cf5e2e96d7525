// fuzz/fuzz_common.hpp: shared set-up for the fuzz targets.
#pragma once

#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace fuzz {

inline std::string text(const std::uint8_t* data, std::size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

inline const anat::Skeleton& skeleton() {
    static const anat::Skeleton s = [] {
        core::set_log_quiet(true);
        return anat::build_default_skeleton();
    }();
    return s;
}

}  // namespace fuzz
