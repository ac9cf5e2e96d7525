// bonegen/skull.cpp: the cranium with the face, and the mandible.
//
// Anchors: the atlanto-occipital joint (the occipital condyles sit on the atlas) and the vertex
// landmark (top of the vault). Sizes from docs/bone-morphometry.md section 7 (approximate
// male values): cranial length about 185 mm, breadth about 145 mm, basion-bregma height about
// 132 mm; bizygomatic breadth about 130 mm; face (nasion to gnathion) about 120 mm; mandible
// bigonial about 95-100 mm, bicondylar about 120 mm, ramus about 60 mm high. The chin sits at
// about 0.870 of stature (Drillis & Contini, anatomy-data 6.1). The foramen magnum lies near the
// middle of the skull base, a little behind it.
//
// [SECTION] Cranium
// [SECTION] Mandible
#include "bonegen/parts.hpp"

#include <cmath>

namespace bonegen {

namespace {

const glm::vec3 up{0.0f, 1.0f, 0.0f}, ant{0.0f, 0.0f, 1.0f}, x_axis{1.0f, 0.0f, 0.0f};

// A dental arch: n teeth per side along a U from the incisors back to the molars.
void add_teeth(Shape& s, const Rig& rig, const glm::vec3& front, float half_width, float depth, float crown_up, bool upper) {
    auto mm = [&](float v) { return rig.mm(v); };
    const float widths[8] = {4.2f, 3.4f, 4.0f, 3.6f, 3.6f, 5.0f, 5.0f, 4.6f};  // half mesiodistal widths, incisor to third molar
    float arc = 0.0f;
    for (int i = 0; i < 8; ++i) {
        arc += widths[i];
        const float t = std::min(arc / 46.0f, 1.0f);
        for (float sgn : {-1.0f, 1.0f}) {
            // Parabolic arch: wide at the back, round at the front.
            const float across = half_width * std::sin(t * core::pi * 0.5f);
            const float back = depth * (1.0f - std::cos(t * core::pi * 0.5f)) * 1.15f;
            const glm::vec3 c = front + x_axis * (sgn * across) - ant * back;
            const glm::vec3 along =
                glm::normalize(x_axis * (sgn * std::cos(t * core::pi * 0.5f) * half_width) - ant * (depth * std::sin(t * core::pi * 0.5f)));
            const float h = i < 3 ? 5.0f : 4.2f;
            s.add(ellipsoid(Frame::from_up_forward(c + up * (upper ? -crown_up : crown_up), up, glm::cross(up, along)),
                            glm::vec3(mm(widths[i] * 1.0f), mm(h), mm(i < 3 ? 3.2f : 4.8f))),
                  mm(1.4f));
        }
        arc += widths[i];
    }
}

}  // namespace

void build_skull(const Rig& rig, std::vector<Part>& out) {
    auto mm = [&](float v) { return rig.mm(v); };
    const glm::vec3 C0 = rig.joint("c0_c1"), V = rig.landmark("vertex");
    const float chin_y = 0.870f * rig.skeleton().params.stature_m;

    // [SECTION] Cranium
    {
        Part part;
        part.name = "skull";
        part.joint = "c0_c1";
        part.step_m = 0.0021f;
        part.budget = 2800;
        Shape& s = part.shape;
        const glm::vec3 vault = glm::vec3(0.0f, V.y - mm(68.0f), C0.z + mm(8.0f));
        s.add(ellipsoid(Frame::from_up_forward(vault, up, ant), glm::vec3(mm(72.0f), mm(68.0f), mm(92.0f))));
        s.add(ellipsoid(Frame::from_up_forward(vault + glm::vec3(0.0f, -mm(18.0f), -mm(52.0f)), up, ant), glm::vec3(mm(55.0f), mm(44.0f), mm(40.0f))),
              mm(12.0f));  // occiput
        // Temporal region and the cranial base either side of the foramen magnum.
        for (float sgn : {-1.0f, 1.0f})
            s.add(ellipsoid(Frame::from_up_forward(glm::vec3(sgn * mm(50.0f), C0.y + mm(14.0f), C0.z + mm(10.0f)), up, ant),
                            glm::vec3(mm(20.0f), mm(18.0f), mm(30.0f))),
                  mm(12.0f));
        // Face: forehead down to the maxilla, the cheek bones and arches.
        const glm::vec3 nasion{0.0f, C0.y + mm(33.0f), vault.z + mm(88.0f)};
        s.add(ellipsoid(Frame::from_up_forward(glm::vec3(0.0f, C0.y - mm(2.0f), nasion.z - mm(30.0f)), up, ant),
                        glm::vec3(mm(44.0f), mm(40.0f), mm(34.0f))),
              mm(10.0f));
        s.add(capsule(glm::vec3(-mm(32.0f), nasion.y + mm(7.0f), nasion.z - mm(7.0f)), glm::vec3(mm(32.0f), nasion.y + mm(7.0f), nasion.z - mm(7.0f)),
                      mm(7.0f)),
              mm(12.0f));  // brow ridge
        for (float sgn : {-1.0f, 1.0f}) {
            const glm::vec3 cheek{sgn * mm(50.0f), C0.y - mm(6.0f), nasion.z - mm(30.0f)};
            s.add(
                ellipsoid(Frame::from_up_forward(cheek, up, glm::normalize(ant + x_axis * (sgn * 0.6f))), glm::vec3(mm(11.0f), mm(15.0f), mm(12.0f))),
                mm(6.0f));
            const glm::vec3 arch_back{sgn * mm(64.0f), C0.y + mm(2.0f), C0.z + mm(12.0f)};
            s.add(sweep(tube(
                      {cheek + x_axis * (sgn * mm(6.0f)) - ant * mm(4.0f), glm::mix(cheek, arch_back, 0.5f) + x_axis * (sgn * mm(8.0f)), arch_back},
                      {mm(6.0f), mm(4.5f), mm(5.0f)}, {mm(3.5f), mm(3.0f), mm(4.0f)}, up, 4)),
                  mm(3.0f));
            // Mastoid process behind the ear, and the ear canal.
            s.add(cone(glm::vec3(sgn * mm(52.0f), C0.y + mm(4.0f), C0.z - mm(14.0f)), glm::vec3(sgn * mm(48.0f), C0.y - mm(16.0f), C0.z - mm(10.0f)),
                       mm(9.0f), mm(4.0f)),
                  mm(5.0f));
            s.cut(sphere(glm::vec3(sgn * mm(72.0f), C0.y + mm(9.0f), C0.z + mm(2.0f)), mm(6.5f)), mm(2.5f));  // ear canal (a hint)
            // Orbit: a deep rounded socket looking forward and a little out.
            const glm::vec3 orbit{sgn * mm(33.0f), nasion.y - mm(10.0f), nasion.z - mm(6.0f)};
            s.cut(ellipsoid(Frame::from_up_forward(orbit, up, glm::normalize(ant + x_axis * (sgn * 0.25f))),
                            glm::vec3(mm(19.0f), mm(17.0f), mm(30.0f))),
                  mm(3.0f));
            // Occipital condyles on the atlas.
            s.add(ellipsoid(Frame::from_up_forward(glm::vec3(sgn * mm(21.0f), C0.y + mm(3.0f), C0.z + mm(3.0f)), up,
                                                   glm::normalize(ant + x_axis * (sgn * 0.4f))),
                            glm::vec3(mm(6.0f), mm(5.5f), mm(11.0f))),
                  mm(3.0f));
        }
        // Nasal aperture and nasal bones.
        s.cut(ellipsoid(Frame::from_up_forward(glm::vec3(0.0f, nasion.y - mm(38.0f), nasion.z + mm(2.0f)), up, ant),
                        glm::vec3(mm(12.0f), mm(17.0f), mm(22.0f))),
              mm(2.0f));
        s.add(capsule(nasion + ant * mm(1.0f), nasion + glm::vec3(0.0f, -mm(20.0f), mm(8.0f)), mm(4.0f)), mm(3.0f));
        // Maxilla and the upper teeth.
        const float teeth_y = chin_y + mm(42.0f);
        s.add(ellipsoid(Frame::from_up_forward(glm::vec3(0.0f, teeth_y + mm(14.0f), nasion.z - mm(22.0f)), up, ant),
                        glm::vec3(mm(31.0f), mm(16.0f), mm(27.0f))),
              mm(8.0f));
        add_teeth(s, rig, glm::vec3(0.0f, teeth_y, nasion.z - mm(1.0f)), mm(27.0f), mm(44.0f), 0.0f, true);
        // Foramen magnum.
        s.cut(
            ellipsoid(Frame::from_up_forward(glm::vec3(0.0f, C0.y - mm(2.0f), C0.z - mm(9.0f)), up, ant), glm::vec3(mm(14.0f), mm(9.0f), mm(17.0f))),
            mm(3.0f));
        out.push_back(std::move(part));
    }

    // [SECTION] Mandible
    {
        Part part;
        part.name = "mandible";
        part.joint = "c0_c1";
        part.step_m = 0.0015f;
        part.budget = 760;
        Shape& s = part.shape;
        const float base_y = chin_y + mm(4.0f);
        const glm::vec3 chin{0.0f, base_y + mm(8.0f), C0.z + mm(92.0f)};
        std::vector<glm::vec3> body;
        std::vector<float> tall, thick;
        // One U from the right angle round the chin to the left angle.
        const float pts[][3] = {{-47, 18, -55}, {-42, 14, -35}, {-30, 11, -14}, {-16, 9, -4}, {0, 8, 0},
                                {16, 9, -4},    {30, 11, -14},  {42, 14, -35},  {47, 18, -55}};
        for (const auto& q : pts) {
            body.push_back(chin + glm::vec3(mm(q[0]), mm(q[1] - 8.0f), mm(q[2])));
            tall.push_back(mm(std::abs(q[0]) < 20.0f ? 15.0f : 12.5f));
            thick.push_back(mm(std::abs(q[0]) < 20.0f ? 6.5f : 7.0f));
        }
        s.add(sweep(tube(body, tall, thick, up, 4)));
        s.add(ellipsoid(Frame::from_up_forward(chin + glm::vec3(0.0f, -mm(4.0f), mm(4.0f)), up, ant), glm::vec3(mm(11.0f), mm(8.0f), mm(5.0f))),
              mm(4.0f));  // mental protuberance
        for (float sgn : {-1.0f, 1.0f}) {
            // Ramus from the angle up to the condyle, coronoid process in front.
            const glm::vec3 angle = chin + glm::vec3(sgn * mm(48.0f), mm(10.0f), -mm(57.0f));
            const glm::vec3 condyle{sgn * mm(50.0f), C0.y + mm(3.0f), C0.z + mm(12.0f)};
            const glm::vec3 coronoid{sgn * mm(45.0f), C0.y - mm(10.0f), C0.z + mm(38.0f)};
            // The ramus: a broad flat plate from the angle up to the condyle, the coronoid process
            // rising from its front edge.
            const glm::vec3 axis = glm::normalize(condyle - angle);
            const glm::vec3 mid = glm::mix(angle, condyle, 0.45f) + ant * mm(6.0f);
            s.add(round_box(Frame::from_up_forward(mid, axis, ant), glm::vec3(mm(3.2f), glm::length(condyle - angle) * 0.42f, mm(15.0f)), mm(2.8f)),
                  mm(5.0f));
            s.add(cone(mid + ant * mm(8.0f), coronoid, mm(5.0f), mm(2.5f)), mm(3.0f));
            s.add(capsule(condyle - axis * mm(4.0f), condyle - axis * mm(16.0f) + ant * mm(2.0f), mm(5.0f)), mm(3.0f));  // neck
            s.add(ellipsoid(Frame::from_up_forward(condyle, up, ant), glm::vec3(mm(10.0f), mm(5.0f), mm(5.5f))), mm(3.0f));
        }
        add_teeth(s, rig, glm::vec3(0.0f, chin_y + mm(34.0f), chin.z - mm(3.0f)), mm(24.0f), mm(42.0f), 0.0f, false);
        out.push_back(std::move(part));
    }
}

}  // namespace bonegen
