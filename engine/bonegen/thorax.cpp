// bonegen/thorax.cpp: ribs, costal cartilages and sternum.
//
// Anchors: the thoracic vertebrae (each rib's head sits at its vertebra's body, its tubercle at
// the tip of that vertebra's transverse process) and the rig's jugular notch (the top of the
// manubrium). Facts from docs/bone-morphometry.md section 6: ribs 1-7 reach the sternum
// through their cartilages, 8-10 join the cartilage above (costal margin), 11-12 float; each rib
// slopes down toward its front end; rib 1 is short, flat and strongly curved; rib length peaks
// around ribs 7-8. Sternum: manubrium about 54 mm, body about 101 mm, xiphoid to a total of about
// 190 mm (CT, 20-40 y), sternal angle about 161 deg; jugular notch at T2/T3, sternal angle at the
// second costal cartilage, xiphisternal joint near T9. Chest: bony half-width up to about 13 cm
// (external breadth 30-33 cm), sterno-vertebral distance about 100 mm (Haller index studies).
//
// [SECTION] The sternum's line
// [SECTION] Ribs and cartilages
// [SECTION] Sternum
#include "bonegen/parts.hpp"

#include <cmath>

namespace bonegen {

namespace {

const glm::vec3 up{0.0f, 1.0f, 0.0f}, x_axis{1.0f, 0.0f, 0.0f};

// [SECTION] The sternum's line

// The sternum's midline as arc length s (m) from the jugular notch down: the manubrium slopes
// forward 35 deg from the vertical, the body 14 deg after the sternal angle (161 deg between them).
struct SternumLine {
    glm::vec3 notch{0.0f};
    float k = 1.0f;
    float manubrium = 0.052f, body = 0.100f, xiphoid = 0.036f;
    glm::vec3 point(float s) const {
        const float m = manubrium * k;
        const glm::vec3 d1{0.0f, -std::cos(core::deg_to_rad(35.0f)), std::sin(core::deg_to_rad(35.0f))};
        const glm::vec3 d2{0.0f, -std::cos(core::deg_to_rad(14.0f)), std::sin(core::deg_to_rad(14.0f))};
        const glm::vec3 d3{0.0f, -std::cos(core::deg_to_rad(4.0f)), std::sin(core::deg_to_rad(4.0f))};
        const float b = body * k;
        if (s <= m) return notch + d1 * s;
        if (s <= m + b) return notch + d1 * m + d2 * (s - m);
        return notch + d1 * m + d2 * b + d3 * (s - m - b);
    }
    // Half-width of the bone at s (clavicular notches at the top, widest near rib 5, narrow xiphoid).
    float half_width(float s) const {
        const float t = s / k;
        if (t < 0.010f) return (24.0f + 300.0f * t) * 1e-3f * k;
        if (t < 0.052f) return (27.0f - 300.0f * (t - 0.010f)) * 1e-3f * k;
        if (t < 0.120f) return (14.5f + 45.0f * (t - 0.052f)) * 1e-3f * k;
        if (t < 0.152f) return (17.5f - 110.0f * (t - 0.120f)) * 1e-3f * k;
        return std::max(3.0f, 9.0f - 190.0f * (t - 0.152f)) * 1e-3f * k;
    }
    float half_thickness(float s) const {
        const float t = s / k;
        if (t < 0.052f) return 6.0f * 1e-3f * k;
        if (t < 0.152f) return 4.8f * 1e-3f * k;
        return 2.5f * 1e-3f * k;
    }
    float length() const { return (manubrium + body + xiphoid) * k; }
};

SternumLine sternum_line(const Rig& rig) {
    SternumLine l;
    l.notch = rig.landmark("jugular_notch");
    l.k = rig.k();
    return l;
}

// Where each of the cartilages of ribs 1-7 meets the sternum (arc length from the notch, mm at
// 1.75 m): below the clavicular notch, the sternal angle, down the body, the xiphisternal joint.
constexpr float sternal_attachment_mm[] = {14.0f, 52.0f, 74.0f, 94.0f, 112.0f, 128.0f, 145.0f};

// Rib table (mm at 1.75 m): half-width of the cage at the rib, drop of the front end below the
// head, lateral distance of the front (costochondral) end.
struct RibSpec {
    float half_width, drop, front_x;
};
constexpr RibSpec rib_spec[] = {
    {58.0f, 30.0f, 40.0f},  {82.0f, 38.0f, 52.0f},  {96.0f, 44.0f, 60.0f},   {106.0f, 50.0f, 66.0f},  {114.0f, 55.0f, 72.0f},  {120.0f, 60.0f, 78.0f},
    {125.0f, 64.0f, 86.0f}, {128.0f, 68.0f, 96.0f}, {128.0f, 70.0f, 104.0f}, {125.0f, 66.0f, 110.0f}, {118.0f, 46.0f, 116.0f}, {104.0f, 30.0f, 95.0f},
};

struct RibGeometry {
    std::vector<glm::vec3> path;  // head to front end
    glm::vec3 front{0.0f};
};

RibGeometry rib_path(const Rig& rig, const Side& side, int rib, const SternumLine& st) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Vertebra& v = rig.vertebra("T" + std::to_string(rib));
    const glm::vec3 vup = glm::normalize(v.inferior_normal + v.superior_normal);
    const glm::vec3 ant = glm::normalize(glm::vec3(0.0f, -vup.z, vup.y));
    const glm::vec3 centre = (v.inferior_center + v.superior_center) * 0.5f;
    const float rz = v.depth_m * 0.5f;
    const RibSpec& spec = rib_spec[rib - 1];
    const glm::vec3 lat{side.lat, 0.0f, 0.0f};
    // Head: at the upper back corner of the body (ribs 2-9 reach up to the disc above).
    const bool high_head = rib >= 2 && rib <= 9;
    const glm::vec3 head =
        (high_head ? v.superior_center : centre + vup * (v.height_m * 0.15f)) + lat * (v.width_m * 0.5f + mm(3.0f)) - ant * (rz * 0.45f);
    // Tubercle: in front of the tip of the transverse process (as built in spine.cpp).
    const float canal_d = mm(15.5f);
    const glm::vec3 tp_tip = centre + lat * (v.transverse_span_m * 0.5f) - ant * (rz + canal_d * 0.9f + mm(3.0f)) + vup * (v.height_m * 0.35f);
    const glm::vec3 tubercle = tp_tip + ant * mm(5.5f) - vup * mm(3.0f) + lat * mm(1.0f);
    // The cage's horizontal section at this rib: back at the rib angles, front at the sternum.
    const float s_front = rib <= 7 ? mm(sternal_attachment_mm[rib - 1]) : mm(sternal_attachment_mm[6] + 10.0f * static_cast<float>(rib - 7));
    const float z_front = st.point(std::min(s_front, st.length())).z;
    const float z_back = tubercle.z - mm(14.0f);
    const float zc = 0.5f * (z_front + z_back), D = 0.5f * (z_front - z_back);
    const float W = mm(spec.half_width);
    auto on_cage = [&](float phi, float drop_frac) {
        return glm::vec3(lat.x * W * std::sin(phi), head.y - mm(spec.drop) * drop_frac, zc - D * std::cos(phi));
    };
    const float phi_tub = std::asin(std::clamp(std::abs(tubercle.x) / W, 0.0f, 0.95f));
    float phi_end = core::pi - std::asin(std::clamp(mm(spec.front_x) / W, 0.0f, 1.0f));
    if (rib >= 11) phi_end = rib == 11 ? 1.75f : 1.35f;  // floating ribs end at the side
    RibGeometry g;
    g.path.push_back(head);
    g.path.push_back(tubercle);
    const int n = rib == 1 ? 4 : 6;
    for (int i = 1; i <= n; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(n);
        const float phi = phi_tub + (phi_end - phi_tub) * (0.12f + 0.88f * t);
        // The rib falls steadily toward its front end.
        g.path.push_back(on_cage(phi, 0.08f + 0.92f * std::pow(t, 1.1f)));
    }
    // Rib 1 is flat and curls tightly; pull its shaft in toward the inlet.
    if (rib == 1)
        for (std::size_t i = 2; i < g.path.size(); ++i) g.path[i].z -= mm(4.0f);
    g.front = g.path.back();
    return g;
}

}  // namespace

// [SECTION] Ribs and cartilages

void build_thorax(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const SternumLine st = sternum_line(rig);
    std::vector<RibGeometry> ribs;
    for (int rib = 1; rib <= 12; ++rib) ribs.push_back(rib_path(rig, side, rib, st));
    const glm::vec3 lat{side.lat, 0.0f, 0.0f};
    std::vector<std::vector<glm::vec3>> cartilage_paths;
    for (int rib = 1; rib <= 12; ++rib) {
        const RibGeometry& g = ribs[static_cast<std::size_t>(rib - 1)];
        Part part;
        part.name = side.n("rib_" + std::to_string(rib));
        part.joint = "t12_l1";
        part.step_m = 0.0011f;
        part.budget = rib == 1 ? 140 : (rib >= 11 ? 110 : 150);
        // Band-like section: tall and thin along the shaft (rib 1: flat, wide and thin).
        std::vector<float> tall, thin;
        for (std::size_t i = 0; i < g.path.size(); ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(g.path.size() - 1);
            float h = i == 0 ? 4.2f : (i == 1 ? 4.5f : 6.0f - 1.2f * t);
            float w = i == 0 ? 4.0f : (i == 1 ? 4.0f : 2.9f);
            if (rib == 1) {
                h = i < 2 ? 4.0f : 2.8f;
                w = i < 2 ? 4.0f : 7.0f;
            }
            if (rib >= 11) h *= 0.8f;
            tall.push_back(mm(h));
            thin.push_back(mm(w));
        }
        part.shape.add(sweep(tube(g.path, tall, thin, up, 5)));
        part.shape.add(sphere(g.path[0], mm(4.6f)), mm(2.5f));                   // head
        part.shape.add(sphere(g.path[1] - lat * mm(0.5f), mm(4.6f)), mm(3.0f));  // tubercle
        out.push_back(std::move(part));
    }
    // Cartilages 1-7 run to the sternum; 8-10 join the cartilage above.
    for (int rib = 1; rib <= 10; ++rib) {
        const RibGeometry& g = ribs[static_cast<std::size_t>(rib - 1)];
        const glm::vec3 along = glm::normalize(g.front - g.path[g.path.size() - 2]);
        const glm::vec3 start = g.front - along * mm(3.0f);
        std::vector<glm::vec3> path;
        if (rib <= 7) {
            const float s = mm(sternal_attachment_mm[rib - 1]);
            const glm::vec3 end = st.point(s) + lat * (st.half_width(s) - mm(2.5f)) - glm::vec3(0.0f, 0.0f, mm(1.0f));
            // Leave the rib along its line, then turn toward the sternum (rising for the lower ones).
            const glm::vec3 bend = start + along * (glm::length(end - start) * (rib >= 6 ? 0.25f : 0.35f));
            const glm::vec3 mid = glm::mix(bend, end, 0.55f) + glm::vec3(0.0f, 0.0f, mm(2.0f));
            path = {start, bend, mid, end};
        } else {
            // Rise in and forward to meet the cartilage above about half way along it: together
            // their lower borders make the costal margin.
            const std::vector<glm::vec3>& above = cartilage_paths[static_cast<std::size_t>(rib - 2)];
            const glm::vec3 join = glm::mix(above[0], above[1], 0.9f) + glm::vec3(0.0f, -mm(2.0f), 0.0f);
            const glm::vec3 bend = start + along * mm(10.0f);
            path = {start, bend, glm::mix(bend, join, 0.55f) + glm::vec3(0.0f, -mm(2.0f), mm(2.0f)), join};
        }
        cartilage_paths.push_back(path);
        Part part;
        part.name = side.n("costal_cartilage_" + std::to_string(rib));
        part.joint = "t12_l1";
        part.tissue = Tissue::cartilage;
        part.step_m = 0.0010f;
        part.budget = 60;
        const float r = mm(rib == 1 ? 5.0f : 4.5f);
        part.shape.add(sweep(tube(path, {r, r, r * 0.9f, r * 0.8f}, {r * 0.7f, r * 0.7f, r * 0.65f, r * 0.6f}, up, 4)));
        out.push_back(std::move(part));
    }
}

// [SECTION] Sternum

void build_sternum(const Rig& rig, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const SternumLine st = sternum_line(rig);
    Part part;
    part.name = "sternum";
    part.joint = "t12_l1";
    part.step_m = 0.0013f;
    part.budget = 420;
    Shape& s = part.shape;
    // The top sits at the notch: the sweep's rounded end reaches it.
    std::vector<SweepNode> nodes;
    const float len = st.length();
    for (float smm : {6.0f, 12.0f, 30.0f, 50.0f, 56.0f, 80.0f, 110.0f, 140.0f, 152.0f, 165.0f, 180.0f}) {
        const float sv = std::min(mm(smm), len - mm(3.0f));
        nodes.push_back({st.point(sv), st.half_width(sv), st.half_thickness(sv), x_axis});
    }
    s.add(sweep(nodes));
    // Top edge: a flat jugular notch between two clavicular notches.
    s.add(capsule(st.point(mm(5.0f)) - x_axis * mm(18.0f), st.point(mm(5.0f)) + x_axis * mm(18.0f), mm(5.5f)), mm(4.0f));
    s.cut(capsule(st.point(mm(-2.0f)) + glm::vec3(0.0f, mm(2.5f), -mm(10.0f)), st.point(mm(-2.0f)) + glm::vec3(0.0f, mm(2.5f), mm(10.0f)), mm(4.5f)),
          mm(2.0f));
    for (float sgn : {-1.0f, 1.0f})
        s.cut(sphere(st.point(mm(2.0f)) + x_axis * (sgn * mm(24.0f)) + glm::vec3(0.0f, mm(5.0f), 0.0f), mm(6.0f)), mm(2.0f));
    // Sternal angle: a low transverse ridge.
    s.add(capsule(st.point(mm(52.0f)) - x_axis * mm(12.0f) + glm::vec3(0.0f, 0.0f, mm(2.5f)),
                  st.point(mm(52.0f)) + x_axis * mm(12.0f) + glm::vec3(0.0f, 0.0f, mm(2.5f)), mm(3.0f)),
          mm(3.0f));
    out.push_back(std::move(part));
}

}  // namespace bonegen
