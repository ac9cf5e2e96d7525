#include "scene/overlays.hpp"

#include "core/error.hpp"

#include <cmath>
#include <cstdio>

namespace scene {

namespace {

glm::vec3 lm(const anat::Skeleton& s, std::span<const core::Rigid> world, const char* name) {
    const int l = s.find_landmark(name);
    ANATOMY_ASSERT(l >= 0, std::string("no landmark ") + name);
    const auto& L = s.landmarks[static_cast<std::size_t>(l)];
    return world[static_cast<std::size_t>(L.joint)].apply(L.position);
}

// An arc in the sagittal plane (x fixed) around `c` from direction a to direction b.
std::vector<glm::vec3> arc(const glm::vec3& c, glm::vec3 a, glm::vec3 b, float radius) {
    a = glm::normalize(glm::vec3(0.0f, a.y, a.z));
    b = glm::normalize(glm::vec3(0.0f, b.y, b.z));
    const float ta = std::atan2(a.y, a.z), tb = std::atan2(b.y, b.z);
    float d = tb - ta;
    while (d > core::pi) d -= 2.0f * core::pi;
    while (d < -core::pi) d += 2.0f * core::pi;
    std::vector<glm::vec3> pts;
    constexpr int steps = 24;
    for (int i = 0; i <= steps; ++i) {
        const float t = ta + d * static_cast<float>(i) / steps;
        pts.push_back(c + glm::vec3(0.0f, std::sin(t), std::cos(t)) * radius);
    }
    return pts;
}

std::string degrees(const char* label, float value) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "%s %.1f\xC2\xB0", label, static_cast<double>(value));  // UTF-8 degree sign
    return buf;
}

}  // namespace

OverlaySet posture_overlays(const anat::Skeleton& s, std::span<const core::Rigid> world, const biomech::SpinopelvicMeasures& m,
                            const OverlayToggles& t) {
    OverlaySet out;
    const float w = t.high_contrast ? 4.0f : 2.5f;
    const float k = s.params.stature_m / 1.75f;
    auto line = [&](std::vector<glm::vec3> pts, glm::vec4 color, float width) {
        gfx::Polyline p;
        p.points = std::move(pts);
        p.color = color;
        p.width_px = width;
        p.on_top = true;
        out.lines.push_back(std::move(p));
    };
    // Everything lies in the body's midline plane (x = 0), drawn over the bones.
    auto mid = [](glm::vec3 p) {
        p.x = 0.0f;
        return p;
    };

    if (t.asis_psis) {
        const glm::vec3 asis = mid((lm(s, world, "asis_r") + lm(s, world, "asis_l")) * 0.5f);
        const glm::vec3 psis = mid((lm(s, world, "psis_r") + lm(s, world, "psis_l")) * 0.5f);
        const glm::vec3 dir = glm::normalize(psis - asis);
        line({asis - dir * 0.03f * k, psis + dir * 0.03f * k}, overlay_color_asis_psis, w);
        // Horizontal reference from the ASIS toward the back, and the arc between.
        line({asis, asis + glm::vec3(0.0f, 0.0f, -0.09f * k)}, overlay_color_asis_psis * glm::vec4(1, 1, 1, 0.55f), w * 0.6f);
        line(arc(asis, glm::vec3(0, 0, -1), dir, 0.06f * k), overlay_color_asis_psis, w * 0.8f);
        out.labels.push_back(
            {asis + glm::vec3(0.0f, -0.02f, 0.02f) * k, degrees("Pelvic tilt (ASIS-PSIS)", m.pelvic_tilt_clinical_deg), overlay_color_asis_psis});
    }
    const glm::vec3 s1a = mid(lm(s, world, "s1_endplate_anterior")), s1p = mid(lm(s, world, "s1_endplate_posterior"));
    const glm::vec3 s1 = (s1a + s1p) * 0.5f;
    if (t.sacral_slope) {
        const glm::vec3 dir = glm::normalize(s1a - s1p);
        line({s1p - dir * 0.025f * k, s1a + dir * 0.035f * k}, overlay_color_sacral, w);
        line({s1p, s1p + glm::vec3(0.0f, 0.0f, 0.08f * k)}, overlay_color_sacral * glm::vec4(1, 1, 1, 0.55f), w * 0.6f);
        line(arc(s1p, glm::vec3(0, 0, 1), dir, 0.05f * k), overlay_color_sacral, w * 0.8f);
        out.labels.push_back({s1p + glm::vec3(0.0f, 0.015f, -0.01f) * k, degrees("Sacral slope", m.sacral_slope_deg), overlay_color_sacral});
    }
    if (t.pelvic_tilt) {
        const glm::vec3 hips = mid((lm(s, world, "femoral_head_center_r") + lm(s, world, "femoral_head_center_l")) * 0.5f);
        line({hips, s1}, overlay_color_tilt, w);
        line({hips, hips + glm::vec3(0.0f, glm::distance(hips, s1) * 1.1f, 0.0f)}, overlay_color_tilt * glm::vec4(1, 1, 1, 0.55f), w * 0.6f);
        line(arc(hips, glm::vec3(0, 1, 0), s1 - hips, 0.045f * k), overlay_color_tilt, w * 0.8f);
        out.labels.push_back({hips + glm::vec3(0.0f, -0.02f, 0.015f) * k, degrees("Pelvic tilt (PT)", m.pelvic_tilt_deg), overlay_color_tilt});
    }
    if (t.lumbar_curve) {
        std::vector<glm::vec3> curve{s1};
        for (const auto& v : s.vertebrae) {
            if (v.name[0] != 'L') continue;
            const glm::vec3 c = (v.inferior_center + v.superior_center) * 0.5f;
            curve.push_back(mid(world[static_cast<std::size_t>(v.joint)].apply(c - s.joints[static_cast<std::size_t>(v.joint)].rest_world)));
        }
        line(curve, overlay_color_lumbar, w);
        out.labels.push_back(
            {curve[curve.size() / 2] + glm::vec3(0.0f, 0.0f, 0.03f) * k, degrees("Lumbar lordosis", m.lumbar_lordosis_deg), overlay_color_lumbar});
    }
    if (t.plumb_line) {
        // From the ear (just in front of the atlanto-occipital joint) straight down to the floor.
        const int head = s.find_joint("c0_c1");
        const glm::vec3 ear = world[static_cast<std::size_t>(head)].apply(glm::vec3(0.0f, 0.01f, 0.005f) * k);
        gfx::Polyline p;
        p.points = {mid(ear), mid(glm::vec3(ear.x, 0.0f, ear.z))};
        p.color = overlay_color_plumb;
        p.width_px = w * 0.6f;
        p.on_top = true;
        out.lines.push_back(p);
        out.labels.push_back({mid(ear) + glm::vec3(0.0f, 0.04f, 0.0f) * k, "Plumb line", overlay_color_plumb});
    }
    return out;
}

}  // namespace scene
