// tests/catalogue_fixture.hpp: the default skeleton and muscle catalogue, built once per test
// binary, and the helpers the catalogue and mechanics tests share: a muscle by id, its length
// in a pose given as hip and knee angles.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_path.hpp"
#include "anatomy/skeleton_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace cataloguetest {

inline const anat::Skeleton& skeleton() {
    static const anat::Skeleton s = anat::build_default_skeleton();
    return s;
}
inline const anat::MuscleCatalogue& catalogue() {
    static const anat::MuscleCatalogue c = anat::load_default_muscle_catalogue(skeleton());
    return c;
}
inline const anat::Muscle& muscle(const std::string& id) {
    const int i = catalogue().find(id);
    EXPECT_GE(i, 0) << id;
    return catalogue().muscles[static_cast<std::size_t>(std::max(i, 0))];
}
inline float length(const std::string& id, const anat::Coordinates& c) { return anat::muscle_length(muscle(id), skeleton(), c); }
inline anat::Coordinates hip_knee(float hip, float knee, anat::Side side = anat::Side::right) {
    anat::Coordinates c;
    c.legs[static_cast<std::size_t>(side)].hip_flexion_deg = hip;
    c.legs[static_cast<std::size_t>(side)].knee_flexion_deg = knee;
    return c;
}

}  // namespace cataloguetest
