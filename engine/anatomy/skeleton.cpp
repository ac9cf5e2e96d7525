#include "anatomy/skeleton.hpp"

#include "core/error.hpp"

namespace anat {

namespace {
bool has_prefix(const std::vector<std::string>& prefixes, std::string_view name) {
    for (const auto& p : prefixes)
        if (name.starts_with(p)) return true;
    return false;
}
}  // namespace

bool BoneDisplay::is_arm_bone(std::string_view bone) const { return has_prefix(arm_bones, bone); }
bool BoneDisplay::keeps_fine_detail(std::string_view joint) const { return has_prefix(fine_detail_joints, joint); }

int Skeleton::find_joint(std::string_view name) const {
    for (std::size_t i = 0; i < joints.size(); ++i)
        if (joints[i].name == name) return static_cast<int>(i);
    return -1;
}

int Skeleton::find_landmark(std::string_view name) const {
    for (std::size_t i = 0; i < landmarks.size(); ++i)
        if (landmarks[i].name == name) return static_cast<int>(i);
    return -1;
}

const ReferenceFrame* Skeleton::find_frame(std::string_view name) const {
    for (const auto& f : frames)
        if (f.name == name) return &f;
    return nullptr;
}

glm::vec3 Skeleton::osim_to_world(const ReferenceFrame& frame, const glm::vec3& osim) const {
    return frame.origin_world + frame.scale * osim_axes(osim);
}

glm::vec3 Skeleton::landmark_rest_world(int landmark) const {
    const Landmark& l = landmarks[static_cast<std::size_t>(landmark)];
    return joints[static_cast<std::size_t>(l.joint)].rest_world + l.position;
}

std::vector<int> Skeleton::chain_to_root(int joint) const {
    std::vector<int> chain;
    for (int j = joint; j >= 0; j = joints[static_cast<std::size_t>(j)].parent) chain.push_back(j);
    return chain;
}

glm::vec3 KneeModel::translation(float q) const {
    const glm::vec3 at(static_cast<float>(x_osim(q)), static_cast<float>(y_osim(q)), 0.0f);
    const glm::vec3 rest(static_cast<float>(x_osim(0.0)), static_cast<float>(y_osim(0.0)), 0.0f);
    return osim_axes(at - rest) * scale;
}

Pose rest_pose(const Skeleton& skeleton) {
    Pose p;
    p.root_translation = skeleton.joints.empty() ? glm::vec3(0.0f) : skeleton.joints[0].rest_world;
    p.local.assign(skeleton.joints.size(), glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
    p.translation.assign(skeleton.joints.size(), glm::vec3(0.0f));
    return p;
}

void forward_kinematics(const Skeleton& skeleton, const Pose& pose, std::span<core::Rigid> world_from_bone) {
    ANATOMY_ASSERT(world_from_bone.size() == skeleton.joints.size() && pose.local.size() == skeleton.joints.size() &&
                       (pose.translation.empty() || pose.translation.size() == skeleton.joints.size()),
                   "pose and output must have one entry per joint");
    for (std::size_t i = 0; i < skeleton.joints.size(); ++i) {
        const Joint& j = skeleton.joints[i];
        if (j.parent < 0) {
            world_from_bone[i] = {pose.root_rotation, pose.root_translation};
        } else {
            const core::Rigid& parent = world_from_bone[static_cast<std::size_t>(j.parent)];
            const glm::vec3 offset = pose.translation.empty() ? j.rest_offset : j.rest_offset + pose.translation[i];
            world_from_bone[i] = {parent.rotation * pose.local[i], parent.apply(offset)};
        }
    }
}

std::vector<core::Rigid> forward_kinematics(const Skeleton& skeleton, const Pose& pose) {
    std::vector<core::Rigid> out(skeleton.joints.size());
    forward_kinematics(skeleton, pose, out);
    return out;
}

}  // namespace anat
