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

// Everything lies in the body's midline plane (x = 0), drawn over the bones.
glm::vec3 mid(glm::vec3 p) {
    p.x = 0.0f;
    return p;
}

void add_line(OverlaySet& out, std::vector<glm::vec3> pts, glm::vec4 color, float width) {
    gfx::Polyline p;
    p.points = std::move(pts);
    p.color = color;
    p.width_px = width;
    p.on_top = true;
    out.lines.push_back(std::move(p));
}

float scale(const OverlayInput& in) { return in.skeleton.params.stature_m / 1.75f; }
glm::vec3 s1_middle(const OverlayInput& in) {
    return (mid(lm(in.skeleton, in.world, "s1_endplate_anterior")) + mid(lm(in.skeleton, in.world, "s1_endplate_posterior"))) * 0.5f;
}
constexpr glm::vec4 faint{1.0f, 1.0f, 1.0f, 0.55f};  // the horizontal or vertical an angle is read from

void draw_asis_psis(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out) {
    const float k = scale(in), w = in.line_width_px;
    const glm::vec3 asis = mid((lm(in.skeleton, in.world, "asis_r") + lm(in.skeleton, in.world, "asis_l")) * 0.5f);
    const glm::vec3 psis = mid((lm(in.skeleton, in.world, "psis_r") + lm(in.skeleton, in.world, "psis_l")) * 0.5f);
    const glm::vec3 dir = glm::normalize(psis - asis);
    add_line(out, {asis - dir * 0.03f * k, psis + dir * 0.03f * k}, self.color, w);
    // Horizontal reference from the ASIS toward the back, and the arc between.
    add_line(out, {asis, asis + glm::vec3(0.0f, 0.0f, -0.09f * k)}, self.color * faint, w * 0.6f);
    add_line(out, arc(asis, glm::vec3(0, 0, -1), dir, 0.06f * k), self.color, w * 0.8f);
    out.labels.push_back(
        {asis + glm::vec3(0.0f, -0.02f, 0.02f) * k, degrees("Pelvic tilt (ASIS-PSIS)", in.measures.pelvic_tilt_clinical_deg), self.color});
}

void draw_sacral_slope(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out) {
    const float k = scale(in), w = in.line_width_px;
    const glm::vec3 s1a = mid(lm(in.skeleton, in.world, "s1_endplate_anterior")), s1p = mid(lm(in.skeleton, in.world, "s1_endplate_posterior"));
    const glm::vec3 dir = glm::normalize(s1a - s1p);
    add_line(out, {s1p - dir * 0.025f * k, s1a + dir * 0.035f * k}, self.color, w);
    add_line(out, {s1p, s1p + glm::vec3(0.0f, 0.0f, 0.08f * k)}, self.color * faint, w * 0.6f);
    add_line(out, arc(s1p, glm::vec3(0, 0, 1), dir, 0.05f * k), self.color, w * 0.8f);
    out.labels.push_back({s1p + glm::vec3(0.0f, 0.015f, -0.01f) * k, degrees("Sacral slope", in.measures.sacral_slope_deg), self.color});
}

void draw_pelvic_tilt(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out) {
    const float k = scale(in), w = in.line_width_px;
    const glm::vec3 s1 = s1_middle(in);
    const glm::vec3 hips = mid((lm(in.skeleton, in.world, "femoral_head_center_r") + lm(in.skeleton, in.world, "femoral_head_center_l")) * 0.5f);
    add_line(out, {hips, s1}, self.color, w);
    add_line(out, {hips, hips + glm::vec3(0.0f, glm::distance(hips, s1) * 1.1f, 0.0f)}, self.color * faint, w * 0.6f);
    add_line(out, arc(hips, glm::vec3(0, 1, 0), s1 - hips, 0.045f * k), self.color, w * 0.8f);
    out.labels.push_back({hips + glm::vec3(0.0f, -0.02f, 0.015f) * k, degrees("Pelvic tilt (PT)", in.measures.pelvic_tilt_deg), self.color});
}

void draw_lumbar_curve(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out) {
    const auto& s = in.skeleton;
    std::vector<glm::vec3> curve{s1_middle(in)};
    for (const auto& v : s.vertebrae) {
        if (v.name[0] != 'L') continue;
        const glm::vec3 c = (v.inferior_center + v.superior_center) * 0.5f;
        curve.push_back(mid(in.world[static_cast<std::size_t>(v.joint)].apply(c - s.joints[static_cast<std::size_t>(v.joint)].rest_world)));
    }
    add_line(out, curve, self.color, in.line_width_px);
    out.labels.push_back({curve[curve.size() / 2] + glm::vec3(0.0f, 0.0f, 0.03f) * scale(in),
                          degrees("Lumbar lordosis", in.measures.lumbar_lordosis_deg), self.color});
}

void draw_plumb_line(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out) {
    // From the ear (just in front of the atlanto-occipital joint) straight down to the floor.
    const float k = scale(in);
    const int head = in.skeleton.find_joint("c0_c1");
    const glm::vec3 ear = in.world[static_cast<std::size_t>(head)].apply(glm::vec3(0.0f, 0.01f, 0.005f) * k);
    add_line(out, {mid(ear), mid(glm::vec3(ear.x, 0.0f, ear.z))}, self.color, in.line_width_px * 0.6f);
    out.labels.push_back({mid(ear) + glm::vec3(0.0f, 0.04f, 0.0f) * k, "Plumb line", self.color});
}

}  // namespace

const std::vector<OverlayInfo>& overlay_table() {
    static const std::vector<OverlayInfo> table = {
        {"asis_psis", "ASIS-PSIS line", "pelvic_tilt_clinical_deg", {0.98f, 0.74f, 0.30f, 1.0f}, &OverlayToggles::asis_psis, draw_asis_psis},
        {"sacral_slope", "Sacral slope", "sacral_slope_deg", {0.35f, 0.85f, 0.95f, 1.0f}, &OverlayToggles::sacral_slope, draw_sacral_slope},
        {"pelvic_tilt", "Pelvic tilt (PT)", "pelvic_tilt_deg", {0.95f, 0.45f, 0.85f, 1.0f}, &OverlayToggles::pelvic_tilt, draw_pelvic_tilt},
        {"lumbar_curve", "Lumbar curve", "lumbar_lordosis_deg", {0.50f, 0.92f, 0.55f, 1.0f}, &OverlayToggles::lumbar_curve, draw_lumbar_curve},
        {"plumb_line", "Plumb line", "", {0.92f, 0.92f, 0.95f, 0.8f}, &OverlayToggles::plumb_line, draw_plumb_line},
    };
    return table;
}

const OverlayInfo* find_overlay(std::string_view id) {
    for (const auto& o : overlay_table())
        if (id == o.id) return &o;
    return nullptr;
}

const OverlayInfo* overlay_of_measure(std::string_view key) {
    if (key.empty()) return nullptr;
    for (const auto& o : overlay_table())
        if (key == o.measure) return &o;
    return nullptr;
}

glm::vec4 measure_color(std::string_view key) {
    const OverlayInfo* o = overlay_of_measure(key);
    return o ? o->color : glm::vec4(0.85f, 0.85f, 0.9f, 1.0f);
}

OverlaySet posture_overlays(const anat::Skeleton& s, std::span<const core::Rigid> world, const biomech::SpinopelvicMeasures& m,
                            const OverlayToggles& t) {
    OverlaySet out;
    const OverlayInput in{s, world, m, t.high_contrast ? 4.0f : 2.5f};
    for (const auto& o : overlay_table())
        if (t.*o.shown) o.draw(in, o, out);
    return out;
}

}  // namespace scene
