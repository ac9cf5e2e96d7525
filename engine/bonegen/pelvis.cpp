// bonegen/pelvis.cpp: hip bones, sacrum and coccyx.
//
// Anchors: the rig's pelvic landmarks (ASIS, AIIS, PSIS, iliac crest top and tubercle, pubic
// tubercle and symphysis, ischial spine and tuberosity, hip centre) and its S1 endplate (centre,
// normal, anterior direction, width, depth). Sizes, where not implied by the anchors, come from
// docs/bone-morphometry.md section 1:
//   femoral head 47 mm (Kanz et al.) so the socket is about 51 mm across with cartilage;
//   acetabular opening inclined about 45-50 deg and anteverted about 15-20 deg (Wang 2017;
//   Mechlenburg 2019, "recommended" row); acetabular depth about 25 mm (Saikia 2008);
//   obturator foramen about 45-50 x 30-35 mm; pubic symphysis gap 3-5 mm, AP thickness about
//   27 mm (J Orthop Surg Res 2021); iliac fossa thin (2-4 mm) with a thicker crest (10-15 mm);
//   sacral height about 105-110 mm and alar width about 104 mm (dry-bone studies), sacral
//   kyphosis 25-40 deg; coccyx about 30-45 mm long in 4 segments (Woon 2013).
//
// [SECTION] Hip bone: ilium
// [SECTION] Hip bone: acetabulum, pubis, ischium
// [SECTION] Sacrum and coccyx
#include "bonegen/parts.hpp"

#include <cmath>
#include <iterator>

namespace bonegen {

namespace {

const glm::vec3 up{0.0f, 1.0f, 0.0f}, down{0.0f, -1.0f, 0.0f}, ant{0.0f, 0.0f, 1.0f}, post{0.0f, 0.0f, -1.0f};

glm::vec3 lerp(const glm::vec3& a, const glm::vec3& b, float t) { return a + (b - a) * t; }

// The iliopubic eminence: on the front of the socket, toward the midline.
glm::vec3 ipe_of(const glm::vec3& hip, const glm::vec3& med) { return hip + med * 0.025f + glm::vec3(0.0f, 0.006f, 0.019f); }

}  // namespace

// [SECTION] Hip bone: ilium

void build_hip_bone(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto L = [&](const char* n) { return rig.landmark(side.n(n)); };
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 A = L("asis"), AI = L("aiis"), P = L("psis"), C = L("iliac_crest_top"), T = L("iliac_tubercle");
    const glm::vec3 PT = L("pubic_tubercle"), IT = L("ischial_tuberosity"), IS = L("ischial_spine"), H = L("hip_center");
    const glm::vec3 SYM = rig.landmark("pubic_symphysis");
    const glm::vec3 lat{side.lat, 0.0f, 0.0f}, med = -lat;

    Part part;
    part.name = side.n("hip_bone");
    part.joint = "pelvis";
    part.step_m = 0.0014f;
    part.budget = 3900;
    Shape& s = part.shape;

    // The wing's frame: x from PSIS to ASIS, y up within the wing, z out of its gluteal face
    // (lateral and posterior). Origin 35 mm above the hip centre.
    const glm::vec3 wu = glm::normalize(A - P);
    const glm::vec3 wv = glm::normalize(up - wu * glm::dot(up, wu));
    glm::vec3 ww = glm::cross(wu, wv);
    if (glm::dot(ww, lat) < 0.0f) ww = -ww;
    Frame wf;
    wf.origin = H + up * mm(35.0f);
    wf.axes = glm::mat3(wu, wv, ww);
    auto uv = [&](const glm::vec3& p) { return glm::vec2(glm::dot(p - wf.origin, wu), glm::dot(p - wf.origin, wv)); };

    // Mid-surface: tilts outward as it rises and bulges out (posterolaterally) in the middle, so
    // the iliac fossa on the inner face is a shallow bowl. Fitted by eye to the crest landmarks.
    SlabShape wing;
    wing.c1 = 0.09f;
    wing.bulge = 0.56f;
    wing.bulge_curve = -5.2f / rig.k();  // the bowl deepens low down and levels off at the crest
    wing.bulge_y0 = 0.0f;
    wing.bulge_x = mm(-15.0f);
    wing.bulge_width = mm(56.0f);
    wing.t0 = mm(1.9f);
    wing.t_min = mm(1.9f);
    auto on_wing = [&](glm::vec2 q, float offset = 0.0f) { return slab_point(wf, wing, q.x, q.y, offset); };

    const glm::vec2 a = uv(A), ai = uv(AI), p = uv(P), c = uv(C), t = uv(T);
    const glm::vec2 h = uv(H), is = uv(IS);
    const glm::vec2 centre{(a.x + p.x) * 0.5f, mm(40.0f)};
    auto inset = [&](glm::vec2 q, float by) { return q + glm::normalize(centre - q) * by; };
    // Greater sciatic notch: its apex lies above and behind the acetabulum; PIIS below the PSIS.
    const glm::vec2 apex = h + glm::vec2(mm(-42.0f), mm(22.0f));
    const glm::vec2 piis = p + glm::vec2(mm(4.0f), mm(-30.0f));
    const float crest_r = mm(4.5f);
    const glm::vec2 ci = inset(c, crest_r), ti = inset(t, crest_r), ai_in = inset(a, mm(4.0f)), pi_in = inset(p, mm(4.0f));
    const glm::vec2 crest_back = glm::mix(pi_in, ci, 0.35f) + glm::vec2(0.0f, mm(14.0f));
    const glm::vec2 crest_mid_back = glm::mix(pi_in, ci, 0.7f) + glm::vec2(0.0f, mm(6.0f));
    const glm::vec2 crest_front = glm::mix(ti, ai_in, 0.5f) + glm::vec2(mm(3.0f), mm(4.0f));
    const glm::vec2 crest_top_front = glm::mix(ci, ti, 0.5f) + glm::vec2(0.0f, mm(1.5f));

    std::vector<glm::vec2> outline = {
        ai_in,
        glm::vec2((a.x + ai.x) * 0.5f - mm(6.0f), (a.y + ai.y) * 0.5f),  // notch between the spines
        inset(ai, mm(3.0f)),
        ai + glm::vec2(mm(-6.0f), mm(-22.0f)),
        h + glm::vec2(mm(8.0f), mm(-14.0f)),
        h + glm::vec2(mm(-20.0f), mm(-14.0f)),
        glm::vec2(is.x + mm(8.0f), is.y + mm(16.0f)),
        apex,
        glm::mix(apex, piis, 0.5f) + glm::vec2(0.0f, mm(6.0f)),
        piis,
        pi_in + glm::vec2(mm(-2.0f), mm(-12.0f)),
        pi_in,
        crest_back,
        crest_mid_back,
        ci,
        crest_top_front,
        ti,
        crest_front,
    };
    Shape ilium;
    ilium.add(slab(wf, wing));
    ilium.clip(prism(wf, outline, mm(80.0f), 0.0f), mm(1.5f));
    s.add(ilium);

    // Iliac crest: a thick rim from PSIS to ASIS, widest at the tubercle.
    {
        const std::vector<glm::vec2> pts = {pi_in, crest_back, crest_mid_back, ci, crest_top_front, ti, crest_front, ai_in};
        std::vector<glm::vec3> ctrl;
        for (const auto& q : pts) ctrl.push_back(on_wing(q));
        const std::vector<float> thick = {mm(6.5f), mm(7.0f), mm(6.0f), mm(6.0f), mm(6.5f), mm(8.0f), mm(6.5f), mm(6.0f)};
        const std::vector<float> tall = {mm(6.5f), mm(5.5f), mm(5.0f), mm(5.0f), mm(5.0f), mm(5.5f), mm(5.0f), mm(5.0f)};
        s.add(sweep(tube(ctrl, thick, tall, ww, 5)), mm(3.0f));
    }
    // Spines as small knobs: ASIS, AIIS, PSIS.
    s.add(ellipsoid(Frame::from_up_forward(on_wing(inset(a, mm(5.0f))), wv, wu), glm::vec3(mm(6.5f), mm(7.0f), mm(6.0f))), mm(3.0f));
    s.add(ellipsoid(Frame::from_up_forward(on_wing(inset(ai, mm(4.0f))), wv, wu), glm::vec3(mm(6.0f), mm(8.0f), mm(5.0f))), mm(3.0f));
    s.add(ellipsoid(Frame::from_up_forward(on_wing(inset(p, mm(6.5f)), -mm(2.0f)), wv, wu), glm::vec3(mm(7.0f), mm(8.5f), mm(7.0f))), mm(3.0f));
    // Thick posterior ilium (iliac tuberosity, auricular surface) between PSIS, PIIS and the
    // notch: it reaches in over the sacrum's side.
    s.add(ellipsoid(Frame{on_wing(glm::vec2(p.x + mm(22.0f), p.y - mm(20.0f)), -mm(7.0f)), glm::mat3(wu, wv, ww)},
                    glm::vec3(mm(23.0f), mm(25.0f), mm(12.0f))),
          mm(8.0f));
    // Buttresses: the iliac pillar (acetabulum to tubercle) and the sciatic buttress (acetabulum to
    // the posterior ilium).
    s.add(sweep(tube({on_wing(h + glm::vec2(mm(2.0f), mm(16.0f))), on_wing(glm::mix(h, ti, 0.55f)), on_wing(ti + glm::vec2(0.0f, mm(-6.0f)))},
                     {mm(4.5f), mm(3.2f), mm(4.0f)}, {mm(11.0f), mm(9.0f), mm(7.0f)}, ww, 4)),
          mm(7.0f));
    s.add(sweep(tube({H + up * mm(14.0f) + post * mm(14.0f), on_wing(glm::mix(apex, p, 0.45f) + glm::vec2(0.0f, mm(4.0f)))}, {mm(8.0f), mm(6.0f)},
                     {mm(9.0f), mm(8.0f)}, ww, 4)),
          mm(5.0f));

    // [SECTION] Hip bone: acetabulum, pubis, ischium

    // Acetabular axis (out of the socket): lateral, down and forward; opening inclined ~48 deg,
    // anteverted ~19 deg.
    const glm::vec3 ax = glm::normalize(lat * 0.70f + down * 0.62f + ant * 0.24f);
    const float socket_r = mm(25.5f);
    {
        Shape cup;
        cup.add(sphere(H - ax * mm(8.0f), mm(32.0f)));
        cup.clip(plane(H + ax * mm(1.5f), ax), mm(3.0f));
        s.add(cup, mm(9.0f));
        s.add(torus(Frame::from_up_forward(H + ax * mm(0.5f), ax, ant), socket_r + mm(3.2f), mm(3.6f), 0.9f), mm(3.0f));
    }
    // Pubic body beside the symphysis: its long axis runs down and back.
    const glm::vec3 sym_axis = glm::normalize(glm::vec3(0.0f, 0.8f, 0.6f));  // pointing up and forward
    const glm::vec3 pb = SYM + lat * mm(9.5f) - sym_axis * mm(7.0f) + post * mm(5.0f);
    s.add(round_box(Frame::from_up_forward(pb, sym_axis, ant), glm::vec3(mm(8.0f), mm(16.0f), mm(7.5f)), mm(6.0f)), mm(3.0f));
    // Superior pubic ramus from the body to the iliopubic eminence at the front of the socket.
    const glm::vec3 ipe = H + med * mm(25.0f) + ant * mm(19.0f) + up * mm(6.0f);  // iliopubic eminence
    const glm::vec3 ramus_start = pb + sym_axis * mm(6.0f) + lat * mm(6.0f) + post * mm(3.0f);
    s.add(sweep(tube({ramus_start, lerp(ramus_start, ipe, 0.5f) + up * mm(1.0f), ipe}, {mm(9.5f), mm(9.0f), mm(11.0f)},
                     {mm(8.0f), mm(7.5f), mm(9.0f)}, up, 5)),
          mm(6.0f));
    // Pubic tubercle.
    s.add(sphere(PT + post * mm(3.0f) + down * mm(1.0f), mm(3.5f)), mm(4.0f));
    // Ischium: a column from below the socket to the tuberosity.
    const glm::vec3 isch_top = H + down * mm(16.0f) + post * mm(13.0f) + med * mm(4.0f);
    const glm::vec3 tub = IT + ant * mm(9.5f) + down * mm(5.0f);
    s.add(sweep(tube({isch_top, lerp(isch_top, tub, 0.5f), tub + up * mm(6.0f)}, {mm(11.0f), mm(9.0f), mm(9.5f)}, {mm(10.0f), mm(8.0f), mm(9.0f)},
                     lat, 4)),
          mm(6.0f));
    // Tuberosity: a rough oval on the back of the ischium.
    const glm::vec3 tub_axis = glm::normalize(down * 0.85f + ant * 0.5f);
    s.add(ellipsoid(Frame::from_up_forward(tub, tub_axis, post), glm::vec3(mm(11.0f), mm(18.0f), mm(9.0f))), mm(5.0f));
    // Ischial spine: a short point toward the midline and back.
    const glm::vec3 spine_base = IS + ant * mm(12.0f) + lat * mm(7.0f) + down * mm(2.0f);
    s.add(cone(spine_base, IS + glm::normalize(spine_base - IS) * mm(2.5f), mm(6.0f), mm(2.5f)), mm(3.0f));
    // Ischiopubic ramus: a flat bar rising from the tuberosity forward and in to the pubic body;
    // its broad faces lie in the plane of the obturator foramen.
    const glm::vec3 ramus_low_a = tub + tub_axis * mm(10.0f) + ant * mm(5.0f) + med * mm(1.0f);
    const glm::vec3 ramus_low_b = pb - sym_axis * mm(12.0f) + lat * mm(3.0f);
    {
        const glm::vec3 fo_n = glm::normalize(glm::cross(tub - ipe_of(H, med), pb - ipe_of(H, med)));
        const glm::vec3 flat = glm::normalize(glm::cross(fo_n, ramus_low_b - ramus_low_a));
        s.add(sweep(tube({ramus_low_a, lerp(ramus_low_a, ramus_low_b, 0.5f) + lat * mm(1.5f), ramus_low_b}, {mm(7.0f), mm(6.0f), mm(7.0f)},
                         {mm(4.0f), mm(3.5f), mm(4.0f)}, flat, 5)),
              mm(5.0f));
    }
    // Arcuate line: the pelvic brim on the inner face, from the sacroiliac joint to the eminence.
    s.add(sweep(tube({on_wing(glm::vec2(p.x + mm(30.0f), p.y - mm(20.0f)), -mm(2.5f)),
                      on_wing(glm::vec2(h.x - mm(12.0f), h.y + mm(26.0f)), -mm(3.0f)), ipe + up * mm(2.0f) + post * mm(2.0f)},
                     {mm(4.5f), mm(4.0f), mm(5.0f)}, 5)),
          mm(5.0f));

    // Cuts last: the obturator foramen, the socket, its fossa and notch.
    {
        const glm::vec3 fo = (ipe + tub + pb + H) * 0.25f + down * mm(14.0f) + ant * mm(2.0f);
        const glm::vec3 n = glm::normalize(glm::cross(tub - ipe, pb - ipe)) * (side.right() ? 1.0f : -1.0f);
        const glm::vec3 long_axis = glm::normalize(tub - pb);
        Frame ff = Frame::from_x_y(fo, long_axis, glm::cross(n, long_axis));
        s.cut(ellipsoid(ff, glm::vec3(mm(21.0f), mm(14.0f), mm(40.0f))), mm(3.0f));
    }
    s.cut(sphere(H, socket_r), mm(1.5f));
    s.cut(sphere(H - ax * mm(9.0f), mm(19.0f)), mm(2.0f));
    {
        glm::vec3 nd = down - ax * glm::dot(down, ax);
        nd = glm::normalize(nd + ant * 0.35f);
        s.cut(capsule(H + nd * mm(19.0f), H + nd * mm(34.0f) + ax * mm(6.0f), mm(8.0f)), mm(2.0f));
    }
    // Articular (lunate) surface inside the socket: a horseshoe around the fossa, open at the notch.
    part.cartilage.add(sphere(H, socket_r + mm(0.9f)));
    part.cartilage.clip(plane(H + ax * mm(0.5f), ax));
    part.cartilage.cut(sphere(H - ax * mm(9.0f), mm(20.0f)));
    {
        glm::vec3 nd = down - ax * glm::dot(down, ax);
        nd = glm::normalize(nd + ant * 0.35f);
        part.cartilage.cut(capsule(H + nd * mm(12.0f), H + nd * mm(34.0f), mm(9.0f)));
    }
    out.push_back(std::move(part));
}

// [SECTION] Sacrum and coccyx

void build_pelvis(const Rig& rig, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const anat::Skeleton& sk = rig.skeleton();
    const glm::vec3 c1 = sk.s1_center, n1 = glm::normalize(sk.s1_normal), a1 = glm::normalize(sk.s1_anterior);
    const glm::vec3 x{1.0f, 0.0f, 0.0f};
    const float w2 = sk.s1_width_m * 0.5f, d2 = sk.s1_depth_m * 0.5f;
    const float width_scale = sk.s1_width_m / 0.048f;  // alae follow the endplate's width

    Part sacrum;
    sacrum.name = "sacrum";
    sacrum.joint = "pelvis";
    sacrum.step_m = 0.0014f;
    sacrum.budget = 2200;
    Shape& s = sacrum.shape;

    // S1 body: an elliptic column whose top is exactly the rig's endplate plane.
    {
        Shape body;
        SweepNode lo{c1 - n1 * mm(34.0f), w2, d2, x}, hi{c1 + n1 * mm(6.0f), w2, d2, x};
        body.add(sweep({lo, hi}));
        body.clip(plane(c1, n1), mm(1.2f));
        s.add(body);
    }
    // The sacral plate: curved (kyphotic), thinning downward, an inverted triangle from the front.
    Frame sf;
    sf.origin = c1 - a1 * mm(14.0f);
    sf.axes = glm::mat3(x, n1, a1);
    SlabShape plate;
    plate.c1 = 0.25f;
    plate.c2 = 3.0f / rig.k();
    plate.t0 = mm(23.0f);
    plate.t1 = 0.17f;
    plate.t_min = mm(3.5f);
    auto on_plate = [&](float px, float py, float off = 0.0f) { return slab_point(sf, plate, px, py, off); };
    {
        std::vector<glm::vec2> outline;
        // Right half from the top middle down the lateral border to the apex; mirrored for the left.
        const float pts[][2] = {{20, -3}, {32, -6}, {42, -11}, {50, -19}, {52, -30}, {47, -45}, {39, -61}, {27, -80}, {16, -97}, {8, -110}};
        constexpr int n = static_cast<int>(std::size(pts));
        for (int i = 0; i < n; ++i) outline.emplace_back(mm(pts[i][0]) * width_scale, mm(pts[i][1]));
        for (int i = n - 1; i >= 0; --i) outline.emplace_back(-mm(pts[i][0]) * width_scale, mm(pts[i][1]));
        Shape body;
        body.add(slab(sf, plate));
        body.clip(prism(sf, outline, mm(80.0f), 0.0f), mm(5.0f));
        // Round off the back corners: the dorsal surface is narrower than the front.
        std::vector<SweepNode> bevel;
        for (float v : {20.0f, -20.0f, -60.0f, -100.0f, -125.0f}) {
            const float t = (20.0f - v) / 145.0f;
            bevel.push_back({on_plate(0.0f, mm(v), mm(8.0f) * (1.0f - t)), mm(64.0f - 44.0f * t) * width_scale, mm(33.0f - 24.0f * t), x});
        }
        body.clip(sweep(bevel), mm(6.0f));
        s.add(body, mm(6.0f));
    }
    // Alae: the wings either side of the body, their top sloping down laterally.
    for (float sgn : {-1.0f, 1.0f}) {
        const glm::vec3 ala = c1 + x * (sgn * mm(30.0f) * width_scale) - n1 * mm(14.0f) - a1 * mm(6.0f);
        s.add(ellipsoid(Frame{ala, glm::mat3(x, n1, a1)}, glm::vec3(mm(22.0f) * width_scale, mm(13.0f), mm(17.0f))), mm(6.0f));
        // Superior articular processes of S1, facing back and in toward L5's inferior processes.
        const glm::vec3 sap = c1 + x * (sgn * mm(16.0f)) - a1 * mm(30.0f) + n1 * mm(2.0f);
        s.add(ellipsoid(Frame::from_up_forward(sap, n1, a1), glm::vec3(mm(6.5f), mm(9.0f), mm(5.5f))), mm(4.0f));
    }
    // Median sacral crest along the back.
    {
        std::vector<glm::vec3> ctrl;
        for (float v : {-6.0f, -30.0f, -55.0f, -78.0f}) ctrl.push_back(on_plate(0.0f, mm(v), -(plate.half_thickness(mm(v)) - mm(0.5f))));
        s.add(sweep(tube(ctrl, {mm(5.0f), mm(5.5f), mm(5.0f), mm(3.5f)}, {mm(3.5f), mm(3.5f), mm(3.0f), mm(2.5f)}, x, 4)), mm(4.0f));
    }
    // Sacral canal (open at the top behind the body and at the hiatus below).
    {
        std::vector<glm::vec3> ctrl;
        std::vector<float> ra, rb;
        for (float v : {12.0f, -10.0f, -40.0f, -70.0f, -92.0f}) {
            const float t = plate.half_thickness(mm(v));
            ctrl.push_back(on_plate(0.0f, mm(v), -t * 0.42f));
            ra.push_back(mm(v > 0.0f ? 12.0f : 11.0f + v * 0.08f));
            rb.push_back(std::min(mm(6.5f), t * 0.35f));
        }
        s.cut(sweep(tube(ctrl, ra, rb, x, 4)), mm(1.5f));
    }
    // Four pairs of anterior sacral foramina, hinted as dimples on the pelvic surface (holes, and
    // the smaller dorsal ones, would cost far more triangles than they show at this size).
    for (int i = 0; i < 4; ++i) {
        const float fi = static_cast<float>(i);
        const float v = mm(-22.0f - 19.0f * fi);
        const float t = plate.half_thickness(v);
        for (float sgn : {-1.0f, 1.0f}) {
            const float px = sgn * mm(19.0f - 1.5f * fi) * width_scale;
            s.cut(sphere(on_plate(px, v, t + mm(2.5f)), mm(5.5f - 0.6f * fi)), mm(2.5f));
        }
    }
    // The upper surface of S1 is articular (disc) - tint it.
    sacrum.cartilage.add(
        sweep({SweepNode{c1 - n1 * mm(1.0f), w2 + mm(0.5f), d2 + mm(0.5f), x}, SweepNode{c1 + n1 * mm(3.0f), w2 + mm(0.5f), d2 + mm(0.5f), x}}));
    sacrum.cartilage.clip(plane(c1 - n1 * mm(0.6f), -n1));
    out.push_back(std::move(sacrum));

    // Coccyx: four small segments continuing the sacral curve forward.
    Part coccyx;
    coccyx.name = "coccyx";
    coccyx.joint = "pelvis";
    coccyx.step_m = 0.001f;
    coccyx.budget = 260;
    {
        const float apex_v = mm(-112.0f);
        glm::vec3 pos = on_plate(0.0f, apex_v);
        const glm::vec2 g = plate.slope(0.0f, apex_v);
        glm::vec3 dir = glm::normalize(sf.dir(glm::vec3(0.0f, -1.0f, -g.y)));  // down the curve
        const float lens[] = {9.0f, 8.0f, 6.5f, 5.5f};
        const glm::vec3 widths[] = {{11.0f, 5.0f, 4.5f}, {7.5f, 4.5f, 4.0f}, {5.5f, 3.8f, 3.4f}, {4.0f, 3.2f, 3.0f}};
        for (int i = 0; i < 4; ++i) {
            pos += dir * mm(lens[i] * 0.5f + 1.2f);
            const glm::vec3 r = widths[i];
            coccyx.shape.add(ellipsoid(Frame::from_up_forward(pos, -dir, a1), glm::vec3(mm(r.x), mm(lens[i] * 0.5f + 0.8f), mm(r.z))), mm(2.0f));
            if (i == 0) {  // the cornua reaching up toward the sacrum
                for (float sgn : {-1.0f, 1.0f})
                    coccyx.shape.add(
                        capsule(pos + x * (sgn * mm(5.0f)) - a1 * mm(2.0f), pos + x * (sgn * mm(6.0f)) - dir * mm(7.0f) - a1 * mm(4.0f), mm(1.8f)),
                        mm(2.0f));
            }
            pos += dir * mm(lens[i] * 0.5f);
            // Each segment turns further forward.
            dir = glm::normalize(dir + a1 * 0.22f);
        }
    }
    out.push_back(std::move(coccyx));
}

}  // namespace bonegen
