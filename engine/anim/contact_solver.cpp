// anim/contact_solver.cpp
//
// [SECTION] Small rotation helpers
// [SECTION] Trunk pitch and root translation
// [SECTION] Hinge aims (one joint, one contact)
// [SECTION] Two-bone IK
// [SECTION] The solve
#include "anim/contact_solver.hpp"

#include "anim/sampler.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace anim {

namespace {

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

// [SECTION] Small rotation helpers

// The shortest rotation taking unit vector a to unit vector b.
glm::quat rotation_between(const glm::vec3& a, const glm::vec3& b) {
    const float d = glm::dot(a, b);
    if (d > 1.0f - 1e-7f) return {1.0f, 0.0f, 0.0f, 0.0f};
    if (d < -1.0f + 1e-6f) {
        glm::vec3 axis = glm::cross(glm::vec3(1.0f, 0.0f, 0.0f), a);
        if (glm::dot(axis, axis) < 1e-6f) axis = glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), a);
        return glm::angleAxis(core::pi, glm::normalize(axis));
    }
    const glm::vec3 c = glm::cross(a, b);
    return glm::normalize(glm::quat(1.0f + d, c.x, c.y, c.z));
}

void fk(const Rig& rig, const anat::Pose& pose, std::vector<core::Rigid>& world) {
    world.resize(rig.skeleton.joints.size());
    anat::forward_kinematics(rig.skeleton, pose, world);
}

// Moves the root and recomputes the world transforms from the pose (rather than adding t to
// them), so every later step sees the same numbers whatever ran before it: mirrored clips then
// solve to exact mirror images.
void shift(const Rig& rig, anat::Pose& pose, std::vector<core::Rigid>& world, const glm::vec3& t) {
    pose.root_translation += t;
    fk(rig, pose, world);
}

// The world rotation of a joint's parent frame (identity for the root).
glm::quat parent_rotation(const Rig& rig, const std::vector<core::Rigid>& world, int joint) {
    const int p = rig.skeleton.joints[idx(joint)].parent;
    return p < 0 ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f) : world[idx(p)].rotation;
}

// Turns joint `joint` by `angle` about `axis_parent` (a unit axis in its parent's frame).
void turn(anat::Pose& pose, int joint, const glm::vec3& axis_parent, float angle) {
    if (angle == 0.0f) return;
    const glm::quat r = glm::angleAxis(angle, axis_parent);
    if (joint == 0)
        pose.root_rotation = r * pose.root_rotation;
    else
        pose.local[idx(joint)] = r * pose.local[idx(joint)];
}

// The flexion axis of a group's joint in its parent's frame, after the DOFs before it in the
// group's order (so turning about it changes that DOF alone).
glm::vec3 flexion_axis(const Rig& rig, const anat::Pose& pose, int group) {
    const JointGroup& g = rig.groups[idx(group)];
    int k = 0;
    for (int d = 0; d < 3; ++d)
        if (g.dofs[idx(d)].name == "flexion" || g.dofs[idx(d)].name == "dorsiflexion") {
            k = d;
            break;
        }
    if (k == 0) return g.dofs[0].axis;
    // Rotate the axis by the DOFs before it, measured from the pose.
    const glm::vec3 angles = rig.measure_group(pose, group);
    glm::quat before(1.0f, 0.0f, 0.0f, 0.0f);
    for (int d = 0; d < k; ++d) before = before * glm::angleAxis(angles[d] - g.dofs[idx(d)].rest_rad, g.dofs[idx(d)].axis);
    return before * g.dofs[idx(k)].axis;
}

// [SECTION] Trunk pitch and root translation

glm::mat4 add_outer(const glm::mat4& m, const glm::vec4& a, float w) {
    glm::mat4 out = m;
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) out[c][r] += w * a[c] * a[r];
    return out;
}

// Pitch of the whole body about the pelvis's left-right axis through the root, so that trunk
// contacts lie on their planes (least squares together with a free translation, which is then
// dropped: step 2 places the root).
float trunk_pitch(const Rig& rig, std::span<const Surface> surfaces, std::span<const ActiveContact> contacts, const anat::Pose& pose,
                  const std::vector<core::Rigid>& world) {
    std::array<float, 2> top{0.0f, 0.0f};  // the two largest trunk weights
    int n = 0;
    for (const auto& c : contacts) {
        if (rig.points[idx(c.point)].chain != Chain::trunk || c.weight <= 0.0f) continue;
        ++n;
        if (c.weight > top[0]) {
            top[1] = top[0];
            top[0] = c.weight;
        } else if (c.weight > top[1])
            top[1] = c.weight;
    }
    if (n < 2) return 0.0f;
    const glm::vec3 o = pose.root_translation;
    const glm::vec3 axis = glm::normalize(pose.root_rotation * glm::vec3(1.0f, 0.0f, 0.0f));
    glm::vec3 t(0.0f);
    float phi = 0.0f;
    constexpr float damp_t = 1e-6f, damp_phi = 1e-5f;  // keep the normal equations regular
    for (int iter = 0; iter < 3; ++iter) {             // Gauss-Newton; the angle is small
        glm::mat4 m(0.0f);
        m[0][0] = m[1][1] = m[2][2] = damp_t;
        m[3][3] = damp_phi;
        glm::vec4 rhs(0.0f);
        const glm::quat rot = glm::angleAxis(phi, axis);
        for (const auto& c : contacts) {
            if (rig.points[idx(c.point)].chain != Chain::trunk || c.weight <= 0.0f) continue;
            const Surface& s = surfaces[idx(c.surface)];
            const glm::vec3 arm = rot * (rig.point_world(c.point, world) - o);
            const glm::vec3 p = o + arm + t;
            const glm::vec4 j(s.normal, glm::dot(glm::cross(axis, arm), s.normal));
            m = add_outer(m, j, c.weight);
            rhs -= c.weight * s.distance(p) * j;
        }
        const glm::vec4 dx = glm::inverse(m) * rhs;
        t += glm::vec3(dx);
        phi += dx.w;
    }
    // Fade the pitch in with the second contact so it cannot jump when one appears.
    return phi * top[1];
}

glm::vec3 root_translation(const Rig& rig, std::span<const Surface> surfaces, std::span<const ActiveContact> contacts,
                           const std::vector<core::Rigid>& world) {
    // Priority: what the body rests on places it. Level 0: trunk contacts. Level 1: contacts on
    // thighs, shins and arms (a kneeling knee), which only the root can satisfy without changing
    // the authored hip angle. Level 2: feet and the head, which IK moves cheaply. These
    // three pull along their surfaces' normals. Level 3: anchors pull along their surfaces, so
    // planted points do not skate. Each level moves the root only along directions the levels
    // above leave free (a stiff penalty on the directions they constrain), so a foot on a wall
    // still places the body against the wall while the knee on the floor sets its height.
    constexpr float damp = 1e-5f;  // unconstrained directions stay where the clip put the root
    constexpr float stiff = 1e4f;  // "do not move along what a higher level fixed"
    glm::mat3 fixed(0.0f);
    glm::vec3 total(0.0f);
    for (int level = 0; level < 4; ++level) {
        glm::mat3 added(0.0f);
        glm::vec3 rhs(0.0f);
        bool any = false;
        for (const auto& c : contacts) {
            if (c.weight <= 0.0f) continue;
            const ContactPoint& p = rig.points[idx(c.point)];
            const Surface& s = surfaces[idx(c.surface)];
            const glm::vec3 at = rig.point_world(c.point, world) + total;
            const glm::mat3 normal = glm::outerProduct(s.normal, s.normal);
            // A foot that is lifting off or touching down must not drag the body (IK still pulls
            // it with its weight): its say in the root falls as weight^8, which is continuous
            // with the segment before (weight 1) and after (weight 0 or steady).
            const float w2 = c.weight * c.weight, w4 = w2 * w2;
            const float w = c.steady ? c.weight : w4 * w4;
            // Hands hold on; they do not carry the body, so they never move the root (arm IK
            // reaches them).
            if (p.chain == Chain::arm && p.end) continue;
            if (level == 3) {
                if (!c.anchored) continue;
                const glm::mat3 along = glm::mat3(1.0f) - normal;
                added += w * along;
                rhs += w * (along * (c.anchor - at));
            } else {
                const int l = p.chain == Chain::trunk ? 0 : ((p.chain == Chain::leg || p.chain == Chain::arm) && !p.end ? 1 : 2);
                if (l != level) continue;
                added += w * normal;
                rhs -= w * s.distance(at) * s.normal;
            }
            any = true;
        }
        if (!any) continue;
        total += glm::inverse(glm::mat3(damp) + stiff * fixed + added) * rhs;
        fixed += added;
    }
    return total;
}

// [SECTION] Hinge aims (one joint, one contact)

// The angle about unit axis `u` through `o` that puts point `p` on the plane (nearest to 0), or
// the angle that comes closest when the plane is out of reach. Of two solutions the smaller
// turn wins.
float hinge_to_plane(const glm::vec3& o, const glm::vec3& u, const glm::vec3& p, const Surface& s) {
    const glm::vec3 v = p - o;
    const glm::vec3 par = u * glm::dot(u, v);
    const glm::vec3 perp = v - par;
    const float a = glm::dot(s.normal, perp), b = glm::dot(s.normal, glm::cross(u, perp));
    const float c = s.offset_m - glm::dot(s.normal, o + par);
    const float r = std::sqrt(a * a + b * b);
    if (r < 1e-6f) return 0.0f;
    const float base = std::atan2(b, a);  // a cos(x) + b sin(x) = r cos(x - base)
    const float k = c / r;
    if (k >= 1.0f) return core::wrap_angle(base);
    if (k <= -1.0f) return core::wrap_angle(base + core::pi);
    const float d = std::acos(k);
    const float x1 = core::wrap_angle(base + d), x2 = core::wrap_angle(base - d);
    return std::abs(x1) < std::abs(x2) ? x1 : x2;
}

// Turns `joint` (driven by `group`) about its flexion axis so contact `c` reaches its surface.
// Anchors are not used here: a hinge can rarely reach a given point, and a knee or toe that
// rolls a little on the floor looks right.
void aim(const Rig& rig, std::span<const Surface> surfaces, const ActiveContact& c, int joint, int group, anat::Pose& pose,
         std::vector<core::Rigid>& world) {
    const glm::vec3 axis_parent = flexion_axis(rig, pose, group);
    const glm::vec3 u = parent_rotation(rig, world, joint) * axis_parent;
    const glm::vec3 o = world[idx(joint)].translation, p = rig.point_world(c.point, world);
    const Surface& s = surfaces[idx(c.surface)];
    const float angle = hinge_to_plane(o, u, p, s);
    // Leverage: how directly turning moves the point toward the surface (1: straight at it, 0:
    // along it). Near 0 the solution is ill-conditioned (a foot lying along a wall would flip
    // between two far-apart angles), so the turn fades out and the root placement does the work.
    const glm::vec3 arm = p - o;
    const float len = glm::length(arm);
    const float leverage = len > 1e-6f ? std::abs(glm::dot(s.normal, glm::cross(u, arm))) / len : 0.0f;
    const float trust = std::clamp((leverage - 0.2f) / 0.3f, 0.0f, 1.0f);
    turn(pose, joint, axis_parent, angle * c.weight * trust);
    rig.update_knee_translations(pose);
    fk(rig, pose, world);
}

// [SECTION] Two-bone IK

// Where a limb whose end point is `p` first touches plane `s` when it swings about its root `r`
// without bending: the point of the plane at p's distance from r that is nearest to p (an arm
// reaching forward puts the hand down in front, rather than bending the elbow into the floor).
// If the plane is out of reach, the point of the plane nearest to p.
glm::vec3 reach_plane(const glm::vec3& r, const glm::vec3& p, const Surface& s) {
    const glm::vec3 on_plane = p - s.distance(p) * s.normal;
    const float h = s.distance(r), reach = glm::distance(r, p);
    if (reach <= std::abs(h)) return on_plane;
    const glm::vec3 c = r - h * s.normal;  // centre of the circle where the reach sphere meets the plane
    glm::vec3 dir = on_plane - c;
    if (glm::dot(dir, dir) < 1e-12f) return on_plane;
    return c + std::sqrt(reach * reach - h * h) * glm::normalize(dir);
}

// Moves the limb's end joint by `delta` (world) with the mid hinge and a swing at the root.
// Near full extension the hinge angle grows like the square root of the shortfall, so a limb
// authored dead straight snaps when its target comes a millimetre closer: clips keep standing
// knees a few degrees soft.
void two_bone(const Rig& rig, const Limb& limb, const glm::vec3& delta, anat::Pose& pose, std::vector<core::Rigid>& world) {
    const glm::vec3 goal = world[idx(limb.end)].translation + delta;
    const Dof& flex = rig.groups[idx(limb.hinge_group)].dofs[0];
    for (int pass = 0; pass < 2; ++pass) {  // the knee's roll-back moves its centre a little
        const glm::vec3 r = world[idx(limb.root)].translation, m = world[idx(limb.mid)].translation, e = world[idx(limb.end)].translation;
        const glm::vec3 u = world[idx(limb.root)].rotation * flex.axis;
        const glm::quat q = pose.local[idx(limb.mid)];
        const float now = core::wrap_angle(2.0f * std::atan2(glm::dot(glm::vec3(q.x, q.y, q.z), flex.axis), q.w));
        const float lo = std::max(flex.min_rad, 0.0f), hi = flex.max_rad;  // IK never hyperextends
        const glm::vec3 target = goal;
        // |r - (m + R(u, x)(e - m))| = |target - r|: a cos x + b sin x = c.
        const glm::vec3 rm = m - r, v = e - m;
        const glm::vec3 par = u * glm::dot(u, v), perp = v - par;
        const float a = glm::dot(rm, perp), b = glm::dot(rm, glm::cross(u, perp));
        const float dist2 = glm::dot(target - r, target - r);
        const float c = 0.5f * (dist2 - glm::dot(rm, rm) - glm::dot(v, v)) - glm::dot(rm, par);
        const float len = std::sqrt(a * a + b * b);
        float x = 0.0f;
        if (len > 1e-7f) {
            // Two hinge angles give the distance (bent one way or the other): take the one
            // inside the joint's range, and of two such the smaller change.
            const float base = std::atan2(b, a), k = std::clamp(c / len, -1.0f, 1.0f);
            const float d = std::acos(k);
            const float x1 = core::wrap_angle(base + d), x2 = core::wrap_angle(base - d);
            auto outside = [&](float dx) { return std::max(0.0f, std::max(lo - (now + dx), (now + dx) - hi)); };
            const float o1 = outside(x1), o2 = outside(x2);
            x = o1 != o2 ? (o1 < o2 ? x1 : x2) : (std::abs(x1) < std::abs(x2) ? x1 : x2);
        }
        x = std::clamp(now + x, lo, hi) - now;  // keep the hinge inside its range
        turn(pose, limb.mid, flex.axis, x);
        rig.update_knee_translations(pose);
        fk(rig, pose, world);
        // Swing the whole limb at its root toward the target.
        const glm::vec3 root = world[idx(limb.root)].translation;
        const glm::vec3 from = world[idx(limb.end)].translation - root, to = goal - root;
        if (glm::dot(from, from) < 1e-10f || glm::dot(to, to) < 1e-10f) break;
        const glm::quat swing = rotation_between(glm::normalize(from), glm::normalize(to));
        const glm::quat pr = parent_rotation(rig, world, limb.root);
        pose.local[idx(limb.root)] = glm::conjugate(pr) * swing * pr * pose.local[idx(limb.root)];
        fk(rig, pose, world);
    }
}

using ContactList = std::array<const ActiveContact*, 8>;

void solve_limb(const Rig& rig, std::span<const Surface> surfaces, std::span<const ActiveContact> contacts, int limb_index, anat::Pose& pose,
                std::vector<core::Rigid>& world) {
    const Limb& limb = rig.limbs[idx(limb_index)];
    ContactList mid{}, end{};
    std::size_t n_mid = 0, n_end = 0;
    for (const auto& c : contacts) {
        const ContactPoint& p = rig.points[idx(c.point)];
        if (p.limb != limb_index || c.weight <= 0.0f) continue;
        if (p.end && n_end < end.size())
            end[n_end++] = &c;
        else if (!p.end && n_mid < mid.size())
            mid[n_mid++] = &c;
    }
    if (n_mid + n_end == 0) return;
    auto heaviest_first = [](ContactList& list, std::size_t n) {
        std::stable_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(n),
                         [](const ActiveContact* a, const ActiveContact* b) { return a->weight > b->weight; });
    };
    heaviest_first(mid, n_mid);
    heaviest_first(end, n_end);
    if (n_mid > 0) {
        // The limb rests on its thigh, shin or arm: turn at the root for the first contact (one on
        // the upper segment if there is one), at the hinge for a second one on the lower segment,
        // then at the end joint for a foot or hand contact.
        std::stable_partition(mid.begin(), mid.begin() + static_cast<std::ptrdiff_t>(n_mid),
                              [&](const ActiveContact* c) { return rig.points[idx(c->point)].joint == limb.root; });
        aim(rig, surfaces, *mid[0], limb.root, limb.root_group, pose, world);
        for (std::size_t i = 1; i < n_mid; ++i) {
            if (rig.points[idx(mid[i]->point)].joint != limb.mid) continue;
            aim(rig, surfaces, *mid[i], limb.mid, limb.hinge_group, pose, world);
            break;
        }
        if (n_end > 0) aim(rig, surfaces, *end[0], limb.end, limb.end_group, pose, world);
        return;
    }
    // Foot or hand contacts only: move the end joint with two-bone IK. With two contacts on one
    // surface (heel and ball, palm and fingertips) the segment is tipped about its own flexion
    // axis so both lie flat.
    const glm::vec3 e = world[idx(limb.end)].translation;
    glm::quat tip(1.0f, 0.0f, 0.0f, 0.0f);
    const ActiveContact& first = *end[0];
    const ActiveContact* second = nullptr;
    float far = 0.0f;
    const glm::vec3 p0 = rig.point_world(first.point, world);
    for (std::size_t i = 1; i < n_end; ++i) {
        if (end[i]->surface != first.surface) continue;
        const float d = glm::distance(p0, rig.point_world(end[i]->point, world));
        if (d > far) {
            far = d;
            second = end[i];
        }
    }
    constexpr float min_span_m = 0.02f;  // two contacts closer than this cannot define a tilt
    const bool flat = second && far > min_span_m;
    if (flat) {
        Surface through = surfaces[idx(first.surface)];
        through.offset_m = glm::dot(through.normal, p0);
        const glm::vec3 u = parent_rotation(rig, world, limb.end) * flexion_axis(rig, pose, limb.end_group);
        const float angle = hinge_to_plane(p0, u, rig.point_world(second->point, world), through);
        tip = glm::angleAxis(angle * second->weight, u);
    }
    // The end joint moves by the contacts' mean pull, weighted by weight cubed so a heel that is
    // lifting off does not drag the ball of the foot into the floor; scaled by the strongest.
    auto pull = [&](const glm::vec3& end_at, const glm::quat& turn_end) {
        glm::vec3 delta(0.0f);
        float sum = 0.0f;
        const glm::vec3 root = world[idx(limb.root)].translation;
        for (std::size_t i = 0; i < n_end; ++i) {
            const Surface& s = surfaces[idx(end[i]->surface)];
            const glm::vec3 p = end_at + turn_end * (rig.point_world(end[i]->point, world) - end_at);
            const float w3 = end[i]->weight * end[i]->weight * end[i]->weight;
            delta += w3 * (end[i]->anchored ? end[i]->anchor - p : reach_plane(root, p, s) - p);
            sum += w3;
        }
        return delta * (first.weight / sum);
    };
    const glm::quat end_world = tip * world[idx(limb.end)].rotation;
    const glm::quat authored = pose.local[idx(limb.end)];
    glm::vec3 delta = pull(e, tip);
    // Never pull the foot or hand into the floor (a foot touching down is pulled toward its
    // anchor while its toes still point down).
    float lowest = 0.0f;
    for (std::size_t i = 0; i < rig.floor_points.size(); ++i) {
        const int joint = rig.floor_points[i].first;
        if (rig.floor_point_limb[i] != limb_index || !(joint == limb.end || rig.skeleton.joints[idx(joint)].parent == limb.end)) continue;
        const glm::vec3 p = e + tip * (world[idx(joint)].apply(rig.floor_points[i].second) - e) + delta;
        lowest = std::min(lowest, p.y);
    }
    delta.y -= lowest;
    two_bone(rig, limb, delta, pose, world);
    // A foot keeps its world orientation (tipped flat) as far as its strongest contact holds it (a
    // foot lifting off follows the leg again); a hand on one contact keeps its authored angles (a
    // palm on a wall need not stay put), which moves the contact a little: one more IK pass.
    const bool keep = flat || rig.points[idx(first.point)].chain == Chain::leg;
    if (keep) {
        pose.local[idx(limb.end)] = slerp_shortest(authored, glm::conjugate(world[idx(limb.mid)].rotation) * end_world, first.weight);
        fk(rig, pose, world);
        return;
    }
    pose.local[idx(limb.end)] = authored;
    fk(rig, pose, world);
    two_bone(rig, limb, pull(world[idx(limb.end)].translation, glm::quat(1.0f, 0.0f, 0.0f, 0.0f)), pose, world);
}

// A limb that is not standing on anything (its contacts absent or fading) and dips below the
// floor is lifted with two-bone IK (its end joint raised by the depth, twice, since the lowest
// point need not be on the end segment), rather than lifting the whole body. A lift is
// continuous in the depth, unlike turning the hip, which can go either way.
void clear_floor_with_free_limbs(const Rig& rig, std::span<const ActiveContact> contacts, anat::Pose& pose, std::vector<core::Rigid>& world) {
    for (std::size_t l = 0; l < rig.limbs.size(); ++l) {
        bool planted = false;
        for (const auto& c : contacts)
            if (rig.points[idx(c.point)].limb == static_cast<int>(l) && c.weight >= 1.0f) planted = true;
        if (planted) continue;
        for (int pass = 0; pass < 2; ++pass) {
            float lowest = 0.0f;
            for (std::size_t i = 0; i < rig.floor_points.size(); ++i)
                if (rig.floor_point_limb[i] == static_cast<int>(l))
                    lowest = std::min(lowest, world[idx(rig.floor_points[i].first)].apply(rig.floor_points[i].second).y);
            // Lift by the depth beyond 2 mm of skin contact, so the lift starts from zero (a
            // lift that jumped in at a threshold would snap the knee).
            constexpr float tolerance_m = 0.002f;
            if (lowest >= -tolerance_m) break;
            two_bone(rig, rig.limbs[l], {0.0f, -lowest - tolerance_m, 0.0f}, pose, world);
        }
    }
}

}  // namespace

// [SECTION] The solve

float lowest_point_y(const Rig& rig, std::span<const core::Rigid> world) {
    float lowest = std::numeric_limits<float>::max();
    for (const auto& [joint, p] : rig.floor_points) lowest = std::min(lowest, world[idx(joint)].apply(p).y);
    return lowest;
}

float lift_above_floor(const Rig& rig, anat::Pose& pose, std::vector<core::Rigid>& world) {
    const float lowest = lowest_point_y(rig, world);
    if (lowest >= 0.0f) return 0.0f;
    shift(rig, pose, world, {0.0f, -lowest, 0.0f});
    return -lowest;
}

SolveReport solve_contacts(const Rig& rig, std::span<const Surface> surfaces, std::span<const ActiveContact> contacts, anat::Pose& pose,
                           std::vector<core::Rigid>& world) {
    SolveReport report;
    fk(rig, pose, world);
    if (!contacts.empty()) {
        const float pitch = trunk_pitch(rig, surfaces, contacts, pose, world);
        if (pitch != 0.0f) {
            pose.root_rotation = glm::angleAxis(pitch, glm::normalize(pose.root_rotation * glm::vec3(1.0f, 0.0f, 0.0f))) * pose.root_rotation;
            fk(rig, pose, world);
        }
        report.root_pitch_rad = pitch;
        const int neck = rig.find_group("neck");
        for (int pass = 0; pass < 2; ++pass) {
            const glm::vec3 t = root_translation(rig, surfaces, contacts, world);
            shift(rig, pose, world, t);
            report.root_shift_m += t;
            const ActiveContact* head = nullptr;
            for (const auto& c : contacts)
                if (rig.points[idx(c.point)].chain == Chain::head && c.weight > 0.0f && (!head || c.weight > head->weight)) head = &c;
            if (head && neck >= 0) aim(rig, surfaces, *head, rig.groups[idx(neck)].joints[0], neck, pose, world);
            for (std::size_t l = 0; l < rig.limbs.size(); ++l) solve_limb(rig, surfaces, contacts, static_cast<int>(l), pose, world);
        }
    }
    clear_floor_with_free_limbs(rig, contacts, pose, world);
    report.floor_lift_m = lift_above_floor(rig, pose, world);
    report.root_shift_m.y += report.floor_lift_m;
    for (const auto& c : contacts)
        if (c.weight >= 1.0f)
            report.max_contact_error_m =
                std::max(report.max_contact_error_m, std::abs(surfaces[idx(c.surface)].distance(rig.point_world(c.point, world))));
    return report;
}

}  // namespace anim
