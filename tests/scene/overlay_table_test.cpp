// The overlays are entries of one table keyed by the measures they draw: each names a measure of
// biomech::measure_table() (or none), draws only when its flag is on and in its own colour, and
// stories name overlays by the table's ids.
#include "anatomy/skeleton_builder.hpp"
#include "biomech/measures.hpp"
#include "core/error.hpp"
#include "scene/overlays.hpp"
#include "scene/story.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

TEST(OverlayTable, EachOverlayNamesAMeasureOfTheTableOnceAndIsFoundByIt) {
    std::set<std::string> ids, measures;
    for (const auto& o : scene::overlay_table()) {
        EXPECT_TRUE(ids.insert(o.id).second) << "two overlays called " << o.id;
        EXPECT_EQ(scene::find_overlay(o.id), &o);
        if (std::string(o.measure).empty()) continue;
        bool known = false;
        for (const auto& m : biomech::measure_table()) known = known || std::string(m.key) == o.measure;
        EXPECT_TRUE(known) << o.id << " draws " << o.measure << ", which is not a measure";
        EXPECT_TRUE(measures.insert(o.measure).second) << "two overlays draw " << o.measure;
        EXPECT_EQ(scene::overlay_of_measure(o.measure), &o);
        EXPECT_EQ(scene::measure_color(o.measure), o.color);
    }
    EXPECT_EQ(scene::find_overlay("no_such_overlay"), nullptr);
    // A measure with no overlay reads in a neutral colour, not another measure's.
    EXPECT_EQ(scene::overlay_of_measure("pelvic_incidence_deg"), nullptr);
    for (const auto& o : scene::overlay_table()) EXPECT_NE(scene::measure_color("pelvic_incidence_deg"), o.color);
}

TEST(OverlayTable, EachFlagDrawsItsOwnOverlayInItsColourAndNothingElse) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const std::vector<core::Rigid> world = anat::forward_kinematics(skeleton, anat::rest_pose(skeleton));
    biomech::SpinopelvicMeasures m;
    m.pelvic_tilt_clinical_deg = 12.5f;
    scene::OverlayToggles none;
    for (const auto& o : scene::overlay_table()) none.*o.shown = false;
    EXPECT_TRUE(scene::posture_overlays(skeleton, world, m, none).lines.empty());
    for (const auto& o : scene::overlay_table()) {
        scene::OverlayToggles one = none;
        one.*o.shown = true;
        const auto set = scene::posture_overlays(skeleton, world, m, one);
        ASSERT_FALSE(set.lines.empty()) << o.id;
        ASSERT_EQ(set.labels.size(), 1u) << o.id;
        EXPECT_EQ(glm::vec3(set.labels[0].color), glm::vec3(o.color)) << o.id;
        for (const auto& line : set.lines) EXPECT_EQ(glm::vec3(line.color), glm::vec3(o.color)) << o.id;
    }
    // The ASIS-PSIS label reads the clinical tilt it is given.
    scene::OverlayToggles asis = none;
    asis.asis_psis = true;
    EXPECT_NE(scene::posture_overlays(skeleton, world, m, asis).labels[0].text.find("12.5"), std::string::npos);
    // High contrast draws the same lines, thicker.
    asis.high_contrast = true;
    EXPECT_GT(scene::posture_overlays(skeleton, world, m, asis).lines[0].width_px, scene::posture_overlays(skeleton, world, m,
                                                                                                           [&] {
                                                                                                               auto t = asis;
                                                                                                               t.high_contrast = false;
                                                                                                               return t;
                                                                                                           }())
                                                                                       .lines[0]
                                                                                       .width_px);
}

TEST(OverlayTable, AStoryStepShowsTheOverlaysItNamesByTheirIds) {
    const std::string step = R"("preset": "neutral", "view": "left", "focus": "l3_l4", "distance_m": 2.0, "highlight": [])";
    const scene::Story story = scene::parse_story(R"({"format": "anatomy-story-1", "title": "T", "steps": [)"
                                                  R"({"title": "S", "text": "x", )" +
                                                      step +
                                                      R"(, "overlays": ["sacral_slope", "plumb_line"]}, )"
                                                      R"({"title": "U", "text": "y", "overlays": [], )" +
                                                      step + "}]}",
                                                  "story.json");
    ASSERT_EQ(story.steps.size(), 2u);
    for (const auto& o : scene::overlay_table()) {
        const bool named = std::string(o.id) == "sacral_slope" || std::string(o.id) == "plumb_line";
        EXPECT_EQ(story.steps[0].overlays.*o.shown, named) << o.id;
        EXPECT_FALSE(story.steps[1].overlays.*o.shown) << o.id;
    }
    EXPECT_TRUE(story.steps[0].any_overlay);
    EXPECT_FALSE(story.steps[1].any_overlay);
}

TEST(OverlayTable, AStoryNamingAnUnknownOverlayIsRefusedWithTheKnownOnes) {
    try {
        scene::parse_story(R"({"format": "anatomy-story-1", "title": "T", "steps": [{"title": "S", "text": "x", "preset": "neutral", )"
                           R"("view": "left", "focus": "l3_l4", "distance_m": 2.0, "highlight": [], "overlays": ["sacral_angle"]}]})",
                           "story.json");
        FAIL() << "an unknown overlay was accepted";
    } catch (const core::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("story.json"), std::string::npos) << what;
        EXPECT_NE(what.find("sacral_angle"), std::string::npos) << "names what is wrong: " << what;
        EXPECT_NE(what.find("sacral_slope"), std::string::npos) << "lists what it may be: " << what;
        EXPECT_EQ(what.find("missing"), std::string::npos) << "the step is otherwise whole: " << what;
    }
}
