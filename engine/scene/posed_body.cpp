#include "scene/posed_body.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "scene/muscle_styles.hpp"

#include <algorithm>

namespace scene {

void pose_body(const anat::Skeleton& skeleton, const anat::RigIndex& rig, const anat::MuscleCatalogue& catalogue, const anat::Pose& pose,
               std::span<const float> tightness, PosedBody& out) {
    out.pose = pose;
    if (out.pose.translation.size() != out.pose.local.size()) out.pose.translation.assign(out.pose.local.size(), glm::vec3(0.0f));
    out.world.resize(skeleton.joints.size());
    anat::forward_kinematics(skeleton, out.pose, out.world);
    anat::evaluate_paths(catalogue, out.world, anat::path_coordinates(rig, out.pose), out.paths);
    const std::size_t n = catalogue.muscles.size();
    // `tightness` may be out.tightness itself (posing again with the same tightness): resize only.
    if (tightness.data() != out.tightness.data()) out.tightness.assign(tightness.begin(), tightness.begin() + std::min(n, tightness.size()));
    out.tightness.resize(n, 0.0f);
    out.states.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        out.states[i] = biomech::muscle_state(catalogue.muscles[i], out.paths.length_m[i], out.tightness[i], catalogue);
}

PosedBody pose_body(const anat::Skeleton& skeleton, const anat::RigIndex& rig, const anat::MuscleCatalogue& catalogue, const anat::Pose& pose,
                    std::span<const float> tightness) {
    PosedBody out;
    pose_body(skeleton, rig, catalogue, pose, tightness, out);
    return out;
}

void muscle_geometry(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue, const PosedBody& posed, const Display& display,
                     MuscleGeometry& out, const anat::MuscleMeshSettings& detail, const BoneClearance* clearance) {
    out.solid.vertices.clear();
    out.solid.indices.clear();
    out.ghost.vertices.clear();
    out.ghost.indices.clear();
    out.solid_ids.clear();
    out.ghost_ids.clear();
    const anat::BodyAxes axes = anat::body_axes(skeleton, posed.world);
    // Each muscle drawn once: solid, or a ghost out of focus (scene::muscle_styles).
    const MuscleStyles styles = muscle_styles(catalogue, posed.states, posed.tightness, display);
    anat::build_muscle_mesh(catalogue, posed.paths, styles.solid, axes, detail, out.solid, out.solid_ids);
    anat::build_muscle_mesh(catalogue, posed.paths, styles.ghost, axes, detail, out.ghost, out.ghost_ids);
    if (clearance) {
        clearance->push_out(out.solid, posed.world);
        clearance->push_out(out.ghost, posed.world);
    }
}

}  // namespace scene
