// anatomy/skeleton.hpp: the rig: joints, bone frames, landmarks and the spine's geometry.
//
// Conventions (design.md): metres, +Y up, +Z anterior, +X the body's left. Every bone frame has
// its origin at its proximal joint centre and, at rest (anatomical position, standing), the same
// axes as the world. So a rest pose is all-identity rotations, and a bone-frame point is simply
// its rest world position minus the joint's rest world position.
//
// Naming convention (also for users' own models): joints are snake_case anatomical joints with a
// side suffix (hip_r, knee_l, l5_s1, c0_c1); bones are snake_case with a side suffix (femur_r,
// vertebra_l3, rib_7_l). See README.md, "Bring your own skeleton".
#pragma once

#include "core/math.hpp"
#include "core/spline.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace anat {

struct SkeletonParams {
    float stature_m = 1.75f;
    float pelvic_incidence_deg = 52.0f;
    float body_mass_kg = 72.0f;  // sizes the muscles (their living volumes, anatomy-data 1.7)
};

struct Joint {
    std::string name;
    int parent = -1;              // index into Skeleton::joints; -1 for the root (pelvis)
    glm::vec3 rest_offset{0.0f};  // joint centre in the parent's bone frame at rest
    glm::vec3 rest_world{0.0f};   // joint centre in the world at rest
};

enum class LandmarkKind { surface, centre };

struct Landmark {
    std::string name;
    int joint = -1;            // the bone frame it lives in
    glm::vec3 position{0.0f};  // in that bone frame
    LandmarkKind kind = LandmarkKind::surface;
    std::string bone;  // the bone mesh it lies on (surface landmarks)
};

// A gait2392 body frame placed in our rest pose, to convert published model points:
// rest_world = origin + scale * (-z, y, x)_osim.
struct ReferenceFrame {
    std::string name;  // pelvis, femur_r, tibia_r, talus_r, calcn_r, toes_r, torso (+ _l)
    glm::vec3 origin_world{0.0f};
    glm::vec3 scale{1.0f};  // per axis
    // Where the published model itself puts this frame's origin in its default pose (our axes,
    // metres, unscaled): used to scale muscle rest lengths the way OpenSim's ScaleTool does.
    glm::vec3 published_origin{0.0f};
};

// One vertebra's body, in world coordinates at rest.
struct Vertebra {
    std::string name;  // L5 ... C1
    int joint = -1;
    glm::vec3 inferior_center{0.0f}, superior_center{0.0f};
    glm::vec3 inferior_normal{0.0f, 1.0f, 0.0f}, superior_normal{0.0f, 1.0f, 0.0f};  // pointing up (cranially)
    float width_m = 0.0f, depth_m = 0.0f, height_m = 0.0f;
    float spinous_m = 0.0f, transverse_span_m = 0.0f;
};

// The disc between `upper` and `lower` (indices into Skeleton::vertebrae; lower = -1 means S1).
struct Disc {
    std::string name;  // "L4/L5"
    int upper = -1, lower = -1;
    float angle_deg = 0.0f;  // lordotic wedge of the disc at rest
};

// The knee rolls back as it flexes: gait2392 moves the tibia's origin along splines of the knee
// angle. translation(q) is the offset from the rest position, in the femur's frame.
struct KneeModel {
    core::NaturalSpline x_osim, y_osim;  // tibia origin in the femur frame (osim axes), metres
    float scale = 1.0f;                  // femur scale applied to the splines
    glm::vec3 translation(float knee_angle_rad) const;
};

// How the bones are drawn, from skeleton.json's "display": name prefixes.
struct BoneDisplay {
    std::vector<std::string> arm_bones;           // hidden together when they hang over the pelvis
    std::vector<std::string> fine_detail_joints;  // their bone meshes keep only the finest coarse level
    bool is_arm_bone(std::string_view bone) const;
    bool keeps_fine_detail(std::string_view joint) const;
};

struct Skeleton {
    SkeletonParams params;
    BoneDisplay display;
    std::vector<Joint> joints;  // parents before children; joints[0] is the pelvis
    std::vector<Landmark> landmarks;
    std::vector<ReferenceFrame> frames;
    std::vector<Vertebra> vertebrae;  // L5 first, up to C1
    std::vector<Disc> discs;
    // S1 superior endplate at rest (world): centre, cranial normal, anterior direction in its plane.
    glm::vec3 s1_center{0.0f}, s1_normal{0.0f, 1.0f, 0.0f}, s1_anterior{0.0f, 0.0f, 1.0f};
    float s1_width_m = 0.0f, s1_depth_m = 0.0f;
    float rest_lumbar_lordosis_deg = 0.0f;  // L1 superior endplate to S1 endplate
    float rest_pelvic_tilt_deg = 0.0f;      // radiographic PT at rest
    float spine_height_scale = 1.0f;        // morphometric heights were scaled by this to fit stature
    KneeModel knee;                         // the same on both sides (no translation across the body)

    int find_joint(std::string_view name) const;
    int find_landmark(std::string_view name) const;
    const ReferenceFrame* find_frame(std::string_view name) const;
    // A gait2392 point (osim axes, in that body's frame) as a rest world position.
    glm::vec3 osim_to_world(const ReferenceFrame& frame, const glm::vec3& osim) const;
    // A rest world position expressed in a joint's bone frame.
    glm::vec3 world_to_bone(int joint, const glm::vec3& world) const { return world - joints[static_cast<std::size_t>(joint)].rest_world; }
    // Rest world position of a landmark.
    glm::vec3 landmark_rest_world(int landmark) const;
    // Joint indices from `joint` up to the root (inclusive).
    std::vector<int> chain_to_root(int joint) const;
};

// A pose: the root's placement and each joint's rotation from rest, in its parent's frame, plus
// an optional translation of the joint centre from its rest position (the knee's roll-back).
struct Pose {
    glm::vec3 root_translation{0.0f};  // pelvis joint centre in the world
    glm::quat root_rotation{1.0f, 0.0f, 0.0f, 0.0f};
    std::vector<glm::quat> local;        // one per joint; local[0] is unused (root_rotation)
    std::vector<glm::vec3> translation;  // one per joint, in the parent's frame; empty = none
};

Pose rest_pose(const Skeleton& skeleton);

// world_from_bone[i] maps bone-frame points of joint i to the world. Sizes must match.
void forward_kinematics(const Skeleton& skeleton, const Pose& pose, std::span<core::Rigid> world_from_bone);
std::vector<core::Rigid> forward_kinematics(const Skeleton& skeleton, const Pose& pose);

// Conversion from OpenSim's axes (x anterior, y up, z right) to ours (x left, y up, z anterior).
inline glm::vec3 osim_axes(const glm::vec3& p) { return {-p.z, p.y, p.x}; }

// The sagittal axis: OpenSim's +Z, which is our -X. A rotation of `angle_rad` about it has
// OpenSim's signs: + is hip flexion, knee extension (knee_angle < 0 flexes), lumbar extension and
// posterior pelvic tilt (pelvis_tilt), so anterior tilt is negative.
inline const glm::vec3 sagittal_axis{-1.0f, 0.0f, 0.0f};
inline glm::quat sagittal_rotation(float angle_rad) { return glm::angleAxis(angle_rad, sagittal_axis); }

}  // namespace anat
