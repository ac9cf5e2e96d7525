#include "anim/clip_check.hpp"

#include "anim/sampler.hpp"

#include <cmath>
#include <cstdio>
#include <set>

namespace anim {

namespace {
std::size_t idx(int i) { return static_cast<std::size_t>(i); }

std::string num(float v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, static_cast<double>(v));
    return buf;
}
}  // namespace

std::vector<std::string> check_clip_motion(const Rig& rig, const Clip& clip, const MotionCheckOptions& o) {
    std::vector<std::string> problems;
    std::set<std::string> seen;  // one report per kind of problem and keyframe segment
    auto report = [&](const Frame& f, float t, const std::string& kind, const std::string& what) {
        const std::string key = std::to_string(f.segment) + kind;
        if (!seen.insert(key).second) return;
        problems.push_back(clip.file + ": /keyframes/" + std::to_string(f.segment) + " (t = " + num(t, 2) + " s, " + to_string(f.phase) +
                           "): " + what);
    };
    Frame f;
    std::vector<float> angles(rig.angle_count());
    const float tol = core::deg_to_rad(o.limit_tolerance_deg);
    const int steps = static_cast<int>(std::ceil(clip.duration_s() / o.dt_s));
    for (int s = 0; s <= steps; ++s) {
        const float t = std::min(clip.duration_s(), static_cast<float>(s) * o.dt_s);
        evaluate(rig, clip, t, f);
        rig.measure_angles(f.pose, angles);
        for (std::size_t g = 0; g < rig.groups.size(); ++g) {
            const JointGroup& grp = rig.groups[g];
            if (grp.root) continue;  // global orientation: no anatomical range
            for (std::size_t k = 0; k < 3; ++k) {
                const Dof& d = grp.dofs[k];
                const float v = angles[g * 3 + k];
                if (v < d.min_rad - tol || v > d.max_rad + tol)
                    report(f, t, grp.name + d.name,
                           grp.name + " " + d.name + " reaches " + num(core::rad_to_deg(v), 1) + " deg, outside [" +
                               num(core::rad_to_deg(d.min_rad), 0) + ", " + num(core::rad_to_deg(d.max_rad), 0) + "]" +
                               (d.locked ? " (a locked DOF)" : ""));
            }
        }
        if (!o.contacts_in_hold_only || f.phase == Phase::hold) {
            for (const auto& c : f.contacts) {
                if (c.weight < 1.0f) continue;
                const Surface& surf = clip.surfaces[idx(c.surface)];
                const glm::vec3 p = rig.point_world(c.point, f.world_from_bone);
                const float d = surf.distance(p);
                const std::string& name = rig.points[idx(c.point)].name;
                if (std::abs(d) > o.contact_tolerance_m)
                    report(f, t, "contact" + name, name + " is " + num(d * 100.0f, 1) + " cm " + (d > 0 ? "above " : "inside ") + surf.name);
                if (surf.outside_face(p) > o.face_margin_m)
                    report(f, t, "face" + name, name + " is " + num(surf.outside_face(p) * 100.0f, 1) + " cm beyond the edge of " + surf.name);
            }
        }
        const float low = lowest_point_y(rig, f.world_from_bone);
        if (low < -o.floor_tolerance_m) report(f, t, "floor", "a body point is " + num(-low * 100.0f, 1) + " cm below the floor");
    }
    return problems;
}

}  // namespace anim
