// Measures from landmarks placed on a lateral image: synthetic point sets drawn with known angles
// give those angles back (both facings), PI = PT + SS, and coincident points are errors.
#include "biomech/radiograph.hpp"
#include "core/error.hpp"
#include "scene/landmarks.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace {

struct Angles {
    double ss, pt, ll, clinical;
};

double rad(double deg) { return deg * std::numbers::pi / 180.0; }

// A landmarks file drawn in pixels (x right, y down) for a patient facing `facing`, whose S1
// endplate slopes `ss` down toward the face, whose hip axis lies `pt` in front of the vertical
// through the S1 midpoint, whose L1 endplate makes `ll` with S1, and whose ASIS lies `clinical`
// below the PSIS line's horizontal.
scene::LandmarksFile draw(const Angles& a, scene::LandmarksFile::Facing facing) {
    const double face = facing == scene::LandmarksFile::Facing::right ? 1.0 : -1.0;
    auto px = [&](double anterior, double up) { return glm::dvec2(800.0 + face * anterior, 900.0 - up); };
    scene::LandmarksFile f;
    f.facing = facing;
    const double ss = rad(a.ss), pt = rad(a.pt), l1 = rad(a.ss - a.ll), c = rad(a.clinical);
    f.points_px["s1_anterior"] = px(22.0 * std::cos(ss), -22.0 * std::sin(ss));
    f.points_px["s1_posterior"] = px(-22.0 * std::cos(ss), 22.0 * std::sin(ss));
    const glm::dvec2 hip{280.0 * std::sin(pt), -280.0 * std::cos(pt)};  // anterior, up from the S1 midpoint
    f.points_px["femoral_head_r"] = px(hip.x + 6.0, hip.y + 3.0);       // the two heads a little apart:
    f.points_px["femoral_head_l"] = px(hip.x - 6.0, hip.y - 3.0);       // their midpoint is the axis
    f.points_px["l1_anterior"] = px(-40.0 + 20.0 * std::cos(l1), 420.0 - 20.0 * std::sin(l1));
    f.points_px["l1_posterior"] = px(-40.0 - 20.0 * std::cos(l1), 420.0 + 20.0 * std::sin(l1));
    f.points_px["asis"] = px(230.0, -120.0);
    f.points_px["psis"] = px(230.0 - 190.0 * std::cos(c), -120.0 + 190.0 * std::sin(c));
    return f;
}

}  // namespace

TEST(Radiograph, SyntheticLandmarksGiveTheirAnglesForEitherFacing) {
    int checked = 0;
    for (double ss : {15.0, 40.0, 62.0})
        for (double pt : {-8.0, 4.0, 12.0, 30.0})
            for (double ll : {10.0, 50.0, 75.0})
                for (double clinical : {-5.0, 13.0, 25.0})
                    for (auto facing : {scene::LandmarksFile::Facing::left, scene::LandmarksFile::Facing::right}) {
                        const auto points = scene::to_sagittal(draw({ss, pt, ll, clinical}, facing));
                        EXPECT_NO_THROW(biomech::check_upright_facing(points));
                        const auto m = biomech::measure_landmarks(points);
                        ASSERT_TRUE(m.sacral_slope_deg && m.pelvic_tilt_deg && m.pelvic_incidence_deg && m.lumbar_lordosis_deg &&
                                    m.pelvic_tilt_clinical_deg);
                        EXPECT_NEAR(*m.sacral_slope_deg, ss, 0.1);
                        EXPECT_NEAR(*m.pelvic_tilt_deg, pt, 0.1);
                        EXPECT_NEAR(*m.lumbar_lordosis_deg, ll, 0.1);
                        EXPECT_NEAR(*m.pelvic_tilt_clinical_deg, clinical, 0.1);
                        EXPECT_NEAR(*m.pelvic_incidence_deg, *m.pelvic_tilt_deg + *m.sacral_slope_deg, 0.01);
                        ++checked;
                    }
    EXPECT_EQ(checked, 216);
}

TEST(Radiograph, TheSameImageMirroredGivesTheSameAngles) {
    // Facing left is facing right seen from the other side: mirrored pixels, same patient.
    scene::LandmarksFile right = draw({38.0, 14.0, 48.0, 11.0}, scene::LandmarksFile::Facing::right);
    scene::LandmarksFile left = right;
    left.facing = scene::LandmarksFile::Facing::left;
    for (auto& [name, p] : left.points_px) p.x = 2000.0 - p.x;
    const auto a = biomech::measure_landmarks(scene::to_sagittal(right)), b = biomech::measure_landmarks(scene::to_sagittal(left));
    EXPECT_NEAR(*a.pelvic_incidence_deg, *b.pelvic_incidence_deg, 1e-3);
    EXPECT_NEAR(*a.lumbar_lordosis_deg, *b.lumbar_lordosis_deg, 1e-3);
    // Read with the wrong facing, every anterior point lies behind its posterior partner: an
    // error that says to check the facing, not angles near 180 degrees.
    scene::LandmarksFile wrong = right;
    wrong.facing = scene::LandmarksFile::Facing::left;
    try {
        biomech::check_upright_facing(scene::to_sagittal(wrong));
        FAIL() << "the wrong facing was accepted";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("facing"), std::string::npos) << e.what();
    }
}

TEST(Radiograph, ASubsetGivesTheMeasuresItDefinesAndNamesTheRest) {
    biomech::SagittalLandmarks p;
    p.asis = glm::vec2(10.0f, 0.0f);
    p.psis = glm::vec2(0.0f, 2.0f);
    const auto m = biomech::measure_landmarks(p);
    ASSERT_TRUE(m.pelvic_tilt_clinical_deg.has_value());
    EXPECT_GT(*m.pelvic_tilt_clinical_deg, 0.0f) << "ASIS below PSIS is a forward tilt";
    EXPECT_FALSE(m.sacral_slope_deg || m.pelvic_tilt_deg || m.pelvic_incidence_deg || m.lumbar_lordosis_deg);
    const auto undefined = biomech::undefined_measures(p);
    EXPECT_EQ(undefined.size(), 4u);
    EXPECT_NE(undefined[0].find("s1_anterior"), std::string::npos);
    // One femoral head is not a hip axis.
    p.s1_anterior = glm::vec2(5.0f, -3.0f);
    p.s1_posterior = glm::vec2(-5.0f, 3.0f);
    p.femoral_head_r = glm::vec2(20.0f, -50.0f);
    const auto n = biomech::measure_landmarks(p);
    EXPECT_TRUE(n.sacral_slope_deg.has_value());
    EXPECT_FALSE(n.pelvic_tilt_deg.has_value());
}

TEST(Radiograph, CoincidentPointsGiveNoAngleAndSaySo) {
    biomech::SagittalLandmarks p;
    p.s1_anterior = p.s1_posterior = glm::vec2(100.0f, 200.0f);
    try {
        (void)biomech::measure_landmarks(p);
        FAIL() << "coincident S1 corners were accepted";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("S1 endplate corners coincide"), std::string::npos) << e.what();
    }
    biomech::SagittalLandmarks q;
    q.asis = q.psis = glm::vec2(3.0f, 4.0f);
    EXPECT_THROW((void)biomech::measure_landmarks(q), core::Error);
}
