// anim/rig.hpp: the animation rig: clinical degrees of freedom (DOFs) per joint, their limits, and
// the body's contact points, on top of the anatomy skeleton.
//
// Data: assets/anim/joint_limits.json (axes, signs, rotation order, ranges with sources, the lumbar
// split) and assets/anim/contact_points.json (skin points the body rests on). Both are parsed from
// text so tests can feed literals. This header and those two files are the one place where the
// sign of every clinical angle is defined.
//
// Conventions (design.md): metres; radians inside, degrees in files. World and rest bone frames:
// +X the body's left, +Y up, +Z anterior. A joint group's rotation, in its parent's frame, is
//     R = R(axis0, a0) * R(axis1, a1) * R(axis2, a2)
// with each axis a signed unit axis (±X, ±Y or ±Z) given for the right side. A left-side group
// uses the mirror image of the right's axes: a rotation axis is a pseudovector, so reflecting
// across the sagittal plane (x -> -x) maps axis (x, y, z) to (x, -y, -z). Hence the same clinical
// value means the same movement on both sides (hip flexion 90 on the left mirrors it on the right).
// Midline groups (pelvis, lumbar, thoracic, neck, head) keep their axes; mirroring a pose negates
// their DOFs about Y or Z (lateral bending, rotation).
//
// Distributed groups (lumbar) turn several joints: each joint gets share * value on every DOF
// (43/25/18/12/2 % from L5-S1 up, anatomy-data 3.2). The root group (pelvis) is the global
// orientation of the pelvis (OpenSim's pelvis_tilt/list/rotation, ordered the same way).
//
// Knees roll back: every pose this module makes carries the knee's joint translation from
// anat::Skeleton::knee (gait2392 splines), like anat::set_leg does; beyond gait2392's range
// (flexion 120 deg) the translation is held at its end value.
#pragma once

#include "anatomy/skeleton.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace anim {

enum class Side { right, left };

struct Dof {
    std::string name;                      // "flexion"
    glm::vec3 axis{1.0f, 0.0f, 0.0f};      // signed unit axis in the parent's frame at rest, this side
    float min_rad = 0.0f, max_rad = 0.0f;  // physiological range of the clinical value
    float rest_rad = 0.0f;                 // clinical value at the rest pose (forearm: -80 = supinated)
    bool locked = false;                   // not a movable DOF (limits are 0; clips may not set it)
    std::string source;                    // where the range comes from
};

struct JointGroup {
    std::string name;           // "hip_r", "lumbar", "pelvis"
    std::vector<int> joints;    // skeleton joint indices; joints[0] == 0 for the root group
    std::vector<float> shares;  // fraction of each DOF at each joint (sum 1)
    std::array<Dof, 3> dofs;    // in rotation order
    int mirror = -1;            // the group on the other side (itself for midline groups)
    bool root = false;          // the pelvis: sets Pose::root_rotation
    bool sided = false;
};

// Which part of the body a contact point moves with; decides how the solver satisfies it.
enum class Chain { trunk, head, leg, arm };

struct ContactPoint {
    std::string name;          // "heel_r", "sacrum"
    int joint = -1;            // bone frame it lives in
    glm::vec3 position{0.0f};  // in that bone frame, metres
    Chain chain = Chain::trunk;
    int limb = -1;     // index into Rig::limbs for legs and arms
    bool end = false;  // on the limb's end segment (foot, hand) rather than mid (thigh, shin, arm)
    int mirror = -1;   // the same point on the other side (itself on the midline)
    std::string what;  // one line for people
};

// A two-bone limb: hip-knee-ankle or shoulder-elbow-wrist. The hinge (knee, elbow) turns about
// its group's first DOF axis.
struct Limb {
    std::string name;                   // "leg_r"
    int root = -1, mid = -1, end = -1;  // joint indices
    int hinge_group = -1;               // knee_r / elbow_r group
    int root_group = -1, end_group = -1;
};

struct Rig {
    anat::Skeleton skeleton;
    std::vector<JointGroup> groups;  // the DOF table; angle vectors hold 3 values per group
    std::vector<ContactPoint> points;
    std::vector<Limb> limbs;        // leg_r, leg_l, arm_r, arm_l
    std::vector<int> mirror_joint;  // per skeleton joint: its mirror (itself on the midline)
    std::vector<int> knees;         // joints that carry the knee roll-back translation
    // (joint, bone-frame point) kept above the floor: every contact point (on the skin) and every
    // joint centre. Bone landmarks are left out: they lie under the skin, so an honest kneel
    // would put them "below" the floor.
    std::vector<std::pair<int, glm::vec3>> floor_points;
    std::vector<int> floor_point_limb;  // per floor point: the limb that moves it (-1: none)
    std::vector<std::string> sources;   // "key: text" from the data files
    // How lumbar motion is shared between levels, L5-S1 first (the data file's per-level ranges);
    // not the lordosis split that shapes the standing spine (anat::lumbar_split).
    std::array<float, 5> lumbar_motion_split{};

    std::size_t angle_count() const { return groups.size() * 3; }
    int find_group(std::string_view name) const;
    int find_point(std::string_view name) const;
    // Index of DOF `dof` of group `name` in an angle vector, or -1.
    int angle_index(std::string_view group, std::string_view dof) const;

    // Rest angles (the clinical values of the rest pose: 0 except the forearm's pronation).
    std::vector<float> rest_angles() const;
    // Sets every joint rotation (and the root rotation and knee translations) of `pose` from
    // clinical angles (radians, 3 per group). The root translation is left as it is.
    void apply_angles(std::span<const float> angles, anat::Pose& pose) const;
    // Reads clinical angles back from a pose (the inverse of apply_angles for poses it made; for
    // other poses the nearest Euler decomposition in each group's order).
    void measure_angles(const anat::Pose& pose, std::span<float> angles) const;
    // The three clinical angles of one group (radians), as measure_angles gives them.
    glm::vec3 measure_group(const anat::Pose& pose, int group) const;
    // The mirror image of an angle vector: sides swapped, lateral DOFs of midline groups negated.
    void mirror_angles(std::span<const float> in, std::span<float> out) const;
    // The mirror image of a pose across the sagittal plane x = 0.
    anat::Pose mirror_pose(const anat::Pose& pose) const;
    // Knee translations from the knees' current flexion (call after changing knee rotations).
    void update_knee_translations(anat::Pose& pose) const;
    // A contact point in the world, given forward kinematics of the pose.
    glm::vec3 point_world(int point, std::span<const core::Rigid> world_from_bone) const;
};

// Builds the rig. Throws core::Error naming the file, the place and the problem.
Rig build_rig(const anat::Skeleton& skeleton, const std::string& limits_json, const std::string& limits_file, const std::string& points_json,
              const std::string& points_file);
// Reads assets/anim/joint_limits.json and assets/anim/contact_points.json.
Rig load_default_rig(const anat::Skeleton& skeleton);

// Mirrors a side-suffixed name: "hip_r" <-> "hip_l"; other names are returned unchanged.
std::string mirror_name(std::string_view name);

// The mirror image of a rotation across the sagittal plane: (w, x, y, z) -> (w, x, -y, -z).
inline glm::quat mirror_rotation(const glm::quat& q) { return {q.w, q.x, -q.y, -q.z}; }
inline glm::vec3 mirror_point(const glm::vec3& p) { return {-p.x, p.y, p.z}; }

}  // namespace anim
