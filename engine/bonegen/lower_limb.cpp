// bonegen/lower_limb.cpp: femur, patella, tibia, fibula, and the foot.
//
// Anchors: hip, knee, ankle and mtp joint centres; landmarks on the femur (trochanters,
// epicondyles), tibia (tuberosity, medial malleolus), fibula (head, lateral malleolus) and foot
// (heel, first and fifth metatarsal heads, toe tip). Sizes from docs/bone-morphometry.md:
//   femur (section 3): head 47 mm (Kanz et al.); neck-shaft angle 127 +- 6 deg (Toogood 2009 and
//   others) - we use 126; anteversion 12 +- 8 deg; head centre to shaft axis along the neck about
//   54 mm (offset 43 mm, Carmona); midshaft about 28 mm across; bicondylar width about 80-88 mm;
//   anterior bow radius about 950 mm (PLoS One 2018).
//   tibia and fibula (section 4): plateau about 80 x 50 mm (PMC9703208; Frank 2010); medial
//   plateau deeper than lateral; lateral malleolus about 10 mm lower and behind the medial.
//   patella about 42 high x 45 wide x 23 thick for a 1.75 m male.
//   foot (section 5): MT2 > MT3 > MT4 > MT5 > MT1 in length, MT1 about 56 mm long and 14 mm
//   wide (PMC5713710); hallux proximal phalanx about 28 mm; calcaneus 75-85 mm, talus 52-58 mm
//   (approximate); the lowest bone 5-8 mm above the floor for the heel pad and plantar tissue.
//
// [SECTION] Femur
// [SECTION] Patella
// [SECTION] Tibia and fibula
// [SECTION] Foot
#include "bonegen/parts.hpp"

#include <cmath>

namespace bonegen {

namespace {

const glm::vec3 up{0.0f, 1.0f, 0.0f}, down{0.0f, -1.0f, 0.0f}, ant{0.0f, 0.0f, 1.0f}, post{0.0f, 0.0f, -1.0f};

glm::vec3 rotate_about(const glm::vec3& v, const glm::vec3& axis, float angle_rad) { return glm::angleAxis(angle_rad, glm::normalize(axis)) * v; }

// [SECTION] Femur

void build_femur(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto L = [&](const char* n) { return rig.landmark(side.n(n)); };
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 lat{side.lat, 0.0f, 0.0f}, med = -lat;
    const glm::vec3 H = rig.joint(side.n("hip")), K = rig.joint(side.n("knee"));
    const glm::vec3 GT = L("greater_trochanter"), LT = L("lesser_trochanter"), LE = L("lateral_epicondyle"), ME = L("medial_epicondyle");

    Part part;
    part.name = side.n("femur");
    part.joint = side.n("hip");
    part.step_m = 0.0019f;
    part.budget = 2600;
    Shape& s = part.shape;

    const float head_r = mm(23.5f);
    // The shaft's distal end (metaphysis centre) and the neck's meeting point with the shaft axis,
    // solved together: the neck leaves the shaft at 126 deg, turned 12 deg forward (anteversion).
    const glm::vec3 distal = K + up * mm(78.0f) + ant * mm(2.0f);
    const float neck_len = mm(54.0f), nsa = core::deg_to_rad(126.0f), anteversion = core::deg_to_rad(12.0f);
    glm::vec3 neck_base = H + lat * mm(44.0f) + down * mm(32.0f);
    glm::vec3 shaft_dir{0.0f, -1.0f, 0.0f}, neck_dir{0.0f, 1.0f, 0.0f};
    for (int it = 0; it < 6; ++it) {
        shaft_dir = glm::normalize(distal - neck_base);
        glm::vec3 m = med - shaft_dir * glm::dot(med, shaft_dir);
        m = glm::normalize(m);
        const float rise = nsa - core::pi * 0.5f;  // above the perpendicular to the shaft
        glm::vec3 n0 = glm::normalize(m * std::cos(rise) - shaft_dir * std::sin(rise));
        glm::vec3 n1 = rotate_about(n0, shaft_dir, anteversion);
        if (n1.z < n0.z) n1 = rotate_about(n0, shaft_dir, -anteversion);
        neck_dir = n1;
        neck_base = H - neck_dir * neck_len;
    }
    // Head and neck.
    s.add(sphere(H, head_r));
    {
        const glm::vec3 nup = glm::normalize(up - neck_dir * glm::dot(up, neck_dir));
        std::vector<SweepNode> neck = {{H - neck_dir * mm(6.0f), mm(16.0f), mm(13.5f), nup},
                                       {H - neck_dir * mm(28.0f), mm(16.5f), mm(13.0f), nup},
                                       {neck_base + neck_dir * mm(4.0f), mm(23.0f), mm(16.0f), nup}};
        s.add(sweep(neck), mm(8.0f));
    }
    // Shaft with its anterior bow: from inside the trochanteric region to the metaphysis.
    const glm::vec3 top = neck_base - shaft_dir * mm(14.0f);
    const float shaft_len = glm::length(distal - top);
    const glm::vec3 bow = ant * (shaft_len * shaft_len / (8.0f * mm(1100.0f)));
    {
        std::vector<glm::vec3> ctrl = {top, top + (distal - top) * 0.18f + bow * 0.55f, top + (distal - top) * 0.5f + bow,
                                       top + (distal - top) * 0.82f + bow * 0.55f, distal};
        s.add(sweep(tube(ctrl, {mm(17.0f), mm(15.5f), mm(14.0f), mm(15.0f), mm(19.0f)}, {mm(16.0f), mm(14.5f), mm(14.0f), mm(15.5f), mm(18.0f)}, ant,
                         6)),
              mm(10.0f));
        // Linea aspera: a ridge down the back of the middle of the shaft.
        std::vector<glm::vec3> ridge;
        for (float t : {0.22f, 0.4f, 0.6f, 0.78f}) {
            const glm::vec3 c = top + (distal - top) * t + bow * (1.0f - 4.0f * (t - 0.5f) * (t - 0.5f));
            ridge.push_back(c + post * mm(12.0f));
        }
        s.add(sweep(tube(ridge, {mm(3.0f), mm(4.0f), mm(4.0f), mm(3.0f)}, 4)), mm(5.0f));
    }
    // Greater trochanter: a big knob lateral to the neck, its lateral face at the landmark, its tip
    // curving up and back over the trochanteric fossa.
    {
        const glm::vec3 c = GT + med * mm(11.0f) + down * mm(6.0f) + post * mm(2.0f);
        s.add(ellipsoid(Frame::from_up_forward(c, glm::normalize(up + med * 0.15f), ant), glm::vec3(mm(12.0f), mm(22.0f), mm(17.0f))), mm(8.0f));
        const glm::vec3 tip = GT + med * mm(9.0f) + up * mm(11.0f) + post * mm(6.0f);
        s.add(ellipsoid(Frame::from_up_forward(tip, glm::normalize(up + med * 0.4f + post * 0.2f), ant), glm::vec3(mm(8.0f), mm(10.0f), mm(10.0f))),
              mm(7.0f));
        // Trochanteric fossa on the medial side of the tip.
        s.cut(sphere(tip + med * mm(12.0f) + post * mm(5.0f) + down * mm(2.0f), mm(6.5f)), mm(3.0f));
        // Intertrochanteric crest behind, from the trochanter's tip to the lesser trochanter.
        s.add(sweep(tube({tip + post * mm(4.0f), GT + med * mm(14.0f) + post * mm(14.0f) + down * mm(20.0f), LT + lat * mm(4.0f) + up * mm(4.0f)},
                         {mm(5.0f), mm(5.5f), mm(5.0f)}, 5)),
              mm(6.0f));
    }
    // Lesser trochanter: a cone pointing back and in, its tip at the landmark.
    {
        const float t = glm::dot(LT - top, shaft_dir);
        const glm::vec3 axis_pt = top + shaft_dir * t;
        const glm::vec3 dir = glm::normalize(LT - axis_pt);
        s.add(cone(axis_pt + dir * mm(6.0f), LT - dir * mm(5.0f), mm(10.0f), mm(5.5f)), mm(5.0f));
    }
    // Condyles: two rounded wheels below and behind the metaphysis, bottoms on the joint line.
    const glm::vec3 mc = K + med * mm(22.0f) + up * mm(21.0f) + post * mm(8.0f);
    const glm::vec3 lc = K + lat * mm(21.0f) + up * mm(21.0f) + post * mm(7.0f);
    s.add(ellipsoid(Frame::from_up_forward(mc, up, glm::normalize(ant + lat * 0.12f)), glm::vec3(mm(14.5f), mm(22.0f), mm(29.0f))), mm(6.0f));
    s.add(ellipsoid(Frame::from_up_forward(lc, up, glm::normalize(ant + med * 0.05f)), glm::vec3(mm(15.0f), mm(22.0f), mm(28.0f))), mm(6.0f));
    // Metaphysis block joining shaft and condyles, and the epicondyles on each side.
    s.add(round_box(Frame::from_up_forward(K + up * mm(40.0f) + post * mm(2.0f), up, ant), glm::vec3(mm(36.0f), mm(22.0f), mm(22.0f)), mm(14.0f)),
          mm(12.0f));
    s.add(ellipsoid(Frame::from_up_forward(ME + lat * mm(7.0f), up, ant), glm::vec3(mm(8.5f), mm(13.0f), mm(13.0f))), mm(6.0f));
    s.add(ellipsoid(Frame::from_up_forward(LE + med * mm(7.0f), up, ant), glm::vec3(mm(8.0f), mm(11.0f), mm(12.0f))), mm(6.0f));
    // Patellar groove in front and the intercondylar notch behind and below.
    s.cut(capsule(K + up * mm(58.0f) + ant * mm(34.0f), K + up * mm(18.0f) + ant * mm(26.0f), mm(9.0f)), mm(6.0f));
    s.cut(capsule(K + up * mm(10.0f) + post * mm(40.0f), K + down * mm(2.0f) + ant * mm(4.0f), mm(9.5f)), mm(3.0f));
    // Fovea on the head.
    s.cut(sphere(H + glm::normalize(med * 0.6f + down * 0.6f + post * 0.3f) * (head_r + mm(1.0f)), mm(4.0f)), mm(1.5f));

    // Articular cartilage: the head, and the condyles' lower, back and front (patellar) faces.
    part.cartilage.add(sphere(H, head_r + mm(1.0f)));
    part.cartilage.clip(plane(H - neck_dir * mm(9.0f), -neck_dir), mm(2.0f));
    Shape knee;
    knee.add(ellipsoid(Frame::from_up_forward(mc + lat * mm(2.0f), up, ant), glm::vec3(mm(12.5f), mm(23.0f), mm(30.0f))));
    knee.add(ellipsoid(Frame::from_up_forward(lc + med * mm(2.0f), up, ant), glm::vec3(mm(12.5f), mm(23.0f), mm(29.0f))));
    knee.add(capsule(K + up * mm(55.0f) + ant * mm(27.0f), K + up * mm(18.0f) + ant * mm(24.0f), mm(17.0f)), mm(4.0f));
    knee.clip(plane(K + up * mm(32.0f), up), mm(3.0f));
    part.cartilage.add(knee);
    out.push_back(std::move(part));
}

// [SECTION] Patella

void build_patella(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 K = rig.joint(side.n("knee"));
    Part part;
    part.name = side.n("patella");
    part.joint = side.n("knee");
    part.step_m = 0.0009f;
    part.budget = 240;
    // In front of the femoral groove at rest: a rounded triangle, apex down, flat articular back.
    const glm::vec3 c = K + up * mm(42.0f) + ant * mm(29.0f);
    Shape body;
    body.add(ellipsoid(Frame::from_up_forward(c, up, ant), glm::vec3(mm(22.5f), mm(19.0f), mm(11.0f))));
    body.add(cone(c, c + down * mm(20.0f) + ant * mm(2.0f), mm(15.0f), mm(5.0f)), mm(6.0f));
    body.clip(plane(c - ant * mm(7.5f), -ant), mm(3.0f));
    part.shape.add(body);
    part.cartilage.add(plane(c - ant * mm(5.5f), ant));
    out.push_back(std::move(part));
}

// [SECTION] Tibia and fibula

void build_leg(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto L = [&](const char* n) { return rig.landmark(side.n(n)); };
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 lat{side.lat, 0.0f, 0.0f}, med = -lat;
    const glm::vec3 K = rig.joint(side.n("knee")), A = rig.joint(side.n("ankle"));
    const glm::vec3 TT = L("tibial_tuberosity"), MM = L("medial_malleolus"), FH = L("fibular_head"), LM = L("lateral_malleolus");
    {
        Part part;
        part.name = side.n("tibia");
        part.joint = side.n("knee");
        part.step_m = 0.0018f;
        part.budget = 1250;
        Shape& s = part.shape;
        // Plateau: wide, deeper medially, sloping back about 7 deg.
        const glm::vec3 top = K + down * mm(3.0f) + post * mm(3.0f);
        const glm::vec3 slope_n = glm::normalize(up + post * 0.12f);
        Shape plateau;
        // The metaphysis narrows over about 8 cm from the plateau to the shaft.
        plateau.add(sweep({{top + down * mm(85.0f) + med * mm(2.0f) + ant * mm(2.0f), mm(17.0f), mm(15.0f), lat},
                           {top + down * mm(45.0f) + med * mm(1.0f) + ant * mm(6.0f), mm(27.0f), mm(22.0f), lat},
                           {top + down * mm(14.0f) + ant * mm(2.0f), mm(39.0f), mm(26.0f), lat},
                           {top + up * mm(4.0f), mm(39.0f), mm(25.0f), lat}}));
        plateau.clip(plane(top, slope_n), mm(2.0f));
        for (float sgn : {-1.0f, 1.0f})  // shallow bowls for the condyles
            plateau.cut(sphere(top + lat * (sgn * mm(20.0f)) + up * mm(34.0f), mm(35.5f)), mm(2.0f));
        s.add(plateau);
        for (float sgn : {-1.0f, 1.0f})  // intercondylar eminence
            s.add(cone(top + down * mm(4.0f) + lat * (sgn * mm(5.0f)), top + up * mm(2.5f) + lat * (sgn * mm(4.5f)), mm(5.0f), mm(2.8f)), mm(3.0f));
        // Tuberosity in front, its surface at the landmark.
        s.add(ellipsoid(Frame::from_up_forward(TT + post * mm(9.0f), up, ant), glm::vec3(mm(12.0f), mm(18.0f), mm(9.5f))), mm(8.0f));
        // Shaft: from below the plateau to the distal end, its front a little pointed.
        const glm::vec3 s0 = K + down * mm(40.0f) + post * mm(2.0f), s1 = A + up * mm(32.0f) + med * mm(3.0f);
        s.add(sweep(tube({s0, glm::mix(s0, s1, 0.35f), glm::mix(s0, s1, 0.7f), s1}, {mm(14.0f), mm(11.0f), mm(9.5f), mm(13.5f)},
                         {mm(16.0f), mm(13.0f), mm(11.0f), mm(15.0f)}, ant, 6)),
              mm(12.0f));

        // Distal end above the talus, and the medial malleolus reaching down past it.
        Shape distal;
        distal.add(round_box(Frame::from_up_forward(A + up * mm(24.0f) + med * mm(3.0f) + ant * mm(1.0f), up, glm::normalize(ant + lat * 0.25f)),
                             glm::vec3(mm(21.0f), mm(18.0f), mm(17.0f)), mm(8.0f)));
        distal.clip(plane(A + up * mm(9.0f), down), mm(2.0f));
        s.add(distal, mm(12.0f));
        s.add(capsule(MM + lat * mm(7.0f) + up * mm(16.0f), MM + lat * mm(6.5f) + down * mm(8.0f) + post * mm(2.0f), mm(7.0f)), mm(5.0f));
        part.cartilage.add(plateau);
        part.cartilage.clip(plane(top + down * mm(3.0f), down));
        part.cartilage.add(plane(A + up * mm(9.8f), up));
        part.cartilage.clip(sphere(A + up * mm(10.0f), mm(18.0f)));
        out.push_back(std::move(part));
    }
    {
        Part part;
        part.name = side.n("fibula");
        part.joint = side.n("knee");
        part.step_m = 0.0012f;
        part.budget = 440;
        Shape& s = part.shape;
        const glm::vec3 head = FH + med * mm(7.0f) + ant * mm(4.0f) + up * mm(1.0f);
        s.add(ellipsoid(Frame::from_up_forward(head, up, ant), glm::vec3(mm(10.0f), mm(12.0f), mm(10.5f))));
        s.add(cone(head + post * mm(2.0f), head + up * mm(13.0f) + post * mm(4.0f) + lat * mm(1.0f), mm(6.0f), mm(2.5f)), mm(3.0f));  // apex
        const glm::vec3 mall = LM + med * mm(7.0f) + up * mm(2.0f);
        s.add(sweep(tube({head + down * mm(10.0f), glm::mix(head, mall, 0.35f) + med * mm(2.0f), glm::mix(head, mall, 0.75f) + med * mm(1.0f),
                          mall + up * mm(22.0f)},
                         {mm(7.0f), mm(6.5f), mm(5.5f), mm(7.0f)}, {mm(6.5f), mm(5.5f), mm(5.0f), mm(6.5f)}, ant, 6)),
              mm(6.0f));
        s.add(ellipsoid(Frame::from_up_forward(mall, up, ant), glm::vec3(mm(7.5f), mm(17.0f), mm(10.5f))), mm(6.0f));
        part.cartilage.add(plane(mall + med * mm(4.5f), -lat));
        part.cartilage.clip(sphere(mall + down * mm(4.0f), mm(12.0f)));
        out.push_back(std::move(part));
    }
}

// [SECTION] Foot

struct FootFrame {
    glm::vec3 A;  // ankle centre
    glm::vec3 med, lat;
    float k;
    // A point given as (medial, up, forward) mm from the ankle centre.
    glm::vec3 at(float m, float u, float f) const { return A + med * (m * 1e-3f * k) + glm::vec3(0.0f, u * 1e-3f * k, f * 1e-3f * k); }
};

void add_part(std::vector<Part>& out, const std::string& name, const std::string& joint, float step, int budget, Shape shape) {
    Part p;
    p.name = name;
    p.joint = joint;
    p.step_m = step;
    p.budget = budget;
    p.shape = std::move(shape);
    out.push_back(std::move(p));
}

void build_foot(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto L = [&](const char* n) { return rig.landmark(side.n(n)); };
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 lat{side.lat, 0.0f, 0.0f}, med = -lat;
    FootFrame f{rig.joint(side.n("ankle")), med, lat, rig.k()};
    const std::string ankle = side.n("ankle"), mtp = side.n("mtp");
    const glm::vec3 heel = L("heel"), mt1 = L("first_metatarsal_head"), mt5 = L("fifth_metatarsal_head"), toe_tip = L("toe_tip");
    auto frame = [&](const glm::vec3& c, const glm::vec3& fwd) { return Frame::from_up_forward(c, up, fwd); };
    // Talus: the trochlea under the tibia, the neck and head running forward and in.
    {
        Shape s;
        s.add(ellipsoid(frame(f.at(1, -12, -2), ant), glm::vec3(mm(15.0f), mm(17.0f), mm(19.0f))));
        s.add(capsule(f.at(-13, -11, -2), f.at(14, -11, -2), mm(19.0f)), mm(3.0f));
        s.clip(plane(f.A + up * mm(8.0f), up), mm(3.0f));
        s.add(capsule(f.at(3, -14, 8), f.at(8, -18, 26), mm(10.5f)), mm(5.0f));
        s.add(sphere(f.at(9, -19, 31), mm(12.0f)), mm(4.0f));
        Part p;
        p.name = side.n("talus");
        p.joint = ankle;
        p.step_m = 0.0011f;
        p.budget = 280;
        p.shape = std::move(s);
        p.cartilage.add(plane(f.A + up * mm(2.0f), down));
        p.cartilage.clip(sphere(f.at(0, -6, -2), mm(22.0f)));
        out.push_back(std::move(p));
    }
    // Calcaneus: the heel's tuber (its back at the heel landmark, its bottom about 7 mm above the
    // floor), the body under the talus, the sustentaculum, the front under the cuboid.
    {
        Shape s;
        const glm::vec3 tuber{f.A.x, std::max(heel.y - mm(4.0f), mm(7.0f) + mm(17.0f)), heel.z + mm(14.0f)};
        const glm::vec3 front = f.at(-8, -39, 30);
        s.add(sweep(tube({tuber, glm::mix(tuber, front, 0.45f) + up * mm(9.0f), front}, {mm(17.0f), mm(15.0f), mm(11.0f)},
                         {mm(14.0f), mm(14.0f), mm(12.0f)}, up, 6)));
        s.add(ellipsoid(frame(tuber + down * mm(12.0f) + ant * mm(4.0f), ant), glm::vec3(mm(13.0f), mm(6.0f), mm(10.0f))),
              mm(5.0f));                                                                                     // plantar processes
        s.add(ellipsoid(frame(f.at(16, -28, 6), ant), glm::vec3(mm(8.0f), mm(5.0f), mm(11.0f))), mm(5.0f));  // sustentaculum
        s.cut(sphere(f.at(0, -8, -6), mm(21.0f)), mm(2.0f));                                                 // room for the talus
        add_part(out, side.n("calcaneus"), ankle, 0.0012f, 400, std::move(s));
    }
    // Navicular, cuboid and cuneiforms.
    {
        Shape s;
        s.add(ellipsoid(frame(f.at(13, -25, 46), glm::normalize(ant + med * 0.3f)), glm::vec3(mm(15.0f), mm(11.0f), mm(7.5f))));
        s.add(sphere(f.at(26, -30, 45), mm(6.0f)), mm(4.0f));  // tuberosity
        s.cut(sphere(f.at(9, -19, 31), mm(12.5f)), mm(1.5f));  // socket for the talar head
        add_part(out, side.n("navicular"), ankle, 0.0008f, 120, std::move(s));
    }
    {
        Shape s;
        s.add(round_box(frame(f.at(-17, -44, 52), glm::normalize(ant + lat * 0.2f)), glm::vec3(mm(10.5f), mm(10.0f), mm(12.5f)), mm(4.0f)));
        add_part(out, side.n("cuboid"), ankle, 0.0008f, 110, std::move(s));
    }
    const float cune[3][6] = {// medial offset, up, forward, half width, half height, half length (mm)
                              {21, -34, 68, 8, 13, 11},
                              {7, -25, 64, 6, 9, 8},
                              {-5, -29, 67, 6.5f, 10, 9.5f}};
    const char* cune_names[3] = {"cuneiform_medial", "cuneiform_intermediate", "cuneiform_lateral"};
    for (int i = 0; i < 3; ++i) {
        Shape s;
        s.add(round_box(frame(f.at(cune[i][0], cune[i][1], cune[i][2]), ant), glm::vec3(mm(cune[i][3]), mm(cune[i][4]), mm(cune[i][5])), mm(3.0f)));
        add_part(out, side.n(cune_names[i]), ankle, 0.0008f, 90, std::move(s));
    }
    // Metatarsals: bases against the cuneiforms and cuboid, heads on a curve (MT2 longest) with the
    // first and fifth heads at the rig's landmarks.
    struct Mt {
        glm::vec3 base, head;
        float r_shaft, r_head;
    };
    Mt mts[5];
    mts[0] = {f.at(21, -35, 82), mt1 + lat * mm(10.0f) + up * mm(2.0f), mm(6.5f), mm(9.5f)};
    mts[4] = {f.at(-30, -46, 64), mt5 + med * mm(7.0f) + up * mm(0.5f), mm(4.0f), mm(6.5f)};
    const float mid_heads[3][3] = {{4, -52, 134}, {-8, -53, 127}, {-19, -52, 116}};
    const float mid_bases[3][3] = {{7, -30, 76}, {-5, -33, 80}, {-17, -40, 68}};
    for (int i = 0; i < 3; ++i)
        mts[i + 1] = {f.at(mid_bases[i][0], mid_bases[i][1], mid_bases[i][2]), f.at(mid_heads[i][0], mid_heads[i][1], mid_heads[i][2]),
                      mm(4.2f - 0.3f * static_cast<float>(i)), mm(7.0f - 0.3f * static_cast<float>(i))};
    for (int i = 0; i < 5; ++i) {
        const Mt& m = mts[i];
        const glm::vec3 dir = glm::normalize(m.head - m.base);
        Shape s;
        s.add(cone(m.base + dir * mm(4.0f), m.head - dir * m.r_head * 0.5f, m.r_shaft * 1.25f, m.r_shaft * 0.9f));
        s.add(ellipsoid(Frame::from_up_forward(m.base + dir * mm(5.0f), up, dir), glm::vec3(m.r_shaft * 1.4f, m.r_shaft * 1.6f, mm(6.0f))), mm(3.0f));
        s.add(ellipsoid(Frame::from_up_forward(m.head, up, dir), glm::vec3(m.r_head * 0.85f, m.r_head, m.r_head)), mm(3.0f));
        if (i == 4) s.add(sphere(m.base + lat * mm(9.0f) + down * mm(3.0f), mm(5.0f)), mm(5.0f));  // tuberosity of the fifth
        add_part(out, side.n("metatarsal_" + std::to_string(i + 1)), ankle, 0.0008f, i == 0 ? 100 : 70, std::move(s));
    }
    // Toes (one mesh each): phalanges forward from each head, the hallux reaching the toe tip.
    const float toe_len[5][3] = {{28, 0, 22}, {26, 12, 9}, {23, 10, 8}, {21, 9, 8}, {18, 7, 7}};
    for (int i = 0; i < 5; ++i) {
        const Mt& m = mts[i];
        glm::vec3 dir = glm::normalize(m.head - m.base);
        dir = glm::normalize(glm::vec3(dir.x, 0.0f, dir.z) + up * 0.12f);  // the proximal phalanx rises a little
        glm::vec3 pos = m.head + dir * (m.r_head + mm(1.5f));
        const float r0 = i == 0 ? mm(7.0f) : mm(4.6f - 0.35f * static_cast<float>(i));
        Shape s;
        if (i == 0) {
            // The hallux: two phalanges ending at the landmark.
            const glm::vec3 tip_centre = toe_tip - glm::normalize(toe_tip - pos) * mm(6.0f);
            const glm::vec3 joint = glm::mix(pos, tip_centre, 0.55f);
            s.add(cone(pos + (joint - pos) * 0.1f, joint, r0, r0 * 0.8f));
            s.add(cone(joint + glm::normalize(tip_centre - joint) * mm(1.5f), tip_centre, r0 * 0.8f, mm(5.5f)), mm(1.5f));
            s.add(ellipsoid(Frame::from_up_forward(tip_centre, up, glm::normalize(tip_centre - joint)), glm::vec3(mm(7.5f), mm(5.5f), mm(6.0f))),
                  mm(2.0f));
        } else {
            float r = r0;
            for (int b = 0; b < 3; ++b) {
                const float len = mm(toe_len[i][b]);
                const glm::vec3 end = pos + dir * len;
                s.add(cone(pos, end, r, r * 0.85f), mm(1.2f));
                s.add(sphere(end, r * 0.9f), mm(1.0f));
                pos = end + dir * mm(0.8f);
                r *= 0.85f;
                // The middle and distal phalanges curl down toward the floor.
                dir = glm::normalize(dir + down * 0.45f);
            }
        }
        Part p;
        p.name = side.n("toe_" + std::to_string(i + 1));
        p.joint = mtp;
        p.step_m = 0.0007f;
        p.budget = i == 0 ? 96 : 64;
        p.shape = std::move(s);
        out.push_back(std::move(p));
    }
}

}  // namespace

void build_lower_limb(const Rig& rig, const Side& side, std::vector<Part>& out) {
    build_femur(rig, side, out);
    build_patella(rig, side, out);
    build_leg(rig, side, out);
    build_foot(rig, side, out);
}

}  // namespace bonegen
