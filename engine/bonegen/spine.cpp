// bonegen/spine.cpp: vertebrae L5 to C1 and the intervertebral discs.
//
// Each vertebral body sits exactly between the rig's endplates (inferior and superior centre and
// normal), with the rig's width and depth; the posterior elements are sized from those numbers
// and the rig's spinous length and transverse span, so they grow caudally with the data.
// Proportions from docs/bone-morphometry.md section 2: lumbar canal about 22-28 mm wide
// and 15-17 mm deep, pedicles widest at L5 (Cook & Baker 2021); thoracic canal about 15-16 mm
// and round, pedicles narrowest (4-5 mm) at T4-T6; cervical canal about 22 x 12 mm, bifid
// spinous processes at C3-C6 about 15 mm long, C7 the longest. The C7 spinous process ends
// where the rig puts its landmark (the same construction). Discs fill the space between the two
// endplates; the atlanto-axial joint has no disc.
//
// [SECTION] Frames and per-level parameters
// [SECTION] Typical vertebra
// [SECTION] Atlas and axis
// [SECTION] Discs
#include "bonegen/parts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace bonegen {

namespace {

const glm::vec3 lateral_x{1.0f, 0.0f, 0.0f};

// [SECTION] Frames and per-level parameters

struct Level {
    const anat::Vertebra* v;
    int index;                  // 0 = L5 ... 23 = C1
    char region;                // 'L', 'T', 'C'
    int number;                 // 5 for L5, 12 for T12, ...
    glm::vec3 up, ant, centre;  // body axis, anterior direction, body centre
};

Level level_of(const anat::Skeleton& sk, std::size_t i) {
    const anat::Vertebra& v = sk.vertebrae[i];
    Level l;
    l.v = &v;
    l.index = static_cast<int>(i);
    l.region = v.name[0];
    l.number = std::stoi(v.name.substr(1));
    l.up = glm::normalize(v.inferior_normal + v.superior_normal);
    l.ant = glm::normalize(glm::vec3(0.0f, -l.up.z, l.up.y));
    l.centre = (v.inferior_center + v.superior_center) * 0.5f;
    return l;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

float lerpf(float a, float b, float t) { return a + (b - a) * t; }

// Tilt of the line from the back of the body to the spinous tip, below the horizontal (degrees).
float spinous_tilt_deg(const Level& l) {
    if (l.region == 'L') {
        static const float lumbar[] = {0.0f, 10.0f, 6.0f, 3.0f, 3.0f, 4.0f};  // L1..L5
        return lumbar[l.number];
    }
    if (l.region == 'T') {
        static const float thoracic[] = {0.0f, 30.0f, 32.0f, 35.0f, 38.0f, 41.0f, 42.0f, 42.0f, 41.0f, 39.0f, 34.0f, 25.0f, 15.0f};
        return thoracic[l.number];
    }
    if (l.number == 7) return core::rad_to_deg(std::atan2(0.5f, 0.85f));  // the rig's C7 landmark
    if (l.number == 2) return 20.0f;
    return 14.0f;
}

// [SECTION] Typical vertebra

void add_body(Shape& s, const Level& l, const Rig& rig, float waist) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Vertebra& v = *l.v;
    const float rx = v.width_m * 0.5f, rz = v.depth_m * 0.5f;
    Shape body;
    const glm::vec3 off = l.ant * (rz * 0.0f);
    body.add(sweep({{v.inferior_center - l.up * mm(2.0f) + off, rx, rz, lateral_x},
                    {l.centre + off, rx * waist, rz * waist, lateral_x},
                    {v.superior_center + l.up * mm(2.0f) + off, rx, rz, lateral_x}}));
    body.clip(plane(v.superior_center, v.superior_normal), mm(1.0f));
    body.clip(plane(v.inferior_center, -v.inferior_normal), mm(1.0f));
    // The back of the body is flattened or hollowed (kidney shape) where the canal lies.
    const float r = rx * 0.45f;
    body.cut(capsule(l.centre - l.ant * (rz + r * 0.55f) - l.up * (v.height_m), l.centre - l.ant * (rz + r * 0.55f) + l.up * (v.height_m), r),
             mm(3.0f));
    s.add(body);
}

void build_typical(const Rig& rig, const Level& l, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Vertebra& v = *l.v;
    const bool lumbar = l.region == 'L', thoracic = l.region == 'T', cervical = l.region == 'C';
    const float k = rig.k();
    const glm::vec3 up = l.up, ant = l.ant, x = lateral_x;
    const float h = v.height_m, rz = v.depth_m * 0.5f;
    // Position along each region, 0 at its top level to 1 at its bottom.
    const float tT = thoracic ? static_cast<float>(l.number - 1) / 11.0f : 0.0f;
    const float tL = lumbar ? static_cast<float>(l.number - 1) / 4.0f : 0.0f;

    Part part;
    part.name = "vertebra_" + lower(v.name);
    part.joint = rig.skeleton().joints[static_cast<std::size_t>(v.joint)].name;
    part.step_m = lumbar ? 0.0013f : (thoracic ? 0.0011f : 0.0008f);
    part.budget = lumbar ? 960 : (thoracic ? 470 : (l.number == 7 ? 440 : 360));
    Shape& s = part.shape;
    add_body(s, l, rig, lumbar ? 0.93f : 0.95f);

    // Canal and arch dimensions.
    const float canal_w = lumbar     ? mm(lerpf(21.5f, 27.0f, tL))
                          : thoracic ? mm(lerpf(20.0f, 17.0f, std::min(tT * 2.0f, 1.0f)) + (tT > 0.7f ? (tT - 0.7f) * 12.0f : 0.0f))
                                     : mm(24.0f);
    const float canal_d = lumbar ? mm(16.0f) : thoracic ? mm(15.5f) : mm(13.0f);
    const float ped_r = lumbar ? mm(lerpf(4.5f, 7.5f, tL)) : thoracic ? mm(lerpf(3.6f, 4.3f, std::abs(tT - 0.4f) * 1.6f)) : mm(2.8f);
    const float ped_tall = lumbar ? mm(7.0f) : thoracic ? mm(lerpf(4.5f, 7.0f, tT)) : mm(3.5f);
    const glm::vec3 back = l.centre - ant * rz;          // middle of the body's back wall
    const glm::vec3 arch_mid = back + up * (h * 0.12f);  // the arch sits on the upper part
    const float lam_y = lumbar ? h * 0.05f : (thoracic ? h * 0.0f : 0.0f);
    const glm::vec3 canal_back = arch_mid - ant * (canal_d + mm(cervical ? 1.5f : 2.5f)) + up * lam_y;  // lamina junction

    for (float sgn : {-1.0f, 1.0f}) {
        const glm::vec3 side = x * sgn;
        // Pedicle: from the back of the body to the articular pillar.
        const glm::vec3 ped_a = arch_mid + side * (canal_w * 0.5f + ped_r * 0.6f) + ant * mm(3.0f);
        const glm::vec3 pillar = arch_mid + side * (canal_w * 0.5f + ped_r * (cervical ? 1.6f : 0.8f)) - ant * (canal_d * (cervical ? 0.55f : 0.6f));
        s.add(sweep({{ped_a, ped_tall, ped_r, up}, {pillar, ped_tall, ped_r * 1.05f, up}}), mm(3.0f));
        // Lamina: from the pillar to the midline behind the canal.
        const float lam_half = lumbar ? h * 0.42f : thoracic ? h * 0.5f : h * 0.42f;
        const float lam_thick = lumbar ? mm(3.5f) : thoracic ? mm(3.0f) : mm(2.2f);
        s.add(sweep({{pillar - ant * mm(1.0f), lam_half, lam_thick, up}, {canal_back + side * mm(2.0f) - up * (h * 0.05f), lam_half, lam_thick, up}}),
              mm(3.0f));
        // Articular processes: superior ones rise from the pillar, inferior ones hang from the lamina.
        if (lumbar) {
            const glm::vec3 sap = pillar + up * (h * 0.45f) - ant * mm(2.0f) + side * mm(2.0f);
            s.add(ellipsoid(Frame::from_up_forward(sap, up, glm::normalize(ant + side * 0.9f)), glm::vec3(mm(4.0f), h * 0.32f, mm(6.5f))), mm(3.0f));
            s.add(sphere(sap - ant * mm(4.5f) + side * mm(2.5f) - up * mm(1.0f), mm(3.0f)), mm(2.5f));  // mammillary process
            const glm::vec3 iap = pillar - up * (h * 0.55f) - ant * mm(7.0f) - side * mm(3.0f);
            s.add(ellipsoid(Frame::from_up_forward(iap, up, glm::normalize(ant + side * 0.6f)), glm::vec3(mm(3.8f), h * 0.32f, mm(5.5f))), mm(3.0f));
        } else if (thoracic) {
            const glm::vec3 sap = pillar + up * (h * 0.5f) - ant * mm(1.0f);
            s.add(ellipsoid(Frame::from_up_forward(sap, up, ant), glm::vec3(mm(4.5f), h * 0.3f, mm(2.2f))), mm(2.5f));
            const glm::vec3 iap = pillar - up * (h * 0.55f) - ant * mm(4.5f) - side * mm(1.0f);
            s.add(ellipsoid(Frame::from_up_forward(iap, up, ant), glm::vec3(mm(4.5f), h * 0.32f, mm(2.2f))), mm(2.5f));
        } else {
            // Cervical articular pillar: a block whose facets slope about 45 degrees.
            const glm::vec3 facet_up = glm::normalize(up - ant);
            s.add(round_box(Frame::from_up_forward(pillar - ant * mm(1.5f) + side * mm(1.0f), facet_up, ant), glm::vec3(mm(5.0f), h * 0.5f, mm(4.5f)),
                            mm(2.0f)),
                  mm(2.0f));
        }
        // Transverse process.
        const float tip_out = v.transverse_span_m * 0.5f;
        if (lumbar) {
            const glm::vec3 base = pillar + ant * mm(1.0f) + up * mm(1.0f);
            const glm::vec3 tip = l.centre + side * tip_out - ant * (rz + mm(4.0f)) + up * (h * 0.15f);
            s.add(sweep({{base, mm(6.0f), mm(4.0f), up}, {glm::mix(base, tip, 0.6f), mm(5.0f), mm(2.8f), up}, {tip, mm(4.5f), mm(3.0f), up}}),
                  mm(3.0f));
        } else if (thoracic) {
            const glm::vec3 base = pillar + up * (h * 0.1f);
            const glm::vec3 tip = l.centre + side * tip_out - ant * (rz + canal_d * 0.9f + mm(3.0f)) + up * (h * 0.35f);
            const float r = mm(lerpf(5.0f, 4.0f, tT));
            s.add(cone(base, tip, r * 1.1f, r), mm(3.0f));
            s.add(sphere(tip + ant * mm(1.0f), r * 1.05f), mm(2.0f));
        } else {
            // Two bars (from the body's side and from the pillar) meet at the tip around the
            // foramen transversarium.
            const glm::vec3 tip = l.centre + side * tip_out - ant * mm(2.0f) + up * mm(0.5f);
            const glm::vec3 front = l.centre + side * (v.width_m * 0.42f) + ant * mm(1.0f);
            s.add(cone(front, tip, mm(2.4f), mm(2.6f)), mm(1.5f));
            s.add(cone(pillar, tip, mm(2.6f), mm(2.6f)), mm(1.5f));
            s.cut(capsule(glm::mix(front, pillar, 0.5f) * 0.45f + tip * 0.55f - up * mm(6.0f),
                          glm::mix(front, pillar, 0.5f) * 0.45f + tip * 0.55f + up * mm(6.0f), mm(2.3f)),
                  mm(0.8f));
            // Uncinate process: a low lip along the side of the upper endplate.
            s.add(ellipsoid(Frame::from_up_forward(v.superior_center + side * (v.width_m * 0.40f) - ant * mm(1.0f) - up * mm(1.0f), up, ant),
                            glm::vec3(mm(3.0f), mm(3.0f), rz * 0.75f)),
                  mm(2.5f));
        }
    }

    // Spinous process: from the lamina junction to a tip placed like the rig's C7 landmark.
    {
        const float tilt = core::deg_to_rad(spinous_tilt_deg(l));
        const glm::vec3 dir = glm::normalize(-ant * std::cos(tilt) - up * std::sin(tilt));
        const glm::vec3 tip = back + dir * (v.spinous_m + mm(18.0f));
        const glm::vec3 mid = glm::mix(canal_back, tip, 0.5f) + up * (h * (thoracic ? 0.05f : 0.1f));
        if (lumbar) {
            // Hatchet: tall and flat, thicker at its end.
            s.add(sweep({{canal_back, h * 0.38f, mm(3.5f), up}, {mid, h * 0.36f, mm(3.0f), up}, {tip - dir * mm(3.0f), h * 0.4f, mm(4.0f), up}}),
                  mm(3.0f));
        } else if (thoracic) {
            const float r = mm(lerpf(3.0f, 3.6f, tT));
            s.add(sweep({{canal_back, r * 1.8f, r, up}, {mid, r * 1.7f, r * 0.9f, up}, {tip - dir * r, r * 1.2f, r * 1.1f, up}}), mm(3.0f));
        } else {
            const float r = mm(l.number == 7 ? 3.6f : 2.6f);
            s.add(sweep({{canal_back, r * 1.6f, r, up}, {tip - dir * r, r * 1.3f, r * 1.1f, up}}), mm(2.0f));
            if (l.number >= 3 && l.number <= 6) {  // bifid tip
                for (float sgn : {-1.0f, 1.0f}) s.add(sphere(tip - dir * (r * 0.8f) + x * (sgn * mm(3.0f)), r * 0.95f), mm(1.5f));
            } else {
                s.add(sphere(tip - dir * (r * 1.1f), r * 1.25f), mm(1.5f));  // vertebra prominens
            }
        }
    }
    // The canal itself stays clear.
    s.cut(sweep({{arch_mid - ant * (canal_d * 0.5f) - up * h, canal_w * 0.5f, canal_d * 0.5f, x},
                 {arch_mid - ant * (canal_d * 0.5f) + up * h, canal_w * 0.5f, canal_d * 0.5f, x}}),
          mm(1.5f));
    (void)k;
    // Endplates are articular (disc) surfaces.
    part.cartilage.add(plane(v.superior_center - v.superior_normal * mm(0.4f), -v.superior_normal));
    part.cartilage.clip(sweep({{l.centre, v.width_m * 0.47f, rz * 0.92f, x}, {v.superior_center + up * mm(2.0f), v.width_m * 0.47f, rz * 0.92f, x}}));
    Shape lower_plate;
    lower_plate.add(plane(v.inferior_center + v.inferior_normal * mm(0.4f), v.inferior_normal));
    lower_plate.clip(sweep({{l.centre, v.width_m * 0.47f, rz * 0.92f, x}, {v.inferior_center - up * mm(2.0f), v.width_m * 0.47f, rz * 0.92f, x}}));
    part.cartilage.add(lower_plate);
    out.push_back(std::move(part));
}

// [SECTION] Atlas and axis

void build_axis(const Rig& rig, const Level& l, const Level& atlas, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Vertebra& v = *l.v;
    const glm::vec3 up = l.up, ant = l.ant, x = lateral_x;
    const float h = v.height_m, rz = v.depth_m * 0.5f;
    Part part;
    part.name = "vertebra_c2";
    part.joint = rig.skeleton().joints[static_cast<std::size_t>(v.joint)].name;
    part.step_m = 0.0008f;
    part.budget = 700;
    Shape& s = part.shape;
    add_body(s, l, rig, 0.95f);
    // Dens: up from the body through the atlas ring to above its arch.
    const glm::vec3 dens_top = atlas.centre + atlas.up * mm(5.0f);
    s.add(cone(v.superior_center - up * mm(2.0f), dens_top - atlas.up * mm(4.5f), mm(5.2f), mm(4.5f)), mm(3.0f));
    // Superior articular facets: broad shelves either side of the dens for the atlas.
    for (float sgn : {-1.0f, 1.0f}) {
        const glm::vec3 side = x * sgn;
        s.add(ellipsoid(Frame::from_up_forward(v.superior_center + side * mm(14.0f) - up * mm(3.0f) - ant * mm(2.0f),
                                               glm::normalize(up + side * 0.35f), ant),
                        glm::vec3(mm(7.5f), mm(4.5f), mm(8.5f))),
              mm(3.0f));
        // Pedicle, lamina, inferior articular process and a small transverse process.
        const glm::vec3 pillar = l.centre + side * mm(15.0f) - ant * (rz + mm(6.0f)) - up * mm(2.0f);
        s.add(capsule(l.centre + side * mm(8.0f) - ant * (rz - mm(2.0f)), pillar, mm(4.0f)), mm(3.0f));
        s.add(round_box(Frame::from_up_forward(pillar - up * mm(5.0f), glm::normalize(up - ant), ant), glm::vec3(mm(5.0f), mm(5.0f), mm(4.5f)),
                        mm(2.0f)),
              mm(2.0f));
        s.add(cone(pillar + ant * mm(4.0f), l.centre + side * (v.transverse_span_m * 0.5f) - ant * mm(3.0f), mm(3.5f), mm(2.5f)), mm(2.0f));
        s.add(sweep({{pillar, h * 0.35f, mm(3.0f), up}, {l.centre - ant * (rz + mm(16.0f)) + side * mm(3.0f), h * 0.35f, mm(3.2f), up}}), mm(3.0f));
    }
    // Large bifid spinous process.
    const float tilt = core::deg_to_rad(spinous_tilt_deg(l));
    const glm::vec3 dir = glm::normalize(-ant * std::cos(tilt) - up * std::sin(tilt));
    const glm::vec3 base = l.centre - ant * (rz + mm(16.0f));
    const glm::vec3 tip = l.centre - ant * rz + dir * (v.spinous_m + mm(18.0f));
    s.add(sweep({{base, h * 0.3f, mm(4.0f), up}, {tip - dir * mm(4.0f), h * 0.28f, mm(4.5f), up}}), mm(3.0f));
    for (float sgn : {-1.0f, 1.0f}) s.add(sphere(tip - dir * mm(4.0f) + x * (sgn * mm(4.0f)), mm(4.0f)), mm(2.0f));
    // Canal and foramina transversaria.
    s.cut(sweep({{l.centre - ant * (rz + mm(8.0f)) - up * h, mm(12.0f), mm(8.0f), x},
                 {l.centre - ant * (rz + mm(8.0f)) + up * h, mm(12.0f), mm(8.0f), x}}),
          mm(1.5f));
    part.cartilage.add(sphere(dens_top - atlas.up * mm(6.0f) + ant * mm(3.0f), mm(4.5f)));
    out.push_back(std::move(part));
}

void build_atlas(const Rig& rig, const Level& l, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Vertebra& v = *l.v;
    const glm::vec3 up = l.up, ant = l.ant, x = lateral_x;
    const glm::vec3 c = l.centre;  // where the dens stands
    Part part;
    part.name = "vertebra_c1";
    part.joint = rig.skeleton().joints[static_cast<std::size_t>(v.joint)].name;
    part.step_m = 0.0008f;
    part.budget = 520;
    Shape& s = part.shape;
    // The ring: anterior arch in front of the dens, lateral masses, posterior arch.
    std::vector<glm::vec3> ring;
    std::vector<float> ra, rb;
    const float pts[][4] = {// lateral, up, anterior (mm), tube radius (mm)
                            {0.0f, 0.0f, 10.0f, 3.6f},  {9.0f, 0.0f, 9.0f, 3.4f},   {15.5f, 0.0f, 1.0f, 5.0f},   {14.0f, 0.5f, -12.0f, 3.2f},
                            {7.0f, 1.0f, -20.0f, 3.0f}, {0.0f, 1.0f, -22.5f, 3.4f}, {-7.0f, 1.0f, -20.0f, 3.0f}, {-14.0f, 0.5f, -12.0f, 3.2f},
                            {-15.5f, 0.0f, 1.0f, 5.0f}, {-9.0f, 0.0f, 9.0f, 3.4f},  {0.0f, 0.0f, 10.0f, 3.6f}};
    for (const auto& q : pts) {
        ring.push_back(c + x * mm(q[0]) + up * mm(q[1]) + ant * mm(q[2]));
        ra.push_back(mm(q[3] * 1.35f));
        rb.push_back(mm(q[3]));
    }
    s.add(sweep(tube(ring, ra, rb, up, 4)));
    for (float sgn : {-1.0f, 1.0f}) {
        const glm::vec3 side = x * sgn;
        // Lateral mass with its concave superior facet for the occipital condyle.
        const glm::vec3 mass = c + side * mm(16.0f) - ant * mm(1.0f);
        s.add(round_box(Frame::from_up_forward(mass, up, ant), glm::vec3(mm(6.0f), mm(7.0f), mm(9.0f)), mm(3.0f)), mm(2.5f));
        s.cut(ellipsoid(Frame::from_up_forward(mass + up * mm(9.5f) - side * mm(1.0f), up, ant), glm::vec3(mm(6.5f), mm(4.5f), mm(9.5f))), mm(1.0f));
        // Transverse process with its foramen.
        const glm::vec3 tp = c + side * (v.transverse_span_m * 0.5f) - ant * mm(2.0f);
        s.add(cone(mass + side * mm(4.0f), tp, mm(4.5f), mm(4.0f)), mm(2.5f));
        s.cut(capsule(mass + side * mm(10.0f) - up * mm(8.0f), mass + side * mm(10.0f) + up * mm(8.0f), mm(2.3f)), mm(0.8f));
    }
    s.add(sphere(c - ant * mm(23.0f) + up * mm(1.0f), mm(3.5f)), mm(2.0f));  // posterior tubercle
    s.add(sphere(c + ant * mm(11.5f), mm(3.5f)), mm(2.0f));                  // anterior tubercle
    part.cartilage.add(sphere(c + ant * mm(6.5f), mm(3.0f)));                // facet for the dens
    out.push_back(std::move(part));
}

// [SECTION] Discs

void build_disc(const Rig& rig, const anat::Disc& d, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Skeleton& sk = rig.skeleton();
    const anat::Vertebra& up_v = sk.vertebrae[static_cast<std::size_t>(d.upper)];
    if (up_v.name == "C1") return;  // the atlanto-axial joint has no disc
    const bool s1 = d.lower < 0;
    const anat::Vertebra* lo_v = s1 ? nullptr : &sk.vertebrae[static_cast<std::size_t>(d.lower)];
    const glm::vec3 bottom = s1 ? sk.s1_center : lo_v->superior_center;
    const glm::vec3 bottom_n = s1 ? sk.s1_normal : lo_v->superior_normal;
    const glm::vec3 top = up_v.inferior_center, top_n = up_v.inferior_normal;
    const float w = 0.5f * (up_v.width_m + (s1 ? sk.s1_width_m : lo_v->width_m)) * 0.5f - mm(0.8f);
    const float dz = 0.5f * (up_v.depth_m + (s1 ? sk.s1_depth_m : lo_v->depth_m)) * 0.5f - mm(0.8f);
    const glm::vec3 mid = (bottom + top) * 0.5f;
    Part part;
    part.name = "disc_" + lower(up_v.name) + "_" + (s1 ? std::string("s1") : lower(lo_v->name));
    part.joint = s1 ? "pelvis" : sk.joints[static_cast<std::size_t>(lo_v->joint)].name;
    part.tissue = Tissue::cartilage;
    part.step_m = up_v.name[0] == 'C' ? 0.0007f : 0.0009f;
    part.budget = 90;
    const glm::vec3 axis = glm::normalize(top - bottom);
    const float bulge = std::min(mm(1.2f), glm::length(top - bottom) * 0.2f);
    part.shape.add(
        sweep({{bottom - axis * mm(2.0f), w, dz, lateral_x}, {mid, w + bulge, dz + bulge, lateral_x}, {top + axis * mm(2.0f), w, dz, lateral_x}}));
    part.shape.clip(plane(top, top_n), mm(0.5f));
    part.shape.clip(plane(bottom, -bottom_n), mm(0.5f));
    const glm::vec3 ant = glm::normalize(glm::vec3(0.0f, -axis.z, axis.y));
    part.shape.cut(capsule(mid - ant * (dz + w * 0.3f) - axis * mm(20.0f), mid - ant * (dz + w * 0.3f) + axis * mm(20.0f), w * 0.42f), mm(2.0f));
    out.push_back(std::move(part));
}

}  // namespace

void build_spine(const Rig& rig, std::vector<Part>& out) {
    const anat::Skeleton& sk = rig.skeleton();
    std::vector<Level> levels;
    for (std::size_t i = 0; i < sk.vertebrae.size(); ++i) levels.push_back(level_of(sk, i));
    for (const Level& l : levels) {
        if (l.v->name == "C1")
            build_atlas(rig, l, out);
        else if (l.v->name == "C2")
            build_axis(rig, l, levels.back(), out);
        else
            build_typical(rig, l, out);
    }
    for (const auto& d : sk.discs) build_disc(rig, d, out);
}

}  // namespace bonegen
