// bonegen/upper_limb.cpp: clavicle, scapula, humerus, ulna, radius and hand, in anatomical
// position (arms hanging, palms forward, thumbs lateral).
//
// Anchors: sternoclavicular, shoulder (glenohumeral centre), elbow and wrist joint centres.
// Sizes from docs/bone-morphometry.md section 6: clavicle about 145-155 mm with its
// S-curve (medial two thirds convex forward, lateral third concave); scapula about 155 mm high,
// glenoid about 36 x 27 mm, acromion about 44 x 25 mm, coracoid about 40 mm, spanning ribs 2-7;
// humeral head about 48 mm high, retroversion 20-30 deg; radial head about 24 mm (male); hand
// about 189 mm (Winter). Finger bone lengths are typical adult values (approximate).
//
// [SECTION] Shoulder girdle
// [SECTION] Humerus
// [SECTION] Forearm
// [SECTION] Hand
#include "bonegen/parts.hpp"

#include <cmath>

namespace bonegen {

namespace {

const glm::vec3 up{0.0f, 1.0f, 0.0f}, down{0.0f, -1.0f, 0.0f}, ant{0.0f, 0.0f, 1.0f}, post{0.0f, 0.0f, -1.0f};

glm::vec3 rotate_about(const glm::vec3& v, const glm::vec3& axis, float angle_rad) { return glm::angleAxis(angle_rad, glm::normalize(axis)) * v; }

struct Arm {
    glm::vec3 sc, gh, elbow, wrist;
    glm::vec3 lat, med;
    glm::vec3 glenoid_out;  // direction the glenoid faces (from the glenoid toward the head)
};

}  // namespace

void build_upper_limb(const Rig& rig, const Side& side, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    Arm a;
    a.sc = rig.joint(side.n("sternoclavicular"));
    a.gh = rig.joint(side.n("shoulder"));
    a.elbow = rig.joint(side.n("elbow"));
    a.wrist = rig.joint(side.n("wrist"));
    a.lat = {side.lat, 0.0f, 0.0f};
    a.med = -a.lat;
    const glm::vec3 lat = a.lat, med = a.med;
    // The glenoid faces lateral and 45 deg forward, tilted 5 deg up: the scapula's plane must
    // reach back around the ribs from a shoulder centre in front of the spine.
    a.glenoid_out = glm::normalize(lat * std::cos(core::deg_to_rad(45.0f)) + ant * std::sin(core::deg_to_rad(45.0f)) + up * 0.08f);
    const float head_r = mm(23.0f);

    // [SECTION] Shoulder girdle

    // Acromioclavicular joint: above and a little behind and medial to the head.
    const glm::vec3 ac = a.gh + up * mm(34.0f) + lat * mm(6.0f) + post * mm(7.0f);
    {
        Part part;
        part.name = side.n("clavicle");
        part.joint = side.n("sternoclavicular");
        part.step_m = 0.0010f;
        part.budget = 240;
        const glm::vec3 m0 = a.sc + lat * mm(4.0f) + up * mm(4.0f);
        const glm::vec3 span = ac - m0;
        const std::vector<glm::vec3> ctrl = {m0, m0 + span * 0.25f + ant * mm(7.0f), m0 + span * 0.55f + ant * mm(9.0f),
                                             m0 + span * 0.8f + ant * mm(2.0f), ac + med * mm(4.0f)};
        part.shape.add(
            sweep(tube(ctrl, {mm(9.5f), mm(6.5f), mm(5.5f), mm(7.0f), mm(10.0f)}, {mm(9.0f), mm(6.0f), mm(5.5f), mm(5.0f), mm(4.5f)}, ant, 5)));
        out.push_back(std::move(part));
    }
    {
        Part part;
        part.name = side.n("scapula");
        part.joint = side.n("sternoclavicular");
        part.step_m = 0.0013f;
        part.budget = 760;
        Shape& s = part.shape;
        const glm::vec3 g = a.glenoid_out;
        const glm::vec3 gc = a.gh - g * (head_r + mm(2.5f));              // glenoid centre
        const glm::vec3 m = glm::normalize(glm::vec3(-g.x, 0.0f, -g.z));  // medial, in the scapular plane
        glm::vec3 n = glm::normalize(glm::cross(m, up));
        if (glm::dot(n, ant) < 0.0f) n = -n;  // toward the ribs
        Frame pf;
        pf.origin = gc;
        pf.axes = glm::mat3(up, m, n);  // slab x = up, y = medial, z = toward the ribs
        SlabShape blade;
        blade.c1 = -0.30f;          // leaves the glenoid running back...
        blade.c2 = 2.2f / rig.k();  // ...and curves around the ribs (concave costal surface)
        blade.t0 = mm(1.9f);
        blade.t_min = mm(1.9f);
        auto on_blade = [&](float u_mm, float m_mm, float off = 0.0f) { return slab_point(pf, blade, mm(u_mm), mm(m_mm), off); };
        // Outline (up, medial) in mm: glenoid neck, superior border, superior angle, medial border,
        // inferior angle, lateral border.
        const float outline_mm[][2] = {{12, 8},    {22, 30},   {30, 62},   {36, 95},  {20, 104}, {-20, 100}, {-60, 96},
                                       {-100, 90}, {-118, 82}, {-110, 66}, {-70, 38}, {-30, 16}, {-14, 8}};
        std::vector<glm::vec2> outline;
        for (const auto& q : outline_mm) outline.emplace_back(mm(q[0]), mm(q[1]));
        Shape body;
        body.add(slab(pf, blade));
        body.clip(prism(pf, outline, mm(80.0f), 0.0f), mm(2.0f));
        s.add(body);
        // Thick lateral border, thinner medial border.
        s.add(sweep(tube({on_blade(-14, 10), on_blade(-60, 40), on_blade(-112, 76)}, {mm(5.0f), mm(4.0f), mm(5.0f)}, {mm(4.5f), mm(3.5f), mm(3.5f)},
                         n, 4)),
              mm(3.0f));
        s.add(sweep(tube({on_blade(34, 98), on_blade(-40, 99), on_blade(-112, 86)}, {mm(2.8f)}, 4)), mm(2.5f));
        // Glenoid: a pear-shaped rim around a shallow cup facing the head.
        const glm::vec3 gu = glm::normalize(up - g * glm::dot(up, g));
        s.add(ellipsoid(Frame::from_up_forward(gc - g * mm(5.0f), gu, g), glm::vec3(mm(13.0f), mm(19.0f), mm(8.0f))), mm(4.0f));
        s.add(sweep({{gc - g * mm(8.0f), mm(12.0f), mm(9.0f), gu}, {on_blade(0, 18), mm(9.0f), mm(5.0f), gu}}), mm(4.0f));  // neck
        s.cut(sphere(a.gh, head_r + mm(2.0f)), mm(1.0f));
        // Spine of the scapula: from the medial border up and out to the acromion.
        const glm::vec3 spine_root = on_blade(42, 96, -mm(3.0f));
        const glm::vec3 spine_lat = on_blade(52, 30, -mm(10.0f));
        const glm::vec3 acromion = ac + lat * mm(7.0f) + post * mm(5.0f) + down * mm(1.0f);
        s.add(sweep(tube({spine_root, glm::mix(spine_root, spine_lat, 0.5f) - n * mm(6.0f), spine_lat, acromion + med * mm(10.0f) + post * mm(6.0f)},
                         {mm(2.5f), mm(6.5f), mm(8.0f), mm(6.0f)}, {mm(3.0f), mm(3.0f), mm(3.5f), mm(4.0f)}, n, 5)),
              mm(4.0f));
        // Acromion: a flat plate over the head.
        s.add(round_box(Frame::from_up_forward(acromion, up, glm::normalize(ant + lat * 0.3f)), glm::vec3(mm(11.0f), mm(3.8f), mm(19.0f)), mm(3.5f)),
              mm(4.0f));
        // Coracoid: up from the top of the glenoid neck, then forward and out.
        const glm::vec3 cor0 = gc + gu * mm(16.0f) + m * mm(10.0f);
        const glm::vec3 cor1 = cor0 + up * mm(12.0f) + ant * mm(4.0f);
        const glm::vec3 cor2 = cor1 + ant * mm(22.0f) + lat * mm(8.0f) - up * mm(4.0f);
        s.add(sweep(tube({cor0, cor1, cor2}, {mm(6.0f), mm(5.5f), mm(4.5f)}, {mm(5.0f), mm(4.5f), mm(4.0f)}, up, 5)), mm(3.0f));
        part.cartilage.add(sphere(a.gh, head_r + mm(3.0f)));
        part.cartilage.clip(ellipsoid(Frame::from_up_forward(gc, gu, g), glm::vec3(mm(14.0f), mm(20.0f), mm(9.0f))));
        out.push_back(std::move(part));
    }

    // [SECTION] Humerus

    const glm::vec3 fore = glm::normalize(a.wrist - a.elbow);
    {
        Part part;
        part.name = side.n("humerus");
        part.joint = side.n("shoulder");
        part.step_m = 0.0016f;
        part.budget = 820;
        Shape& s = part.shape;
        const glm::vec3 E = a.elbow;
        // Head: faces in, up and back (retroversion about 30 deg, neck-shaft angle about 135 deg).
        const glm::vec3 face = glm::normalize(med * std::cos(core::deg_to_rad(30.0f)) + post * std::sin(core::deg_to_rad(30.0f)) + up * 0.85f);
        Shape head;
        head.add(sphere(a.gh, head_r));
        head.clip(plane(a.gh - face * mm(9.0f), face), mm(4.0f));
        s.add(head);
        const glm::vec3 neck = a.gh + lat * mm(7.0f) + down * mm(30.0f);
        const glm::vec3 distal = E + up * mm(38.0f) + post * mm(2.0f);
        s.add(sweep(tube({a.gh - face * mm(6.0f) + lat * mm(6.0f), neck, glm::mix(neck, distal, 0.45f) + lat * mm(2.0f), distal},
                         {mm(19.0f), mm(12.0f), mm(10.5f), mm(11.0f)}, {mm(18.0f), mm(11.5f), mm(10.0f), mm(8.5f)}, ant, 5)),
              mm(8.0f));
        // Greater and lesser tubercles with the intertubercular groove between them.
        s.add(ellipsoid(Frame::from_up_forward(a.gh + lat * mm(17.0f) + ant * mm(3.0f) + down * mm(4.0f), up, ant),
                        glm::vec3(mm(9.0f), mm(16.0f), mm(12.0f))),
              mm(5.0f));
        s.add(ellipsoid(Frame::from_up_forward(a.gh + ant * mm(16.0f) + lat * mm(3.0f) + down * mm(10.0f), up, ant),
                        glm::vec3(mm(6.0f), mm(9.0f), mm(6.0f))),
              mm(4.0f));
        s.cut(
            capsule(a.gh + lat * mm(10.0f) + ant * mm(20.0f) + down * mm(2.0f), a.gh + lat * mm(9.0f) + ant * mm(16.0f) + down * mm(45.0f), mm(3.0f)),
            mm(2.0f));
        // Deltoid tuberosity.
        s.add(ellipsoid(Frame::from_up_forward(glm::mix(neck, distal, 0.42f) + lat * mm(9.0f) + ant * mm(2.0f), up, ant),
                        glm::vec3(mm(4.0f), mm(14.0f), mm(5.0f))),
              mm(5.0f));
        // Distal end: flattened front to back, flaring to the epicondyles.
        s.add(round_box(Frame::from_up_forward(E + up * mm(20.0f) + post * mm(2.0f), up, ant), glm::vec3(mm(26.0f), mm(14.0f), mm(8.0f)), mm(7.0f)),
              mm(10.0f));
        const glm::vec3 capitulum = E + lat * mm(12.0f) + ant * mm(5.0f);
        s.add(sphere(capitulum, mm(10.0f)), mm(3.0f));
        Shape trochlea;
        trochlea.add(capsule(E + med * mm(1.0f), E + med * mm(21.0f), mm(11.0f)));
        trochlea.cut(torus(Frame::from_up_forward(E + med * mm(11.0f), med, ant), mm(12.5f), mm(3.5f)), mm(2.0f));  // its groove
        s.add(trochlea, mm(2.5f));
        s.add(sphere(E + med * mm(30.0f) + up * mm(6.0f) + post * mm(2.0f), mm(7.5f)), mm(5.0f));   // medial epicondyle
        s.add(sphere(E + lat * mm(25.0f) + up * mm(8.0f), mm(5.0f)), mm(5.0f));                     // lateral epicondyle
        s.cut(sphere(E + up * mm(22.0f) + post * mm(15.0f) + med * mm(4.0f), mm(9.5f)), mm(3.0f));  // olecranon fossa
        s.cut(sphere(E + up * mm(16.0f) + ant * mm(13.0f) + med * mm(6.0f), mm(5.5f)), mm(2.0f));   // coronoid fossa
        part.cartilage.add(head);
        part.cartilage.clip(plane(a.gh - face * mm(7.0f), -face));
        // Capitulum and trochlea: their lower and front faces.
        Shape elbow;
        elbow.add(sphere(capitulum, mm(10.8f)));
        elbow.add(capsule(E + med * mm(1.0f), E + med * mm(21.0f), mm(11.8f)));
        elbow.clip(plane(E + up * mm(3.0f), up), mm(2.0f));
        elbow.clip(plane(E + post * mm(2.0f), post), mm(2.0f));
        part.cartilage.add(elbow);
        out.push_back(std::move(part));
    }

    // [SECTION] Forearm

    // The forearm's own side directions: lateral (radius, thumb side) perpendicular to it.
    const glm::vec3 flat = glm::normalize(lat - fore * glm::dot(lat, fore));
    const glm::vec3 fmed = -flat;
    const glm::vec3 E = a.elbow, W = a.wrist;
    const float forearm = glm::length(W - E);
    {
        Part part;
        part.name = side.n("ulna");
        part.joint = side.n("elbow");
        part.step_m = 0.0012f;
        part.budget = 420;
        Shape& s = part.shape;
        const glm::vec3 troch = E + med * mm(11.0f);
        const glm::vec3 olecranon = troch + post * mm(17.0f) + up * mm(8.0f);
        s.add(round_box(Frame::from_up_forward(olecranon - up * mm(8.0f), up, ant), glm::vec3(mm(10.0f), mm(14.0f), mm(9.0f)), mm(6.0f)));
        s.add(ellipsoid(Frame::from_up_forward(troch + ant * mm(9.0f) + down * mm(12.0f), up, ant), glm::vec3(mm(9.0f), mm(6.0f), mm(8.0f))),
              mm(4.0f));  // coronoid
        const glm::vec3 top = troch + down * mm(20.0f) + post * mm(6.0f);
        const glm::vec3 head = W + fmed * mm(13.0f) - fore * mm(9.0f);
        s.add(sweep(tube({top, top + (head - top) * 0.3f + post * mm(1.0f), top + (head - top) * 0.7f, head},
                         {mm(10.5f), mm(7.5f), mm(5.5f), mm(7.5f)}, {mm(9.0f), mm(6.5f), mm(5.0f), mm(7.0f)}, ant, 5)),
              mm(6.0f));
        s.add(cone(head + post * mm(3.0f), head + fore * mm(9.0f) + post * mm(4.0f) + fmed * mm(2.0f), mm(4.0f), mm(2.2f)), mm(2.0f));  // styloid
        // Trochlear notch around the humerus's trochlea and the radial notch beside it.
        s.cut(capsule(troch + med * mm(12.0f), troch + lat * mm(12.0f), mm(12.0f)), mm(1.5f));
        s.cut(sphere(E + lat * mm(12.0f) + down * mm(13.0f) + ant * mm(2.0f), mm(12.0f)), mm(1.5f));
        part.cartilage.add(capsule(troch + med * mm(12.0f), troch + lat * mm(12.0f), mm(13.2f)));
        out.push_back(std::move(part));
        (void)forearm;
    }
    {
        Part part;
        part.name = side.n("radius");
        part.joint = side.n("elbow");
        part.step_m = 0.0012f;
        part.budget = 420;
        Shape& s = part.shape;
        const glm::vec3 capitulum = E + lat * mm(12.0f) + ant * mm(5.0f);
        const glm::vec3 head = capitulum + fore * mm(17.0f);
        Shape disc;
        disc.add(sweep({{head - fore * mm(4.5f), mm(11.5f), mm(11.5f), ant}, {head + fore * mm(4.5f), mm(11.5f), mm(11.5f), ant}}));
        disc.clip(plane(head - fore * mm(4.5f), -fore), mm(1.5f));
        disc.cut(sphere(capitulum, mm(11.0f)), mm(1.0f));  // the cup for the capitulum
        s.add(disc);
        const glm::vec3 neck = head + fore * mm(14.0f);
        const glm::vec3 distal = W + flat * mm(9.0f) - fore * mm(12.0f) + ant * mm(1.0f);
        // Shaft bowing out toward the thumb side.
        s.add(sweep(tube({head + fore * mm(3.0f), neck, glm::mix(neck, distal, 0.45f) + flat * mm(5.0f), distal},
                         {mm(7.0f), mm(6.5f), mm(7.0f), mm(12.0f)}, {mm(7.0f), mm(6.5f), mm(6.0f), mm(9.0f)}, ant, 5)),
              mm(5.0f));
        s.add(ellipsoid(Frame::from_up_forward(neck + fore * mm(8.0f) + fmed * mm(6.0f) + ant * mm(3.0f), -fore, ant),
                        glm::vec3(mm(5.0f), mm(8.0f), mm(5.0f))),
              mm(4.0f));  // tuberosity
        // Broad distal end with the styloid on the thumb side.
        s.add(
            round_box(Frame::from_up_forward(W - fore * mm(8.0f) + flat * mm(5.0f), -fore, ant), glm::vec3(mm(17.0f), mm(8.0f), mm(10.0f)), mm(5.0f)),
            mm(6.0f));
        s.add(cone(W - fore * mm(8.0f) + flat * mm(16.0f), W + fore * mm(5.0f) + flat * mm(21.0f), mm(6.0f), mm(3.0f)), mm(3.0f));
        s.cut(ellipsoid(Frame::from_up_forward(W + fore * mm(6.0f) + flat * mm(3.0f), -fore, ant), glm::vec3(mm(15.0f), mm(6.0f), mm(10.0f))),
              mm(2.0f));  // carpal surface
        part.cartilage.add(sphere(capitulum, mm(12.5f)));
        out.push_back(std::move(part));
    }

    // [SECTION] Hand

    // Hand frame: along the forearm, the thumb side, and the palm's normal (forward).
    const glm::vec3 palm = glm::normalize(ant - fore * glm::dot(ant, fore));
    const glm::vec3 thumb_side = glm::normalize(glm::cross(palm, fore)) * (glm::dot(glm::cross(palm, fore), lat) > 0.0f ? 1.0f : -1.0f);
    auto hand_point = [&](float along_mm, float across_mm, float palm_mm) {
        return W + fore * mm(along_mm) + thumb_side * mm(across_mm) + palm * mm(palm_mm);
    };
    {
        Part part;
        part.name = side.n("carpals");
        part.joint = side.n("wrist");
        part.step_m = 0.0009f;
        part.budget = 300;
        // Two rows of small bones: scaphoid, lunate, triquetrum (pisiform in front of it); trapezium,
        // trapezoid, capitate, hamate.
        const float bones[][6] = {// along, across, palm, radius along, across, palmar (mm)
                                  {4, 11, 0, 6, 7, 6},  {3, 0, -1, 6, 6, 7},       {5, -10, -1, 5, 5.5f, 6}, {8, -12, 6, 3.5f, 3.5f, 3.5f},
                                  {17, 15, 3, 6, 6, 6}, {18, 6, 0, 5.5f, 4.5f, 6}, {17, -2, 0, 9, 5.5f, 7},  {17, -12, 0, 7.5f, 6, 7}};
        for (const auto& b : bones)
            part.shape.add(ellipsoid(Frame::from_up_forward(hand_point(b[0], b[1], b[2]), fore, palm), glm::vec3(mm(b[4]), mm(b[3]), mm(b[5]))),
                           mm(1.5f));
        part.shape.add(ellipsoid(Frame::from_up_forward(hand_point(19, -13, 7), fore, palm), glm::vec3(mm(3.5f), mm(4.0f), mm(3.0f))),
                       mm(1.5f));  // hook of hamate
        out.push_back(std::move(part));
    }
    // Metacarpals and phalanges: (base across, base palm, spread deg, lengths of MC and phalanges).
    struct Ray {
        float across, palm_off, spread_deg, flex_deg;
        float lengths[4];
        float radius;
    };
    const Ray rays[5] = {
        {16.0f, 9.0f, 38.0f, 30.0f, {46.0f, 32.0f, 25.0f, 0.0f}, 4.6f},  // thumb: metacarpal, proximal, distal
        {9.0f, 0.0f, 4.0f, 6.0f, {68.0f, 42.0f, 24.0f, 18.0f}, 4.2f},   {0.0f, 0.0f, 0.0f, 6.0f, {65.0f, 46.0f, 29.0f, 20.0f}, 4.3f},
        {-9.0f, 0.0f, -4.0f, 6.0f, {58.0f, 43.0f, 27.0f, 19.0f}, 3.9f}, {-17.0f, 1.0f, -9.0f, 7.0f, {54.0f, 33.0f, 19.0f, 17.0f}, 3.7f},
    };
    const char* phalanx_names[3] = {"proximal", "middle", "distal"};
    for (int r = 0; r < 5; ++r) {
        const Ray& ray = rays[r];
        const bool thumb = r == 0;
        glm::vec3 dir =
            rotate_about(fore, palm, core::deg_to_rad(ray.spread_deg) * (glm::dot(glm::cross(palm, fore), thumb_side) > 0.0f ? 1.0f : -1.0f));
        glm::vec3 bend_axis = glm::normalize(glm::cross(dir, palm));
        if (thumb) {
            // The thumb stands off the palm and is turned so its nail faces out to the side.
            dir = glm::normalize(dir + palm * 0.45f);
            bend_axis = glm::normalize(glm::cross(dir, thumb_side));
        }
        glm::vec3 pos = hand_point(thumb ? 20.0f : 25.0f, ray.across, ray.palm_off);
        const int bones = thumb ? 3 : 4;
        for (int b = 0; b < bones; ++b) {
            const float len = mm(ray.lengths[b]) * (b == 0 ? 1.0f : 0.95f);
            if (b > 0) {
                // Each joint flexes a little toward the palm.
                glm::vec3 next = rotate_about(dir, bend_axis, core::deg_to_rad(ray.flex_deg));
                if (glm::dot(next, palm) < glm::dot(dir, palm)) next = rotate_about(dir, bend_axis, -core::deg_to_rad(ray.flex_deg));
                dir = next;
            }
            const glm::vec3 end = pos + dir * len;
            const float rb = mm(ray.radius) * (b == 0 ? 1.0f : (b == 1 ? 0.95f : (b == 2 ? 0.8f : 0.7f)));
            Part part;
            part.joint = side.n("wrist");
            part.step_m = 0.0008f;
            if (b == 0) {
                part.name = side.n("metacarpal_" + std::to_string(r + 1));
                part.budget = 60;
            } else {
                const int kind = thumb ? (b == 1 ? 0 : 2) : b - 1;
                part.name = side.n("finger_" + std::to_string(r + 1) + "_" + phalanx_names[kind]);
                part.budget = kind == 2 ? 32 : 38;
            }
            const bool last = b == bones - 1;
            part.shape.add(cone(pos + dir * (rb * 0.9f), end - dir * (rb * (last ? 0.6f : 0.9f)), rb * 1.05f, rb * (last ? 0.55f : 0.85f)));
            part.shape.add(ellipsoid(Frame::from_up_forward(pos + dir * (rb * 1.0f), dir, palm), glm::vec3(rb * 1.3f, rb * 1.0f, rb * 1.15f)),
                           mm(1.5f));  // base
            if (!last)
                part.shape.add(ellipsoid(Frame::from_up_forward(end - dir * (rb * 0.9f), dir, palm), glm::vec3(rb * 1.25f, rb * 1.0f, rb * 1.1f)),
                               mm(1.5f));  // head
            else
                part.shape.add(ellipsoid(Frame::from_up_forward(end - dir * (rb * 0.8f), dir, palm), glm::vec3(rb * 1.1f, rb * 0.9f, rb * 0.7f)),
                               mm(1.0f));  // tuft
            out.push_back(std::move(part));
            pos = end + dir * mm(1.2f);
        }
    }
}

}  // namespace bonegen
