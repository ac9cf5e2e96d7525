// Shared set-up for the animation tests: the default skeleton, rig and stretch library, built once.
#pragma once

#include "anatomy/skeleton_builder.hpp"
#include "anim/library.hpp"
#include "anim/sampler.hpp"

#include <string>
#include <vector>

namespace animtest {

inline const anim::Rig& rig() {
    static const anim::Rig r = anim::load_default_rig(anat::build_default_skeleton());
    return r;
}

inline const anim::Library& library() {
    static const anim::Library l = anim::Library::load_default(rig());
    return l;
}

inline float deg(float rad) { return core::rad_to_deg(rad); }

// Clinical angle (degrees) of `group`'s DOF `dof` in a pose.
inline float angle_deg(const anat::Pose& pose, const std::string& group, const std::string& dof) {
    std::vector<float> a(rig().angle_count());
    rig().measure_angles(pose, a);
    const int i = rig().angle_index(group, dof);
    return i < 0 ? 1e9f : deg(a[static_cast<std::size_t>(i)]);
}

// Times to sample a clip at: every dt plus every keyframe.
inline std::vector<float> sample_times(const anim::Clip& clip, float dt) {
    std::vector<float> t;
    for (float s = 0.0f; s < clip.duration_s(); s += dt) t.push_back(s);
    for (const auto& k : clip.keys) t.push_back(k.t_s);
    return t;
}

}  // namespace animtest
