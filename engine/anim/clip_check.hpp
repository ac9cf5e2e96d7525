// anim/clip_check.hpp: does a clip move well? Samples it and lists what a reviewer would flag.
// Used by `anatomy validate-clip` after the file itself has validated.
#pragma once

#include "anim/clip.hpp"

#include <string>
#include <vector>

namespace anim {

struct MotionCheckOptions {
    float dt_s = 0.05f;                 // sampling step (20 Hz: far finer than any keyframe spacing)
    float contact_tolerance_m = 0.01f;  // the "within 1 cm of their surfaces"
    float face_margin_m = 0.03f;        // a contact may sit this far past its prop's edge (skin is not a point)
    float floor_tolerance_m = 0.005f;   // the "no body part more than 5 mm below the floor"
    float limit_tolerance_deg = 0.5f;   // slerp and IK round-off
    bool contacts_in_hold_only = true;  // check contacts during hold phases only (the rule)
};

// One problem per line, "file: /keyframes/K (t = T s, phase): what", K the keyframe at or before
// the sample. Checks every sample for: joint angles outside assets/anim/joint_limits.json, locked
// DOFs moved; fully weighted contacts off their surface or off the prop's face; body points below
// the floor.
std::vector<std::string> check_clip_motion(const Rig& rig, const Clip& clip, const MotionCheckOptions& options = {});

}  // namespace anim
