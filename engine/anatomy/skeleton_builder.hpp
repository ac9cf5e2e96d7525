// anatomy/skeleton_builder.hpp: builds the rig for a stature and a pelvic incidence from the data
// file assets/skeleton/skeleton.json (proportions, published model geometry, spine morphometry).
#pragma once

#include "anatomy/skeleton.hpp"

#include <string>

namespace anat {

// Parses the data (text of skeleton.json; `file` names it in errors) and builds the skeleton.
// Throws core::Error naming the file and the field on bad data or out-of-range parameters
// (stature 1.2-2.2 m, pelvic incidence 30-85 deg).
Skeleton build_skeleton(const std::string& json_text, const std::string& file, const SkeletonParams& params);

// Reads assets/skeleton/skeleton.json and builds the skeleton.
Skeleton build_default_skeleton(const SkeletonParams& params = {});

}  // namespace anat
