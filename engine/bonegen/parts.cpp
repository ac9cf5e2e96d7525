#include "bonegen/parts.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace bonegen {

Rig::Rig(const anat::Skeleton& s) : s_(s), k_(s.params.stature_m / 1.75f) {}

glm::vec3 Rig::joint(const std::string& name) const {
    const int j = s_.find_joint(name);
    ANATOMY_ASSERT(j >= 0, "bonegen: the rig has no joint " + name);
    return s_.joints[static_cast<std::size_t>(j)].rest_world;
}

glm::vec3 Rig::landmark(const std::string& name) const {
    const int l = s_.find_landmark(name);
    ANATOMY_ASSERT(l >= 0, "bonegen: the rig has no landmark " + name);
    return s_.landmark_rest_world(l);
}

const anat::Vertebra& Rig::vertebra(const std::string& name) const {
    for (const auto& v : s_.vertebrae)
        if (v.name == name) return v;
    ANATOMY_ASSERT(false, "bonegen: the rig has no vertebra " + name);
    return s_.vertebrae.front();
}

std::vector<glm::vec3> catmull_rom(const std::vector<glm::vec3>& pts, int per_segment) {
    std::vector<glm::vec3> out;
    if (pts.size() < 2) return pts;
    const std::size_t n = pts.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const glm::vec3 p0 = i == 0 ? 2.0f * pts[0] - pts[1] : pts[i - 1];
        const glm::vec3 p1 = pts[i], p2 = pts[i + 1];
        const glm::vec3 p3 = i + 2 < n ? pts[i + 2] : 2.0f * pts[n - 1] - pts[n - 2];
        for (int s = 0; s < per_segment; ++s) {
            const float t = static_cast<float>(s) / static_cast<float>(per_segment);
            const float t2 = t * t, t3 = t2 * t;
            out.push_back(0.5f *
                          ((2.0f * p1) + (-p0 + p2) * t + (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * t2 + (-p0 + 3.0f * p1 - 3.0f * p2 + p3) * t3));
        }
    }
    out.push_back(pts.back());
    return out;
}

std::vector<SweepNode> tube(const std::vector<glm::vec3>& ctrl, const std::vector<float>& ra_in, const std::vector<float>& rb_in, const glm::vec3& up,
                            int per_segment) {
    // One radius for all control points, or one each.
    const std::vector<float> ra = ra_in.size() == 1 ? std::vector<float>(ctrl.size(), ra_in[0]) : ra_in;
    const std::vector<float> rb = rb_in.size() == 1 ? std::vector<float>(ctrl.size(), rb_in[0]) : rb_in;
    ANATOMY_ASSERT(ctrl.size() >= 2 && ra.size() == ctrl.size() && rb.size() == ctrl.size(), "tube: one radius per control point, or one for all");
    const std::vector<glm::vec3> pts = catmull_rom(ctrl, per_segment);
    std::vector<SweepNode> nodes;
    nodes.reserve(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        // Radii follow the control points: sample s of span j interpolates between j and j+1.
        const std::size_t span = std::min(i / static_cast<std::size_t>(per_segment), ctrl.size() - 2);
        const float t = static_cast<float>(i - span * static_cast<std::size_t>(per_segment)) / static_cast<float>(per_segment);
        const float smooth = t * t * (3.0f - 2.0f * t);
        SweepNode n;
        n.pos = pts[i];
        n.ra = ra[span] + (ra[span + 1] - ra[span]) * smooth;
        n.rb = rb[span] + (rb[span + 1] - rb[span]) * smooth;
        n.up = up;
        nodes.push_back(n);
    }
    return nodes;
}

}  // namespace bonegen
