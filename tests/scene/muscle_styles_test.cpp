// How each muscle is drawn, tested with no GL: every visible muscle once (solid or ghost), x-ray
// ghosts what is out of focus, a stretch demo colours its targets by stretch, a story's topic
// keeps its group colour over muted neighbours, isolation shows its muscles alone, and the
// layers hide sides, groups and muscles.
#include "anatomy/skeleton_builder.hpp"
#include "gfx/frame.hpp"
#include "scene/muscle_styles.hpp"

#include <gtest/gtest.h>

namespace {

struct Fixture {
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    std::vector<biomech::MuscleState> states = std::vector<biomech::MuscleState>(catalogue.muscles.size());
    std::vector<float> tightness = std::vector<float>(catalogue.muscles.size(), 0.0f);
    scene::MuscleStyles styles(const scene::Display& d) const { return scene::muscle_styles(catalogue, states, tightness, d); }
    std::size_t index(const std::string& id) const { return static_cast<std::size_t>(catalogue.find(id)); }
};
const Fixture& fx() {
    static const Fixture f;
    return f;
}

int count(const std::vector<anat::MuscleStyle>& styles) {
    int n = 0;
    for (const auto& s : styles) n += s.visible ? 1 : 0;
    return n;
}

}  // namespace

TEST(MuscleStyles, EachMuscleIsDrawnOnceSolidUnlessSomethingIsInFocus) {
    const auto& f = fx();
    const int all = static_cast<int>(f.catalogue.muscles.size());
    scene::Display d;
    auto s = f.styles(d);
    EXPECT_EQ(count(s.solid), all);
    EXPECT_EQ(count(s.ghost), 0);
    for (std::size_t i = 0; i < s.solid.size(); ++i) EXPECT_EQ(s.solid[i].id, scene::muscle_id_base + i);
    // X-ray without a focus changes nothing; with a selected muscle the rest become ghosts.
    d.layers.xray = true;
    EXPECT_EQ(count(f.styles(d).ghost), 0);
    d.selection = {scene::Selection::Kind::muscle, "psoas_r"};
    s = f.styles(d);
    EXPECT_EQ(count(s.solid), 1);
    EXPECT_EQ(count(s.ghost), all - 1);
    const std::size_t psoas = f.index("psoas_r");
    EXPECT_TRUE(s.solid[psoas].visible);
    EXPECT_EQ(s.solid[psoas].flags & gfx::vertex_flag_highlight, gfx::vertex_flag_highlight) << "the selection glows";
    EXPECT_EQ(s.solid[f.index("psoas_l")].flags, 0u);
    for (std::size_t i = 0; i < s.solid.size(); ++i) EXPECT_FALSE(s.solid[i].visible && s.ghost[i].visible) << "drawn twice: " << i;
}

TEST(MuscleStyles, AStretchDemoColoursItsTargetsByStretchAndATopicKeepsItsGroupColour) {
    Fixture f = fx();
    const std::size_t semimem = f.index("semimembranosus_r"), psoas = f.index("psoas_r");
    f.states[semimem].relative_elongation = 1.0f;  // at its end range
    scene::Display demo;
    demo.stretch_demo = true;
    demo.emphasised = {"semimembranosus_r"};
    auto s = f.styles(demo);
    EXPECT_TRUE(s.solid[semimem].visible);
    EXPECT_EQ(s.solid[semimem].color, scene::heat_color(1.0f));
    EXPECT_FALSE(s.solid[psoas].visible);
    EXPECT_TRUE(s.ghost[psoas].visible) << "the rest are muted to ghosts";

    scene::Display topic;
    topic.mute_others = true;
    topic.emphasised = {"psoas_r"};
    s = f.styles(topic);
    const auto* group = f.catalogue.find_group(f.catalogue.muscles[psoas].group);
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(s.solid[psoas].color, group->color);
    EXPECT_TRUE(s.ghost[semimem].visible);
    // Emphasised without muting (a highlight in a snapshot): everything solid, the topic in its group's colour.
    topic.mute_others = false;
    s = f.styles(topic);
    EXPECT_EQ(count(s.ghost), 0);
    EXPECT_EQ(s.solid[psoas].color, group->color);
    EXPECT_NE(s.solid[semimem].color, group->color);
}

TEST(MuscleStyles, LayersHideSidesGroupsAndMusclesAndIsolationShowsItsMusclesAlone) {
    const auto& f = fx();
    scene::Display d;
    d.layers.left = false;
    auto s = f.styles(d);
    for (std::size_t i = 0; i < s.solid.size(); ++i)
        EXPECT_EQ(s.solid[i].visible, f.catalogue.muscles[i].side != anat::Side::left) << f.catalogue.muscles[i].id;
    d = {};
    d.layers.hidden_groups = {"hamstrings"};
    d.layers.hidden_muscles = {"psoas_r"};
    s = f.styles(d);
    EXPECT_FALSE(s.solid[f.index("semimembranosus_l")].visible);
    EXPECT_FALSE(s.solid[f.index("psoas_r")].visible);
    EXPECT_TRUE(s.solid[f.index("psoas_l")].visible);
    d = {};
    d.layers.isolated_muscles = {"iliacus_r"};
    d.layers.xray = true;  // isolation shows its muscles alone, with no ghosts around them
    s = f.styles(d);
    EXPECT_EQ(count(s.solid), 1);
    EXPECT_EQ(count(s.ghost), 0);
    EXPECT_TRUE(s.solid[f.index("iliacus_r")].visible);
    d = {};
    d.layers.muscles = false;
    EXPECT_EQ(count(f.styles(d).solid), 0);
}

TEST(MuscleStyles, ColourModesFollowStretchTightnessAndTension) {
    Fixture f = fx();
    const std::size_t i = f.index("rectus_femoris_r");
    f.tightness[i] = 1.0f;
    f.states[i].passive_force_norm = 0.25f;
    f.states[i].relative_elongation = 0.5f;
    EXPECT_EQ(scene::muscle_color(f.catalogue, i, scene::ColorMode::tightness, f.states, f.tightness), scene::heat_color(1.0f));
    EXPECT_EQ(scene::muscle_color(f.catalogue, i, scene::ColorMode::tension, f.states, f.tightness), scene::heat_color(1.0f));
    EXPECT_EQ(scene::muscle_color(f.catalogue, i, scene::ColorMode::stretch, f.states, f.tightness), scene::heat_color(0.5f));
    // The ramp runs from calm blue to red.
    EXPECT_GT(scene::heat_color(0.0f).b, scene::heat_color(0.0f).r);
    EXPECT_GT(scene::heat_color(1.0f).r, scene::heat_color(1.0f).b);
}
