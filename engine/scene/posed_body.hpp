// scene/posed_body.hpp: posing as a function that returns a value (no GL): a pose and the
// muscles' tightness in, the bones' world transforms, the muscle paths and their mechanics out;
// then the muscles' CPU meshes for a display. scene::Body keeps the last one it drew and uploads
// the meshes; a second view (a comparison) poses its own value.
#pragma once

#include "anatomy/coordinates.hpp"
#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_mesh.hpp"
#include "anatomy/muscle_path.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "core/mesh.hpp"
#include "scene/bone_clearance.hpp"
#include "scene/display.hpp"

#include <span>
#include <vector>

namespace scene {

struct PosedBody {
    anat::Pose pose;                           // as given, with a translation per joint
    std::vector<core::Rigid> world;            // world_from_bone, per joint
    anat::MusclePaths paths;                   // per catalogue muscle
    std::vector<biomech::MuscleState> states;  // length, stretch and passive force per muscle
    std::vector<float> tightness;              // 0..1 per catalogue muscle, as posed
};

// Forward kinematics, the muscles' paths and their mechanics for `pose` with `tightness` (per
// catalogue muscle; missing entries count as 0). `out` keeps its storage between calls.
void pose_body(const anat::Skeleton& skeleton, const anat::RigIndex& rig, const anat::MuscleCatalogue& catalogue, const anat::Pose& pose,
               std::span<const float> tightness, PosedBody& out);
PosedBody pose_body(const anat::Skeleton& skeleton, const anat::RigIndex& rig, const anat::MuscleCatalogue& catalogue, const anat::Pose& pose,
                    std::span<const float> tightness);

// The muscles of a posed body as `display` shows them: the solid pass and the translucent ghost
// pass (x-ray, a demo's or a step's other muscles), each vertex carrying its picking id
// (scene::muscle_id_base + catalogue index, with gfx's highlight flag where it glows).
struct MuscleGeometry {
    core::MeshData solid, ghost;
    std::vector<std::uint32_t> solid_ids, ghost_ids;
};
// `detail`: how finely (anat::close_up_muscles near the camera). `clearance`: the bones the
// surfaces are kept out of (none: as swept).
void muscle_geometry(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue, const PosedBody& posed, const Display& display,
                     MuscleGeometry& out, const anat::MuscleMeshSettings& detail = {}, const BoneClearance* clearance = nullptr);

}  // namespace scene
