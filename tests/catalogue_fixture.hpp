// tests/catalogue_fixture.hpp: the default skeleton and muscle catalogue, built once per test
// binary, and the helpers the catalogue and mechanics tests share: a muscle by id, its length
// in a pose given as hip and knee angles.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_mesh.hpp"
#include "anatomy/muscle_path.hpp"
#include "core/files.hpp"
#include "anatomy/skeleton_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
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

// The muscle mesh in the pose `c`, built as the viewer builds it; `style` sets each muscle's
// style (all hidden until it says otherwise).
inline void muscle_mesh_in(const anat::Coordinates& c, const std::function<void(const anat::Muscle&, std::size_t, anat::MuscleStyle&)>& style,
                           core::MeshData& mesh, std::vector<std::uint32_t>& ids) {
    const anat::Pose pose = anat::pose_from_coordinates(skeleton(), c);
    const auto world = anat::forward_kinematics(skeleton(), pose);
    anat::MusclePaths paths;
    anat::evaluate_paths(catalogue(), world, anat::path_coordinates(anat::RigIndex(skeleton()), pose), paths);
    std::vector<anat::MuscleStyle> styles(catalogue().muscles.size());
    for (std::size_t i = 0; i < styles.size(); ++i) {
        styles[i].visible = false;
        style(catalogue().muscles[i], i, styles[i]);
    }
    anat::build_muscle_mesh(catalogue(), paths, styles, anat::body_axes(skeleton(), world), {}, mesh, ids);
}

// The problems `anatomy validate` reports for the default catalogue with `from` replaced by `to`,
// a line each (empty: none).
inline std::string catalogue_problems_with(const std::string& from, const std::string& to) {
    std::string text = core::read_file(core::asset_dir() / "muscles" / "muscles.json");
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at == std::string::npos) return {};
    text.replace(at, from.size(), to);
    std::string all;
    for (const auto& p : anat::validate_muscle_catalogue(text, "m.json", skeleton())) all += p + "\n";
    return all;
}

}  // namespace cataloguetest
