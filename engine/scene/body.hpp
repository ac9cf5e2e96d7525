// scene/body.hpp: the anatomical body on screen: the rig posed each frame, bones, discs, skin
// and muscles, with layers, colour modes, selection and the muscles' live mechanics.
//
// Per frame: set_pose() (scene::pose_body: forward kinematics, muscle paths, mechanics, a value
// the body keeps as the pose it shows), then build_frame() (scene::muscle_geometry, uploaded, and
// the draw items, naming CPU meshes the renderer uploads). Needs no GL context.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "assets/model.hpp"
#include "anatomy/muscle_mesh.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "scene/bone_set.hpp"
#include "scene/display.hpp"
#include "scene/muscle_styles.hpp"
#include "scene/posed_body.hpp"

#include <array>
#include <optional>
#include <set>

namespace scene {

class Body {
public:
    Body(anat::Skeleton skeleton, anat::MuscleCatalogue catalogue, std::unique_ptr<BoneSet> bones);
    // Loads the rig and catalogue from assets/ and the baked skeleton model (the rig view when it
    // is missing; `warnings` says why).
    static std::unique_ptr<Body> load_default(std::vector<std::string>& warnings);

    // A body for other skeleton parameters (a patient's pelvic incidence, a stature), in two
    // steps: make_parts generates the skeleton, its muscles and its bone meshes with no GL (a
    // worker thread may run it: about 6 s on 2 cores); from_parts uploads them (GL thread).
    struct Parts {
        anat::Skeleton skeleton;
        anat::MuscleCatalogue catalogue;
        assets::Model bones;
    };
    // `only_bones`: make just these bones (names as bake-skeleton's --only; tests), else all.
    static Parts make_parts(const anat::SkeletonParams& params, const std::vector<std::string>& only_bones = {});
    static std::unique_ptr<Body> from_parts(Parts parts, std::vector<std::string>& warnings);

    const anat::Skeleton& skeleton() const { return skeleton_; }
    const anat::MuscleCatalogue& catalogue() const { return catalogue_; }
    const BoneSet& bones() const { return *bones_; }
    const BoneClearance& clearance() const { return *clearance_; }

    // Shows `pose` with each muscle's tightness 0..1 (catalogue order; used by the mechanics and
    // the colours). Without a tightness, the one last given.
    void set_pose(const anat::Pose& pose, std::span<const float> tightness);
    void set_pose(const anat::Pose& pose) { set_pose(pose, posed_.tightness); }

    const PosedBody& posed() const { return posed_; }
    const std::vector<float>& tightness() const { return posed_.tightness; }
    const anat::Pose& pose() const { return posed_.pose; }
    std::span<const core::Rigid> world_from_bone() const { return posed_.world; }
    const anat::MusclePaths& paths() const { return posed_.paths; }
    const std::vector<biomech::MuscleState>& muscle_states() const { return posed_.states; }
    std::uint64_t pose_version() const { return pose_version_; }

    using Display = scene::Display;
    // Appends the body's draw items. `view`: which view of the screen they are for (a comparison
    // has two, posed differently): the renderer keeps each view's muscle meshes apart.
    // `detail`: the muscles' mesh level (anat::close_up_muscles for a close view).
    void build_frame(gfx::FrameDesc& frame, const Display& display, int view = 0, const anat::MuscleMeshSettings& detail = {});

    // What a picking id refers to.
    Selection decode_pick(std::uint32_t id) const;
    bool muscle_visible(std::size_t i, const Layers& layers) const;

    core::Bounds bounds() const;  // of the posed body (joints and bones)
    float floor_y() const { return 0.0f; }
    // The colour a muscle is drawn with in a mode (sRGB); also for legends and UI swatches.
    glm::vec3 muscle_color(std::size_t i, ColorMode mode) const;
    static glm::vec3 heat_color(float t);  // 0..1 -> blue, teal, yellow, red

private:
    anat::Skeleton skeleton_;
    anat::MuscleCatalogue catalogue_;
    std::unique_ptr<BoneSet> bones_;
    anat::RigIndex rig_;
    std::shared_ptr<const BoneClearance> clearance_;  // the bones the muscle surfaces stay out of
    PosedBody posed_;
    std::uint64_t pose_version_ = 0;
    std::uint64_t owner_ = 0;  // tells this body's meshes from another's (gfx::mesh_key)
    // Per view, rebuilt each frame from the paths: two sets in turn (gfx::CpuMesh shares them).
    std::vector<std::array<std::shared_ptr<MuscleGeometry>, 2>> geometry_;
};

}  // namespace scene
