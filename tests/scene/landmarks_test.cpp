// The landmarks file (anatomy-landmarks-1): what it accepts, and a clear message naming the file
// and the place for each thing wrong with it.
#include "core/error.hpp"
#include "scene/landmarks.hpp"

#include <gtest/gtest.h>

namespace {

std::string error_of(const std::string& text) {
    try {
        (void)scene::parse_landmarks(text, "patient.json");
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}

const char* good = R"({"format": "anatomy-landmarks-1", "image": "lateral.png", "facing": "left",
  "points_px": {"s1_anterior": [410, 520], "s1_posterior": [452.5, 498], "asis": [300, 470], "psis": [480, 440]}})";

}  // namespace

TEST(Landmarks, AGoodFileIsRead) {
    const auto f = scene::parse_landmarks(good, "patient.json");
    EXPECT_EQ(f.image, "lateral.png");
    EXPECT_EQ(f.facing, scene::LandmarksFile::Facing::left);
    ASSERT_EQ(f.points_px.size(), 4u);
    EXPECT_DOUBLE_EQ(f.points_px.at("s1_posterior").x, 452.5);
    // Facing left: toward the face is -x in the image; up is -y.
    const auto s = scene::to_sagittal(f);
    ASSERT_TRUE(s.asis && s.psis);
    EXPECT_GT(s.asis->x, s.psis->x) << "the ASIS is in front of the PSIS";
    EXPECT_FLOAT_EQ(s.asis->y, -470.0f);
    EXPECT_FALSE(s.femoral_head_r.has_value());
}

TEST(Landmarks, EveryProblemIsNamedWithTheFile) {
    EXPECT_NE(error_of("{nope").find("patient.json:1:3: invalid JSON"), std::string::npos) << error_of("{nope");
    EXPECT_NE(error_of("[]").find("expected an object"), std::string::npos);
    const std::string other = R"({"format": "anatomy-profile-1", "image": "a.png", "facing": "left", "points_px": {}})";
    EXPECT_NE(error_of(other).find("expected \"anatomy-landmarks-1\""), std::string::npos) << error_of(other);
    const std::string no_facing = R"({"format": "anatomy-landmarks-1", "image": "a.png", "points_px": {}})";
    EXPECT_NE(error_of(no_facing).find("facing"), std::string::npos) << error_of(no_facing);
    const std::string up = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "up", "points_px": {}})";
    EXPECT_NE(error_of(up).find("\"up\" is not one of: left, right"), std::string::npos) << error_of(up);
    const std::string unknown = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {"ASIS": [1, 2]}})";
    EXPECT_NE(error_of(unknown).find("unknown point \"ASIS\""), std::string::npos) << error_of(unknown);
    const std::string twice =
        R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {"asis": [1, 2], "asis": [3, 4]}})";
    EXPECT_NE(error_of(twice).find("\"asis\" is given twice"), std::string::npos) << error_of(twice);
    const std::string three = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {"asis": [1, 2, 3]}})";
    EXPECT_NE(error_of(three).find("expected [x, y]"), std::string::npos) << error_of(three);
    const std::string text = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {"asis": ["1", 2]}})";
    EXPECT_NE(error_of(text).find("/points_px/asis"), std::string::npos) << error_of(text);
    const std::string extra = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {}, "zoom": 2})";
    EXPECT_NE(error_of(extra).find("unknown field \"zoom\""), std::string::npos) << error_of(extra);
    for (const std::string& t : {other, no_facing, up, unknown, twice, three, text, extra})
        EXPECT_EQ(error_of(t).rfind("patient.json", 0), 0u) << error_of(t);
}

TEST(Landmarks, PointsOutsideTheImageAreNamed) {
    const auto f = scene::parse_landmarks(good, "patient.json");
    EXPECT_NO_THROW(scene::check_points_inside(f, 600, 600, "patient.json"));
    try {
        scene::check_points_inside(f, 450, 600, "patient.json");
        FAIL() << "a point past the right edge was accepted";
    } catch (const core::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("s1_posterior at [452.5, 498] is outside the 450 x 600 image"), std::string::npos) << what;
        EXPECT_NE(what.find("psis"), std::string::npos) << what;
        EXPECT_EQ(what.find("asis at"), std::string::npos) << "the ASIS is inside: " << what;
    }
}

// [SECTION] The known length and the image behind the model

TEST(Landmarks, AKnownLengthIsReadAndItsLengthChecked) {
    const auto f = scene::parse_landmarks(R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "right",
        "points_px": {"scale_a": [10, 20], "scale_b": [110, 20]}, "scale_length_mm": 47})",
                                          "patient.json");
    ASSERT_TRUE(f.scale_length_mm.has_value());
    EXPECT_DOUBLE_EQ(*f.scale_length_mm, 47.0);
    EXPECT_EQ(f.points_px.count("scale_b"), 1u);
    const std::string negative = R"({"format": "anatomy-landmarks-1", "image": "a.png", "facing": "left", "points_px": {}, "scale_length_mm": -3})";
    EXPECT_NE(error_of(negative).find("/scale_length_mm"), std::string::npos) << error_of(negative);
}

namespace {

// The model's points: the hip axis 0.9 m up, S1 10 cm above and 3 cm behind it.
scene::UnderlayAnchors anchors() {
    scene::UnderlayAnchors a;
    a.hip_axis = glm::vec3(0.01f, 0.9f, 0.02f);
    a.s1_mid = glm::vec3(0.01f, 1.0f, -0.01f);
    a.pelvis_mid = glm::vec3(0.01f, 0.98f, 0.03f);
    return a;
}

// Where an image pixel lands in the world, from the placement's corners.
glm::vec3 world_of(const scene::UnderlayPlacement& p, glm::dvec2 px, glm::dvec2 size) {
    const glm::vec3 top = glm::mix(p.corners[0], p.corners[1], static_cast<float>(px.x / size.x));
    const glm::vec3 bottom = glm::mix(p.corners[3], p.corners[2], static_cast<float>(px.x / size.x));
    return glm::mix(top, bottom, static_cast<float>(px.y / size.y));
}

}  // namespace

TEST(Landmarks, TheImageLiesOnTheModelsHipAxisAtTheKnownScale) {
    const glm::dvec2 size(800, 1000);
    for (auto facing : {scene::LandmarksFile::Facing::right, scene::LandmarksFile::Facing::left}) {
        scene::LandmarksFile l;
        l.facing = facing;
        const double ahead = facing == scene::LandmarksFile::Facing::right ? 1.0 : -1.0;  // image x toward the face
        l.points_px = {
            {"femoral_head_r", {400.0, 600.0}}, {"femoral_head_l", {404.0, 596.0}}, {"scale_a", {100.0, 100.0}}, {"scale_b", {100.0, 300.0}}};
        l.scale_length_mm = 100.0;  // 200 px: half a millimetre a pixel
        std::string why;
        const auto p = scene::place_underlay(l, size, anchors(), &why);
        ASSERT_TRUE(p) << why;
        EXPECT_NEAR(p->metres_per_px, 0.0005, 1e-9);
        EXPECT_EQ(p->anchor, "the hip axis");
        // The image's hip axis lands on the model's.
        const glm::vec3 hip = world_of(*p, {402.0, 598.0}, size);
        EXPECT_NEAR(glm::distance(hip, *anchors().hip_axis), 0.0f, 1e-4f);
        // A true size: the image is 0.4 m wide and 0.5 m tall, upright, in the sagittal plane.
        EXPECT_NEAR(glm::distance(p->corners[0], p->corners[1]), 0.4f, 1e-4f);
        EXPECT_NEAR(p->corners[0].y - p->corners[3].y, 0.5f, 1e-4f);
        for (const auto& c : p->corners) EXPECT_FLOAT_EQ(c.x, anchors().hip_axis->x);
        // Toward the face in the image is forward (+z) on the model, whichever way the patient faces.
        const glm::vec3 front = world_of(*p, {402.0 + ahead * 100.0, 598.0}, size);
        EXPECT_NEAR(front.z - hip.z, 0.05f, 1e-4f);
        EXPECT_NEAR(front.y, hip.y, 1e-4f);
    }
}

TEST(Landmarks, WithoutAKnownLengthTheHipToSacrumDistanceSetsTheScale) {
    scene::LandmarksFile l;
    l.facing = scene::LandmarksFile::Facing::right;
    l.points_px = {
        {"femoral_head_r", {400.0, 600.0}}, {"femoral_head_l", {400.0, 600.0}}, {"s1_anterior", {380.0, 440.0}}, {"s1_posterior", {340.0, 420.0}}};
    std::string why;
    const auto p = scene::place_underlay(l, {800, 1000}, anchors(), &why);
    ASSERT_TRUE(p) << why;
    const glm::vec3 s1 = world_of(*p, {360.0, 430.0}, {800, 1000});
    const glm::vec3 hip = world_of(*p, {400.0, 600.0}, {800, 1000});
    const scene::UnderlayAnchors a = anchors();
    EXPECT_NEAR(glm::distance(s1, hip), glm::distance(*a.s1_mid, *a.hip_axis), 1e-4f);
    EXPECT_NE(p->scale_from.find("hip axis to S1"), std::string::npos);
}

TEST(Landmarks, AnImageWithNothingToLineUpSaysWhy) {
    scene::LandmarksFile l;
    std::string why;
    EXPECT_FALSE(scene::place_underlay(l, {800, 1000}, anchors(), &why));
    EXPECT_NE(why.find("known length"), std::string::npos) << why;
    // A scale but no anchor.
    l.points_px = {{"scale_a", {0.0, 0.0}}, {"scale_b", {0.0, 100.0}}};
    l.scale_length_mm = 50.0;
    EXPECT_FALSE(scene::place_underlay(l, {800, 1000}, anchors(), &why));
    EXPECT_NE(why.find("line the image up"), std::string::npos) << why;
    // The two ends on one spot.
    l.points_px = {{"scale_a", {5.0, 5.0}}, {"scale_b", {5.0, 5.5}}, {"asis", {10.0, 10.0}}, {"psis", {60.0, 20.0}}};
    EXPECT_FALSE(scene::place_underlay(l, {800, 1000}, anchors(), &why));
    EXPECT_NE(why.find("same spot"), std::string::npos) << why;
}
