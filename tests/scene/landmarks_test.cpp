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
