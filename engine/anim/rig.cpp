// anim/rig.cpp
//
// [SECTION] Names and small helpers
// [SECTION] Euler angles in a group's order
// [SECTION] Reading joint_limits.json
// [SECTION] Reading contact_points.json
// [SECTION] Limbs, mirrors and floor points
// [SECTION] Angles and poses
#include "anim/rig.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace anim {

namespace {
using core::check_keys;

// [SECTION] Names and small helpers

bool ends_with(std::string_view s, std::string_view tail) { return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail; }

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

// The principal axis (0 = x, 1 = y, 2 = z) and sign of a signed unit axis.
int principal(const glm::vec3& a) {
    const glm::vec3 m = glm::abs(a);
    return m.x >= m.y && m.x >= m.z ? 0 : (m.y >= m.z ? 1 : 2);
}
float axis_sign(const glm::vec3& a) { return a[principal(a)] < 0.0f ? -1.0f : 1.0f; }

// [SECTION] Euler angles in a group's order

// Angles (b0, b1, b2) with R = R_e(i)(b0) R_e(j)(b1) R_e(k)(b2) about the principal axes i, j, k
// (a permutation of 0, 1, 2). Tait-Bryan decomposition; the middle angle is in [-pi/2, pi/2].
glm::vec3 decompose(const glm::quat& q, int i, int j, int k) {
    const glm::mat3 m = glm::mat3_cast(q);
    auto r = [&](int row, int col) { return m[col][row]; };  // glm is column-major
    const bool even = (i == 0 && j == 1) || (i == 1 && j == 2) || (i == 2 && j == 0);
    const float e = even ? 1.0f : -1.0f;
    const float s1 = std::clamp(e * r(i, k), -1.0f, 1.0f);
    const float b1 = std::asin(s1);
    float b0 = 0.0f, b2 = 0.0f;
    if (std::abs(s1) < 0.99999f) {
        b0 = std::atan2(-e * r(j, k), r(k, k));
        b2 = std::atan2(-e * r(i, j), r(i, i));
    } else {
        // Gimbal lock: only b0 + b2 (or b0 - b2) is defined; put it all on b0.
        b0 = std::atan2(e * r(k, j), r(j, j));
    }
    return {b0, b1, b2};
}

glm::quat group_rotation(const JointGroup& g, const glm::vec3& theta) {
    return glm::angleAxis(theta.x, g.dofs[0].axis) * glm::angleAxis(theta.y, g.dofs[1].axis) * glm::angleAxis(theta.z, g.dofs[2].axis);
}

// Rotation angles (clinical value minus rest) of one joint's rotation in a group's order.
glm::vec3 group_angles(const JointGroup& g, const glm::quat& q) {
    const glm::vec3 b = decompose(q, principal(g.dofs[0].axis), principal(g.dofs[1].axis), principal(g.dofs[2].axis));
    return {b.x * axis_sign(g.dofs[0].axis), b.y * axis_sign(g.dofs[1].axis), b.z * axis_sign(g.dofs[2].axis)};
}

// [SECTION] Reading joint_limits.json

glm::vec3 mirror_axis(const glm::vec3& a) { return {a.x, -a.y, -a.z}; }

void read_limits(Rig& rig, const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);
    auto root = r.root();
    check_keys(root, {"format", "about", "sources", "lumbar_motion_split", "groups"});
    if (root["format"].string() != "anatomy-joint-limits-1") root["format"].problem("expected \"anatomy-joint-limits-1\"");
    std::set<std::string> source_keys;
    for (const auto& [k, v] : root["sources"].members()) {
        source_keys.insert(k);
        rig.sources.push_back(k + ": " + v.string());
    }
    auto split = root["lumbar_motion_split"];
    const char* levels[] = {"l5_s1", "l4_l5", "l3_l4", "l2_l3", "l1_l2"};
    float split_sum = 0.0f;
    for (std::size_t i = 0; i < 5; ++i) {
        rig.lumbar_motion_split[i] = static_cast<float>(split[levels[i]].number(0.0, 1.0));
        split_sum += rig.lumbar_motion_split[i];
    }
    if (std::abs(split_sum - 1.0f) > 1e-3f) split.problem("the shares must add up to 1");
    if (!source_keys.count(split["source"].string())) split["source"].problem("not a key of /sources");

    const anat::Skeleton& sk = rig.skeleton;
    std::set<std::string> names;
    for (const auto& gn : root["groups"].items()) {
        check_keys(gn, {"name", "root", "sided", "joints", "split", "dofs"});
        JointGroup g;
        g.name = gn["name"].string();
        g.root = gn.get("root").boolean(false);
        g.sided = gn.get("sided").boolean(false);
        if (!names.insert(g.name).second) gn["name"].problem("group \"" + g.name + "\" is defined twice");
        std::vector<std::string> joint_names = g.sided ? std::vector<std::string>{g.name + "_r"} : gn["joints"].strings();
        if (g.sided && gn.has("joints")) gn["joints"].problem("a sided group takes its joint from its name (hip -> hip_r, hip_l)");
        if (joint_names.empty()) gn["joints"].problem("expected at least one joint");
        for (const auto& jn : joint_names) {
            const int j = sk.find_joint(jn);
            if (j < 0) gn["joints"].problem("the skeleton has no joint \"" + jn + "\"");
            g.joints.push_back(j);
        }
        if (gn.has("split")) {
            if (gn["split"].string() != "lumbar_motion_split" || joint_names.size() != 5)
                gn["split"].problem("only \"lumbar_motion_split\" over five joints is known");
            g.shares.assign(rig.lumbar_motion_split.begin(), rig.lumbar_motion_split.end());
        } else {
            if (joint_names.size() != 1) gn["joints"].problem("several joints need a \"split\"");
            g.shares.assign(joint_names.size(), 1.0f);
        }
        if (g.root && (joint_names.size() != 1 || joint_names[0] != sk.joints[0].name))
            gn["joints"].problem("the root group must be the root joint alone");
        const auto dofs = gn["dofs"].items();
        if (dofs.size() != 3) gn["dofs"].problem("expected exactly 3 DOFs, in rotation order (locked ones included)");
        std::set<int> axes_used;
        for (std::size_t i = 0; i < std::min<std::size_t>(3, dofs.size()); ++i) {
            const auto& dn = dofs[i];
            check_keys(dn, {"name", "axis", "min_deg", "max_deg", "rest_deg", "locked", "source", "meaning"});
            Dof d;
            d.name = dn["name"].string();
            d.axis = dn["axis"].vec3(1.0f, glm::vec3(1.0f, 0.0f, 0.0f));
            const int p = principal(d.axis);
            if (std::abs(std::abs(d.axis[p]) - 1.0f) > 1e-6f || glm::length(d.axis) > 1.0f + 1e-6f)
                dn["axis"].problem("expected a signed unit axis: [±1, 0, 0], [0, ±1, 0] or [0, 0, ±1]");
            if (!axes_used.insert(p).second) dn["axis"].problem("two DOFs of a group turn about the same axis");
            d.locked = dn.get("locked").boolean(false);
            if (d.locked) {
                if (dn.has("min_deg") || dn.has("max_deg")) dn.problem("a locked DOF has no range");
            } else {
                d.min_rad = core::deg_to_rad(static_cast<float>(dn["min_deg"].number(-360, 360)));
                d.max_rad = core::deg_to_rad(static_cast<float>(dn["max_deg"].number(-360, 360)));
                if (d.min_rad > d.max_rad) dn["max_deg"].problem("max_deg is below min_deg");
            }
            d.rest_rad = core::deg_to_rad(static_cast<float>(dn.get("rest_deg").number(-180, 180, 0.0)));
            if (!d.locked && (d.rest_rad < d.min_rad - 1e-6f || d.rest_rad > d.max_rad + 1e-6f))
                dn["rest_deg"].problem("rest_deg is outside the range");
            d.source = dn["source"].string();
            if (!source_keys.count(d.source)) dn["source"].problem("\"" + d.source + "\" is not a key of /sources");
            (void)dn["meaning"].string();
            g.dofs[i] = d;
        }
        if (!g.sided) {
            rig.groups.push_back(std::move(g));
            continue;
        }
        // The left side: mirrored axes, same ranges.
        JointGroup left = g;
        g.name += "_r";
        left.name += "_l";
        left.joints = {sk.find_joint(joint_names[0].substr(0, joint_names[0].size() - 2) + "_l")};
        if (left.joints[0] < 0) gn["name"].problem("the skeleton has no left joint for \"" + g.name + "\"");
        for (auto& d : left.dofs) d.axis = mirror_axis(d.axis);
        rig.groups.push_back(std::move(g));
        rig.groups.push_back(std::move(left));
    }
    int roots = 0;
    for (const auto& g : rig.groups) roots += g.root ? 1 : 0;
    if (roots != 1) root["groups"].problem("expected exactly one root group (the pelvis)");
    // Every joint but the fixed ones must be driven by exactly one group.
    std::vector<int> driven(sk.joints.size(), 0);
    for (const auto& g : rig.groups)
        for (int j : g.joints)
            if (j >= 0) ++driven[idx(j)];
    for (std::size_t j = 0; j < sk.joints.size(); ++j)
        if (driven[j] > 1) root["groups"].problem("joint \"" + sk.joints[j].name + "\" is driven by more than one group");
    r.finish();
}

// [SECTION] Reading contact_points.json

glm::vec3 reference_point(const anat::Skeleton& sk, const std::string& from, const core::JsonNode& node) {
    const auto colon = from.find(':');
    const std::string kind = colon == std::string::npos ? "" : from.substr(0, colon);
    const std::string what = colon == std::string::npos ? from : from.substr(colon + 1);
    if (kind == "landmark" || kind == "landmarks") {
        glm::vec3 sum(0.0f);
        int n = 0;
        std::size_t start = 0;
        while (start <= what.size()) {
            const std::size_t comma = what.find(',', start);
            const std::string name = what.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const int l = sk.find_landmark(name);
            if (l < 0) {
                node.problem("the skeleton has no landmark \"" + name + "\"");
            } else {
                sum += sk.landmark_rest_world(l);
                ++n;
            }
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        return n ? sum / static_cast<float>(n) : sum;
    }
    if (kind == "joint") {
        const int j = sk.find_joint(what);
        if (j < 0) node.problem("the skeleton has no joint \"" + what + "\"");
        return j < 0 ? glm::vec3(0.0f) : sk.joints[idx(j)].rest_world;
    }
    if (kind == "vertebra") {
        for (const auto& v : sk.vertebrae)
            if (v.name == what) return (v.inferior_center + v.superior_center) * 0.5f;
        node.problem("the skeleton has no vertebra \"" + what + "\"");
        return glm::vec3(0.0f);
    }
    node.problem("expected \"landmark:NAME\", \"landmarks:A,B\", \"joint:NAME\" or \"vertebra:NAME\"");
    return glm::vec3(0.0f);
}

void read_points(Rig& rig, const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);
    auto root = r.root();
    check_keys(root, {"format", "about", "reference_stature_m", "points"});
    if (root["format"].string() != "anatomy-contact-points-1") root["format"].problem("expected \"anatomy-contact-points-1\"");
    const auto reference = static_cast<float>(root["reference_stature_m"].number(1.0, 2.5, 1.75));
    const float scale = rig.skeleton.params.stature_m / reference;
    const anat::Skeleton& sk = rig.skeleton;
    for (const auto& pn : root["points"].items()) {
        check_keys(pn, {"name", "bone", "from", "offset_m", "floor_at_rest", "what"});
        ContactPoint p;
        p.name = pn["name"].string();
        p.what = pn["what"].string();
        const std::string bone = pn["bone"].string();
        p.joint = sk.find_joint(bone);
        if (p.joint < 0) pn["bone"].problem("the skeleton has no joint \"" + bone + "\"");
        glm::vec3 world = reference_point(sk, pn["from"].string(), pn["from"]) + pn["offset_m"].vec3(0.5f) * scale;
        if (pn.get("floor_at_rest").boolean(false)) world.y = 0.0f;
        if (rig.find_point(p.name) >= 0) pn["name"].problem("point \"" + p.name + "\" is defined twice");
        if (ends_with(p.name, "_l")) pn["name"].problem("give the right side (_r); the left is mirrored from it");
        const bool sided = ends_with(p.name, "_r");
        if (!sided && p.joint >= 0 && mirror_name(bone) != bone) pn["bone"].problem("a midline point needs a midline bone");
        if (p.joint < 0) continue;
        p.position = world - sk.joints[idx(p.joint)].rest_world;
        if (!sided) {
            if (std::abs(world.x) > 1e-4f) pn["offset_m"].problem("a midline point must lie on x = 0");
            rig.points.push_back(p);
            continue;
        }
        ContactPoint left = p;
        left.name = mirror_name(p.name);
        left.joint = sk.find_joint(mirror_name(bone));
        if (left.joint < 0) {
            pn["bone"].problem("the skeleton has no joint \"" + mirror_name(bone) + "\"");
            continue;
        }
        left.position = mirror_point(world) - sk.joints[idx(left.joint)].rest_world;
        rig.points.push_back(p);
        rig.points.push_back(left);
    }
    r.finish();
}

// [SECTION] Limbs, mirrors and floor points

bool is_descendant(const anat::Skeleton& sk, int joint, int ancestor) {
    for (int j = joint; j >= 0; j = sk.joints[idx(j)].parent)
        if (j == ancestor) return true;
    return false;
}

void finish_rig(Rig& rig) {
    const anat::Skeleton& sk = rig.skeleton;
    for (auto& g : rig.groups) {
        const int m = rig.find_group(mirror_name(g.name));
        ANATOMY_ASSERT(m >= 0, "no mirror group for " + g.name);
        g.mirror = m;
    }
    rig.mirror_joint.resize(sk.joints.size());
    for (std::size_t j = 0; j < sk.joints.size(); ++j) {
        const int m = sk.find_joint(mirror_name(sk.joints[j].name));
        ANATOMY_ASSERT(m >= 0, "no mirror joint for " + sk.joints[j].name);
        rig.mirror_joint[j] = m;
    }
    for (const char* side : {"_r", "_l"}) {
        const std::string s = side;
        for (const auto& [name, a, b, c] : {std::tuple{"leg", "hip", "knee", "ankle"}, std::tuple{"arm", "shoulder", "elbow", "wrist"}}) {
            Limb limb;
            limb.name = std::string(name) + s;
            limb.root = sk.find_joint(a + s);
            limb.mid = sk.find_joint(b + s);
            limb.end = sk.find_joint(c + s);
            limb.root_group = rig.find_group(a + s);
            limb.hinge_group = rig.find_group(b + s);
            limb.end_group = rig.find_group(c + s);
            ANATOMY_ASSERT(limb.root >= 0 && limb.mid >= 0 && limb.end >= 0 && limb.root_group >= 0 && limb.hinge_group >= 0 && limb.end_group >= 0,
                           "the rig needs " + limb.name);
            rig.limbs.push_back(limb);
        }
    }
    const int neck = sk.find_joint("c7_t1");
    ANATOMY_ASSERT(neck >= 0, "the rig needs c7_t1");
    for (auto& p : rig.points) {
        p.mirror = rig.find_point(mirror_name(p.name));
        p.chain = Chain::trunk;
        for (std::size_t l = 0; l < rig.limbs.size(); ++l) {
            const Limb& limb = rig.limbs[l];
            if (!is_descendant(sk, p.joint, limb.root)) continue;
            p.chain = limb.name.rfind("leg", 0) == 0 ? Chain::leg : Chain::arm;
            p.limb = static_cast<int>(l);
            p.end = is_descendant(sk, p.joint, limb.end);
        }
        if (p.chain == Chain::trunk && is_descendant(sk, p.joint, neck)) p.chain = Chain::head;
    }
    for (const char* k : {"knee_r", "knee_l"}) rig.knees.push_back(sk.find_joint(k));
    for (const auto& p : rig.points) rig.floor_points.emplace_back(p.joint, p.position);
    for (std::size_t j = 0; j < sk.joints.size(); ++j) rig.floor_points.emplace_back(static_cast<int>(j), glm::vec3(0.0f));
    for (const auto& [joint, position] : rig.floor_points) {
        int limb = -1;
        for (std::size_t l = 0; l < rig.limbs.size(); ++l)
            if (joint != rig.limbs[l].root && is_descendant(sk, joint, rig.limbs[l].root)) limb = static_cast<int>(l);
        // A point on the limb's root bone (thigh, upper arm) moves with it; its root joint centre does not.
        if (limb < 0)
            for (std::size_t l = 0; l < rig.limbs.size(); ++l)
                if (joint == rig.limbs[l].root && glm::dot(position, position) > 0.0f) limb = static_cast<int>(l);
        rig.floor_point_limb.push_back(limb);
    }
}

}  // namespace

std::string mirror_name(std::string_view name) {
    if (ends_with(name, "_r")) return std::string(name.substr(0, name.size() - 2)) + "_l";
    if (ends_with(name, "_l")) return std::string(name.substr(0, name.size() - 2)) + "_r";
    return std::string(name);
}

int Rig::find_group(std::string_view name) const {
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].name == name) return static_cast<int>(i);
    return -1;
}

int Rig::find_point(std::string_view name) const {
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].name == name) return static_cast<int>(i);
    return -1;
}

int Rig::angle_index(std::string_view group, std::string_view dof) const {
    const int g = find_group(group);
    if (g < 0) return -1;
    for (int k = 0; k < 3; ++k)
        if (groups[idx(g)].dofs[idx(k)].name == dof) return g * 3 + k;
    return -1;
}

Rig build_rig(const anat::Skeleton& skeleton, const std::string& limits_json, const std::string& limits_file, const std::string& points_json,
              const std::string& points_file) {
    Rig rig;
    rig.skeleton = skeleton;
    read_limits(rig, limits_json, limits_file);
    read_points(rig, points_json, points_file);
    finish_rig(rig);
    return rig;
}

Rig load_default_rig(const anat::Skeleton& skeleton) {
    const auto dir = core::asset_dir() / "anim";
    const auto limits = dir / "joint_limits.json", points = dir / "contact_points.json";
    return build_rig(skeleton, core::read_file(limits), limits.string(), core::read_file(points), points.string());
}

// [SECTION] Angles and poses

std::vector<float> Rig::rest_angles() const {
    std::vector<float> a(angle_count(), 0.0f);
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t k = 0; k < 3; ++k) a[g * 3 + k] = groups[g].dofs[k].rest_rad;
    return a;
}

void Rig::apply_angles(std::span<const float> angles, anat::Pose& pose) const {
    ANATOMY_ASSERT(angles.size() == angle_count(), "one angle per DOF");
    if (pose.local.size() != skeleton.joints.size()) pose.local.assign(skeleton.joints.size(), glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const JointGroup& grp = groups[g];
        const glm::vec3 theta{angles[g * 3] - grp.dofs[0].rest_rad, angles[g * 3 + 1] - grp.dofs[1].rest_rad,
                              angles[g * 3 + 2] - grp.dofs[2].rest_rad};
        for (std::size_t i = 0; i < grp.joints.size(); ++i) {
            const glm::quat q = group_rotation(grp, theta * grp.shares[i]);
            if (grp.root)
                pose.root_rotation = q;
            else
                pose.local[idx(grp.joints[i])] = q;
        }
    }
    update_knee_translations(pose);
}

glm::vec3 Rig::measure_group(const anat::Pose& pose, int group) const {
    const JointGroup& grp = groups[idx(group)];
    // A distributed group: each joint holds share * value, so the values add up.
    glm::vec3 sum(0.0f);
    for (int j : grp.joints) sum += group_angles(grp, grp.root ? pose.root_rotation : pose.local[idx(j)]);
    return sum + glm::vec3(grp.dofs[0].rest_rad, grp.dofs[1].rest_rad, grp.dofs[2].rest_rad);
}

void Rig::measure_angles(const anat::Pose& pose, std::span<float> angles) const {
    ANATOMY_ASSERT(angles.size() == angle_count() && pose.local.size() == skeleton.joints.size(), "one angle per DOF, one rotation per joint");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const glm::vec3 a = measure_group(pose, static_cast<int>(g));
        for (std::size_t k = 0; k < 3; ++k) angles[g * 3 + k] = a[static_cast<glm::length_t>(k)];
    }
}

void Rig::mirror_angles(std::span<const float> in, std::span<float> out) const {
    ANATOMY_ASSERT(in.size() == angle_count() && out.size() == angle_count() && in.data() != out.data(), "distinct angle vectors of the rig's size");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const JointGroup& grp = groups[g];
        const std::size_t m = idx(grp.mirror);
        for (std::size_t k = 0; k < 3; ++k) {
            // Sided groups already use mirrored axes; a midline DOF about Y or Z changes sign.
            const float sign = grp.sided || principal(grp.dofs[k].axis) == 0 ? 1.0f : -1.0f;
            out[m * 3 + k] = sign * in[g * 3 + k];
        }
    }
}

anat::Pose Rig::mirror_pose(const anat::Pose& pose) const {
    anat::Pose out;
    out.root_translation = mirror_point(pose.root_translation);
    out.root_rotation = mirror_rotation(pose.root_rotation);
    out.local.resize(pose.local.size());
    if (!pose.translation.empty()) out.translation.resize(pose.translation.size());
    for (std::size_t j = 0; j < pose.local.size(); ++j) {
        const std::size_t m = idx(mirror_joint[j]);
        out.local[m] = mirror_rotation(pose.local[j]);
        if (!pose.translation.empty()) out.translation[m] = mirror_point(pose.translation[j]);
    }
    return out;
}

void Rig::update_knee_translations(anat::Pose& pose) const {
    if (pose.translation.size() != skeleton.joints.size()) pose.translation.assign(skeleton.joints.size(), glm::vec3(0.0f));
    for (int k : knees) {
        // Flexion about the knee's hinge (+X on both sides): the twist of the rotation about it.
        const glm::quat& q = pose.local[idx(k)];
        const float flexion = core::wrap_angle(2.0f * std::atan2(q.x, q.w));
        // gait2392 defines the roll-back for knee_angle -120..+10 deg; past the ends the spline's
        // straight continuation would slide the tibia off the femur, so hold the end values.
        const float knee_angle = std::clamp(-flexion, core::deg_to_rad(-120.0f), core::deg_to_rad(10.0f));
        pose.translation[idx(k)] = skeleton.knee.translation(knee_angle);  // OpenSim knee_angle = -flexion
    }
}

glm::vec3 Rig::point_world(int point, std::span<const core::Rigid> world_from_bone) const {
    const ContactPoint& p = points[idx(point)];
    return world_from_bone[idx(p.joint)].apply(p.position);
}

}  // namespace anim
