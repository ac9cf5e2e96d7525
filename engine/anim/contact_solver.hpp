// anim/contact_solver.hpp: keeps contact points on their surfaces (floor, mat, step, table, wall)
// and the body above the floor, by moving the root and the limbs of a sampled pose.
//
// Steps, in order (each a small closed-form solve; no iteration to convergence):
//  1. Trunk pitch: with two or more trunk contacts (sacrum, upper back, buttocks, ASIS, chest)
//     the pelvis pitches about its own left-right axis (least squares) so they lie on their
//     surfaces together (e.g. supine: sacrum and upper back both on the mat).
//  2. Root translation: least squares over contacts' distances to their planes, by priority:
//     trunk contacts, then thigh/shin/arm contacts (a kneeling knee), then feet and the head,
//     then anchors along their surfaces; a lower level moves the root only along directions the
//     levels above leave free. Hands never move the root (they hold on; arm IK reaches them),
//     and a contact that is fading in or out has little say (weight^8), so a lifting foot does
//     not drag the body. Directions no contact constrains keep the authored root.
//  3. Head: the neck (C7-T1) flexes so a head contact (occiput, forehead) reaches its surface.
//  4. Limbs: a contact on the thigh, shin or upper arm (knee, patella, elbow) turns the limb at
//     its root about the flexion axis; a second one on the shin turns the knee. Then foot or hand
//     contacts either turn the end segment at the ankle or wrist (when the limb already rests on
//     a mid contact), or move the ankle or wrist with two-bone IK: toward the contact's anchor,
//     or, for a contact without one, to where the limb would touch the surface if it swung about
//     its root without bending (a hand reaching forward lands in front of the shoulder rather
//     than folding the elbow into the floor). The knee or elbow hinge sets the reach (the bend
//     that stays inside the joint's range), a minimal swing at the hip or shoulder aims it, which
//     keeps the knee or elbow in the plane the clip authored (the pole). A foot keeps its world
//     orientation, tipped about its flexion axis so that two of its contacts lie flat on the
//     same surface; a hand on one contact keeps its authored wrist angles. Hinge turns fade out
//     where they have little leverage on the surface (ill-conditioned, they would flip).
//  Steps 2-4 run twice (the second pass removes what the first pass's limb moves left).
//  5. Floor: a limb that is not planted (no fully weighted contact) and dips below y = 0 is
//     lifted by two-bone IK until its lowest point is within 2 mm of it; then, if any body point
//     (contact points on the skin, joint centres) is still below y = 0, the root is lifted by
//     that much.
// A contact's weight (0..1, from the clip's cross-fades between keyframes) scales its pull.
// Anchors (where a contact first touched) keep planted points from skating: they place the root
// along the surfaces (step 2, lowest priority) and are the targets of two-bone IK (step 4);
// hinge aims only bring a point onto its plane.
// About 10 to 15 microseconds per frame with sampling (RelWithDebInfo; Motion.SamplingAndContacts
// prints it); no allocation once `world` has its size.
#pragma once

#include "anim/clip.hpp"

#include <span>
#include <vector>

namespace anim {

struct ActiveContact {
    int point = -1;    // Rig::points
    int surface = -1;  // Clip::surfaces
    float weight = 1.0f;
    bool anchored = false;  // hold `anchor` (a point on the surface); otherwise anywhere on the plane
    glm::vec3 anchor{0.0f};
    // Held through the whole keyframe segment. A contact that is not (a foot lifting off or
    // touching down) is reached by IK but has little say in where the root goes (weight^8).
    bool steady = true;
};

struct SolveReport {
    glm::vec3 root_shift_m{0.0f};      // total root translation added by steps 2 and 5
    float root_pitch_rad = 0.0f;       // step 1
    float floor_lift_m = 0.0f;         // step 5
    float max_contact_error_m = 0.0f;  // largest |distance| of a fully weighted contact afterwards
};

// Moves `pose` so the contacts hold; `world` receives forward kinematics of the result (resized to
// the skeleton). Points and surfaces index `rig.points` and `surfaces`.
SolveReport solve_contacts(const Rig& rig, std::span<const Surface> surfaces, std::span<const ActiveContact> contacts, anat::Pose& pose,
                           std::vector<core::Rigid>& world);

// Lifts the root so that no body point is below the floor (y = 0); returns the lift in metres.
// `world` must hold forward kinematics of `pose` and is updated.
float lift_above_floor(const Rig& rig, anat::Pose& pose, std::vector<core::Rigid>& world);

// The lowest body point's height (m) for a pose's forward kinematics.
float lowest_point_y(const Rig& rig, std::span<const core::Rigid> world);

}  // namespace anim
