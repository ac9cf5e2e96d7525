// bonegen/skin.cpp: a translucent body silhouette around the skeleton at rest.
//
// One closed surface: a smooth union of simple segment shapes placed on the rig's joints. Soft
// tissue is about 2-3 cm over bony prominences (skin over ASIS about 10 mm and over PSIS about
// 20 mm, Mantovani 2016 in bone-morphometry 1, plus the silhouette's smoothing), fuller over the
// thighs, buttocks and trunk. Segment breadths follow Drillis & Contini's proportions (shoulder
// width 0.259 H, hip width 0.191 H, foot 0.152 x 0.055 H; anatomy-data 6.1).
#include "bonegen/parts.hpp"

namespace bonegen {

void build_skin(const Rig& rig, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const float H = rig.skeleton().params.stature_m;
    const glm::vec3 up{0.0f, 1.0f, 0.0f}, ant{0.0f, 0.0f, 1.0f};
    const glm::vec3 pelvis = rig.joint("pelvis"), c0 = rig.joint("c0_c1"), c7 = rig.joint("c7_t1"), t12 = rig.joint("t12_l1");
    const glm::vec3 vertex = rig.landmark("vertex");
    Part part;
    part.name = "skin";
    part.joint = "pelvis";
    part.tissue = Tissue::skin;
    part.step_m = 0.010f;
    part.budget = 8000;
    Shape& s = part.shape;
    auto frame = [&](const glm::vec3& c) { return Frame::from_up_forward(c, up, ant); };

    // Trunk: chest, waist, hips and buttocks.
    const float hip_half = 0.191f * H * 0.5f;
    s.add(ellipsoid(frame({0.0f, t12.y + mm(120.0f), t12.z + mm(55.0f)}), {mm(158.0f), mm(190.0f), mm(122.0f)}));
    s.add(ellipsoid(frame({0.0f, t12.y - mm(70.0f), pelvis.z - mm(45.0f)}), {mm(140.0f), mm(150.0f), mm(110.0f)}), mm(60.0f));
    s.add(ellipsoid(frame({0.0f, pelvis.y - mm(20.0f), pelvis.z - mm(60.0f)}), {hip_half + mm(10.0f), mm(135.0f), mm(125.0f)}), mm(60.0f));
    s.add(ellipsoid(frame({0.0f, pelvis.y - mm(75.0f), pelvis.z - mm(120.0f)}), {hip_half - mm(20.0f), mm(95.0f), mm(80.0f)}), mm(40.0f));
    // Neck and head.
    s.add(cone(c7 + ant * mm(10.0f) - up * mm(20.0f), c0 + ant * mm(5.0f) - up * mm(25.0f), mm(68.0f), mm(55.0f)), mm(40.0f));
    const glm::vec3 head{0.0f, vertex.y - mm(76.0f), c0.z + mm(12.0f)};
    s.add(ellipsoid(frame(head), {mm(83.0f), mm(84.0f), mm(107.0f)}), mm(30.0f));
    s.add(ellipsoid(frame({0.0f, c0.y - mm(32.0f), c0.z + mm(70.0f)}), {mm(66.0f), mm(66.0f), mm(66.0f)}), mm(30.0f));  // face and jaw
    s.add(ellipsoid(frame({0.0f, c0.y - mm(4.0f), c0.z + mm(38.0f)}), {mm(79.0f), mm(46.0f), mm(70.0f)}), mm(30.0f));   // cheeks and ears
    // The back: erector spinae and skin over the spinous processes, from the sacrum to the neck.
    {
        std::vector<SweepNode> back;
        for (const char* name : {"L4", "L1", "T10", "T7", "T4", "T1", "C6"}) {
            const anat::Vertebra& v = rig.vertebra(name);
            const glm::vec3 c = (v.inferior_center + v.superior_center) * 0.5f;
            const glm::vec3 a =
                glm::normalize(glm::vec3(0.0f, -(v.inferior_normal + v.superior_normal).z, (v.inferior_normal + v.superior_normal).y));
            const float reach = v.depth_m * 0.5f + v.spinous_m + mm(name[0] == 'T' ? 8.0f : 14.0f);
            back.push_back({c - a * (reach - mm(30.0f)), mm(name[0] == 'C' ? 40.0f : 70.0f), mm(52.0f), ant});
        }
        s.add(sweep(back), mm(40.0f));
    }

    // Hands, feet and shoulder blades: their bones grown by the tissue over them, so the outline
    // follows fingers and toes and nothing pokes through.
    std::vector<Part> limbs;
    for (const Side* side : {&right_side, &left_side}) {
        build_upper_limb(rig, *side, limbs);
        build_lower_limb(rig, *side, limbs);
    }
    for (Part& p : limbs) {
        const std::string& n = p.name;
        const bool hand = n.rfind("carpals", 0) == 0 || n.rfind("metacarpal", 0) == 0 || n.rfind("finger", 0) == 0;
        const bool foot = n.rfind("talus", 0) == 0 || n.rfind("calcaneus", 0) == 0 || n.rfind("navicular", 0) == 0 || n.rfind("cuboid", 0) == 0 ||
                          n.rfind("cuneiform", 0) == 0 || n.rfind("metatarsal", 0) == 0 || n.rfind("toe", 0) == 0;
        const bool blade = n.rfind("scapula", 0) == 0;
        if (!hand && !foot && !blade) continue;
        p.shape.grow(mm(hand ? 7.0f : (foot ? 9.0f : 16.0f)));
        s.add(p.shape, mm(hand ? 6.0f : 14.0f));
    }

    for (const Side* side : {&right_side, &left_side}) {
        const glm::vec3 lat{side->lat, 0.0f, 0.0f};
        const glm::vec3 sc = rig.joint(side->n("sternoclavicular")), gh = rig.joint(side->n("shoulder")), el = rig.joint(side->n("elbow")),
                        wr = rig.joint(side->n("wrist"));
        const glm::vec3 hip = rig.joint(side->n("hip")), knee = rig.joint(side->n("knee")), ankle = rig.joint(side->n("ankle"));
        const glm::vec3 mtp = rig.joint(side->n("mtp")), heel = rig.landmark(side->n("heel"));
        // Shoulder and arm; small blends so the arm stays apart from the trunk.
        s.add(cone(sc + up * mm(15.0f), gh + up * mm(10.0f) + lat * mm(5.0f), mm(45.0f), mm(55.0f)), mm(40.0f));
        s.add(cone(gh + lat * mm(6.0f), el, mm(52.0f), mm(38.0f)), mm(25.0f));
        const glm::vec3 fore = glm::normalize(wr - el);
        s.add(sweep({{el, mm(40.0f), mm(38.0f), ant}, {glm::mix(el, wr, 0.3f), mm(41.0f), mm(35.0f), ant}, {wr, mm(30.0f), mm(22.0f), lat}}),
              mm(15.0f));
        s.add(ellipsoid(Frame::from_up_forward(wr + fore * mm(85.0f), -fore, ant), {mm(44.0f), mm(100.0f), mm(20.0f)}), mm(15.0f));  // hand
        // Leg: thigh, knee, calf, ankle and foot.
        s.add(cone(hip + lat * mm(12.0f) + glm::vec3(0.0f, -mm(40.0f), mm(5.0f)), knee + up * mm(40.0f), mm(95.0f), mm(55.0f)), mm(40.0f));
        s.add(sphere(knee + up * mm(10.0f) + ant * mm(10.0f), mm(55.0f)), mm(25.0f));
        s.add(cone(knee - up * mm(20.0f), ankle + up * mm(50.0f), mm(55.0f), mm(37.0f)), mm(25.0f));
        s.add(ellipsoid(frame(knee - up * mm(130.0f) - ant * mm(15.0f)), {mm(52.0f), mm(95.0f), mm(56.0f)}), mm(30.0f));  // calf
        s.add(sphere(ankle + up * mm(4.0f), mm(40.0f)), mm(20.0f));
        const glm::vec3 toe_end = mtp + ant * mm(70.0f) + lat * mm(8.0f);
        const glm::vec3 heel_back = heel + ant * mm(18.0f);
        s.add(round_box(Frame::from_up_forward((heel_back + toe_end) * 0.5f + up * mm(20.0f), up, glm::normalize(toe_end - heel_back)),
                        {0.055f * H * 0.5f + mm(6.0f), mm(34.0f), glm::length(toe_end - heel_back) * 0.5f + mm(14.0f)}, mm(26.0f)),
              mm(30.0f));
    }
    // Nothing below the floor.
    s.clip(plane(glm::vec3(0.0f, 0.0f, 0.0f), -up), mm(4.0f));
    out.push_back(std::move(part));
}

}  // namespace bonegen
