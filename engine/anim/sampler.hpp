// anim/sampler.hpp: a clip at a time: interpolated pose, active contacts, phase and step.
//
//   anim::Frame f;
//   anim::evaluate(rig, clip, t_s, f);   // sample, then solve contacts and the floor
//   draw(f.world_from_bone);             // bone frames in the world
//
// Interpolation: between keyframes k and k+1 the parameter u = (t - t_k) / (t_k+1 - t_k) is eased
// with key k's easing; joint rotations are slerped (shortest arc) per joint, the root translation
// is blended linearly, and knee roll-back follows the interpolated knee angle. At t = t_k the pose
// is key k's exactly. A contact listed in only one of the two keys fades in or out with the same
// eased parameter. Times outside [0, duration] are clamped.
#pragma once

#include "anim/contact_solver.hpp"

namespace anim {

struct Frame {
    anat::Pose pose;
    std::vector<core::Rigid> world_from_bone;  // forward kinematics of pose (after evaluate)
    std::vector<ActiveContact> contacts;       // weight > 0 only
    int segment = 0;                           // keyframe at or before t
    float eased = 0.0f;                        // eased parameter within the segment
    Phase phase = Phase::setup;
    int step = -1;       // StretchInfo::steps index to show
    SolveReport report;  // from evaluate
};

// Interpolation only (no contacts solved): `out.world_from_bone` is left as it was.
void sample(const Rig& rig, const Clip& clip, float t_s, Frame& out);

// sample(), then solve_contacts() (contacts, root placement, IK, floor).
void evaluate(const Rig& rig, const Clip& clip, float t_s, Frame& out);

// The phase and the step to show at t (cheap: no pose).
Phase phase_at(const Clip& clip, float t_s);
int step_at(const Clip& clip, float t_s);

// Shortest-arc spherical interpolation.
glm::quat slerp_shortest(const glm::quat& a, const glm::quat& b, float t);

}  // namespace anim
