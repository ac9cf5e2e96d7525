// anatomy/coordinates.hpp: the clinical degrees of freedom (hip flexion, knee flexion, lumbar
// extension, pelvic tilt...) and their mapping to the rig's joint rotations.
//
// Signs follow OpenSim's gait2392 where it has the coordinate (pelvis_tilt + = posterior tilt,
// hip_flexion + = flexion, lumbar_extension + = extension, ankle + = dorsiflexion); knees use
// clinical knee flexion (+ = flexion, OpenSim's knee_angle = -knee_flexion). Rotation order at
// the hip is flexion, then adduction, then rotation (gait2392's CustomJoint order). Lumbar motion
// is shared over L5-S1..L1-L2 by the segmental split (43/25/18/12/2 %, anatomy-data 3.2).
#pragma once

#include "anatomy/skeleton.hpp"

#include <array>

namespace anat {

struct LegAngles {
    float hip_flexion_deg = 0.0f;
    float hip_adduction_deg = 0.0f;       // + toward the midline
    float hip_rotation_deg = 0.0f;        // + internal
    float knee_flexion_deg = 0.0f;        // + flexion (OpenSim knee_angle = -this)
    float ankle_dorsiflexion_deg = 0.0f;  // + dorsiflexion
    float mtp_extension_deg = 0.0f;       // + toes up
};

struct Coordinates {
    float pelvis_tilt_deg = 0.0f;  // + posterior (OpenSim pelvis_tilt); anterior tilt is negative
    float pelvis_list_deg = 0.0f;  // + the right side drops (OpenSim pelvis_list)
    float pelvis_rotation_deg = 0.0f;
    glm::vec3 pelvis_offset_m{0.0f};    // root translation from its rest position
    float lumbar_extension_deg = 0.0f;  // + extension (more lordosis)
    float lumbar_bending_deg = 0.0f;    // + bending to the right
    float lumbar_rotation_deg = 0.0f;
    float thoracic_extension_deg = 0.0f;  // at T12-L1
    float neck_extension_deg = 0.0f;      // at C7-T1
    float head_extension_deg = 0.0f;      // at C0-C1
    std::array<LegAngles, 2> legs;        // [0] right, [1] left
};

enum Side : int { right = 0, left = 1 };

// The lordosis split: how the standing shape's lumbar extension is shared at l5_s1 ... l1_l2
// (segmental lordosis; the posture solver). Motion in the stretches uses the rig's motion split.
inline constexpr std::array<float, 5> lumbar_split{0.43f, 0.25f, 0.18f, 0.12f, 0.02f};
inline constexpr std::array<const char*, 5> lumbar_joints{"l5_s1", "l4_l5", "l3_l4", "l2_l3", "l1_l2"};

// Joint indices used by the functions below, looked up once.
struct RigIndex {
    int pelvis = -1;
    std::array<int, 5> lumbar{};
    int thorax = -1, neck = -1, head = -1;
    std::array<int, 2> hip{}, knee{}, ankle{}, mtp{};
    explicit RigIndex(const Skeleton& s);
};

// A pose from the coordinates; the pelvis pivots about its joint centre (the rig's root).
Pose pose_from_coordinates(const Skeleton& skeleton, const RigIndex& ix, const Coordinates& c);
Pose pose_from_coordinates(const Skeleton& skeleton, const Coordinates& c);

// Sets one leg's rotations (and the knee's roll-back) in an existing pose.
void set_leg(const Skeleton& skeleton, const RigIndex& ix, Pose& pose, Side side, const LegAngles& leg);

// Angle in radians of a rotation about the sagittal axis (swing-twist), OpenSim's sign.
float sagittal_angle(const glm::quat& q);

// The OpenSim coordinates a muscle path may depend on, read back from a pose (radians).
struct PathCoordinates {
    std::array<float, 2> hip_flexion{0.0f, 0.0f};
    std::array<float, 2> knee_angle{0.0f, 0.0f};  // OpenSim sign: negative = flexion
    std::array<float, 2> ankle_angle{0.0f, 0.0f};
};
PathCoordinates path_coordinates(const RigIndex& ix, const Pose& pose);

}  // namespace anat
