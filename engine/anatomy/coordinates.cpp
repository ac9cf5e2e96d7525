#include "anatomy/coordinates.hpp"

#include "core/error.hpp"

namespace anat {

namespace {
glm::quat axis_angle_deg(float deg, const glm::vec3& axis) { return glm::angleAxis(core::deg_to_rad(deg), axis); }
const glm::vec3 y_axis{0, 1, 0}, z_axis{0, 0, 1};
}  // namespace

RigIndex::RigIndex(const Skeleton& s) {
    auto need = [&](const char* name) {
        const int j = s.find_joint(name);
        ANATOMY_ASSERT(j >= 0, std::string("the rig has no joint ") + name);
        return j;
    };
    pelvis = need("pelvis");
    for (std::size_t i = 0; i < lumbar_joints.size(); ++i) lumbar[i] = need(lumbar_joints[i]);
    thorax = need("t12_l1");
    neck = need("c7_t1");
    head = need("c0_c1");
    for (int side = 0; side < 2; ++side) {
        const std::string sfx = side == 0 ? "_r" : "_l";
        const auto i = static_cast<std::size_t>(side);
        hip[i] = need(("hip" + sfx).c_str());
        knee[i] = need(("knee" + sfx).c_str());
        ankle[i] = need(("ankle" + sfx).c_str());
        mtp[i] = need(("mtp" + sfx).c_str());
    }
}

void set_leg(const Skeleton& skeleton, const RigIndex& ix, Pose& pose, Side side, const LegAngles& leg) {
    const auto s = static_cast<std::size_t>(side);
    // The left side mirrors the right: adduction and rotation axes flip with x.
    const float m = side == Side::right ? 1.0f : -1.0f;
    const glm::quat flex = sagittal_rotation(core::deg_to_rad(leg.hip_flexion_deg));
    const glm::quat add = axis_angle_deg(leg.hip_adduction_deg, z_axis * m);
    const glm::quat rot = axis_angle_deg(leg.hip_rotation_deg, y_axis * m);
    pose.local[static_cast<std::size_t>(ix.hip[s])] = flex * add * rot;
    const float knee_angle = core::deg_to_rad(-leg.knee_flexion_deg);
    pose.local[static_cast<std::size_t>(ix.knee[s])] = sagittal_rotation(knee_angle);
    if (pose.translation.size() != pose.local.size()) pose.translation.assign(pose.local.size(), glm::vec3(0.0f));
    pose.translation[static_cast<std::size_t>(ix.knee[s])] = skeleton.knee.translation(knee_angle);
    pose.local[static_cast<std::size_t>(ix.ankle[s])] = sagittal_rotation(core::deg_to_rad(leg.ankle_dorsiflexion_deg));
    pose.local[static_cast<std::size_t>(ix.mtp[s])] = sagittal_rotation(core::deg_to_rad(leg.mtp_extension_deg));
}

Pose pose_from_coordinates(const Skeleton& skeleton, const Coordinates& c) { return pose_from_coordinates(skeleton, RigIndex(skeleton), c); }

Pose pose_from_coordinates(const Skeleton& skeleton, const RigIndex& ix, const Coordinates& c) {
    Pose pose = rest_pose(skeleton);
    pose.root_rotation = sagittal_rotation(core::deg_to_rad(c.pelvis_tilt_deg)) * axis_angle_deg(c.pelvis_list_deg, z_axis) *
                         axis_angle_deg(c.pelvis_rotation_deg, y_axis);
    pose.root_translation += c.pelvis_offset_m;
    for (std::size_t i = 0; i < lumbar_split.size(); ++i) {
        const float f = lumbar_split[i];
        pose.local[static_cast<std::size_t>(ix.lumbar[i])] = sagittal_rotation(core::deg_to_rad(c.lumbar_extension_deg * f)) *
                                                             axis_angle_deg(c.lumbar_bending_deg * f, z_axis) *
                                                             axis_angle_deg(c.lumbar_rotation_deg * f, y_axis);
    }
    pose.local[static_cast<std::size_t>(ix.thorax)] = sagittal_rotation(core::deg_to_rad(c.thoracic_extension_deg));
    pose.local[static_cast<std::size_t>(ix.neck)] = sagittal_rotation(core::deg_to_rad(c.neck_extension_deg));
    pose.local[static_cast<std::size_t>(ix.head)] = sagittal_rotation(core::deg_to_rad(c.head_extension_deg));
    set_leg(skeleton, ix, pose, Side::right, c.legs[0]);
    set_leg(skeleton, ix, pose, Side::left, c.legs[1]);
    return pose;
}

float sagittal_angle(const glm::quat& q) {
    // Twist of q about the sagittal axis: project the vector part onto the axis.
    const float along = glm::dot(glm::vec3(q.x, q.y, q.z), sagittal_axis);
    return 2.0f * std::atan2(along, q.w);
}

PathCoordinates path_coordinates(const RigIndex& ix, const Pose& pose) {
    PathCoordinates pc;
    for (std::size_t s = 0; s < 2; ++s) {
        pc.hip_flexion[s] = core::wrap_angle(sagittal_angle(pose.local[static_cast<std::size_t>(ix.hip[s])]));
        pc.knee_angle[s] = core::wrap_angle(sagittal_angle(pose.local[static_cast<std::size_t>(ix.knee[s])]));
        pc.ankle_angle[s] = core::wrap_angle(sagittal_angle(pose.local[static_cast<std::size_t>(ix.ankle[s])]));
    }
    return pc;
}

}  // namespace anat
