// What is shown, as data: the rules the viewer, the video export and the snapshot share (which
// muscles a name means, when the measurements are drawn, what a story step puts on screen, how
// the screen splits for a comparison), tested with no GL.
#include "anatomy/skeleton_builder.hpp"
#include "anim/clip.hpp"
#include "scene/posture_state.hpp"
#include "scene/shown.hpp"
#include "scene/stretch_state.hpp"

#include <gtest/gtest.h>

namespace {

const anat::MuscleCatalogue& catalogue() {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue c = anat::load_default_muscle_catalogue(skeleton);
    return c;
}

anim::Clip clip_in(anim::Position p) {
    anim::Clip c;
    c.info.position = p;
    return c;
}

}  // namespace

TEST(Shown, NamesResolveToMusclesByGroupBaseIdOrId) {
    const auto& cat = catalogue();
    std::vector<std::string> unknown;
    const std::vector<std::string> names{"psoas_r", "hamstrings", "no_such_muscle"};
    const auto ids = scene::resolve_muscles(cat, names, &unknown);
    EXPECT_TRUE(ids.count("psoas_r"));
    EXPECT_FALSE(ids.count("psoas_l"));  // an id names one side
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_EQ(unknown[0], "no_such_muscle");
    std::size_t hamstrings = 0;
    for (const auto& m : cat.muscles)
        if (m.in_group("hamstrings")) {
            EXPECT_TRUE(ids.count(m.id)) << m.id;
            ++hamstrings;
        }
    EXPECT_GE(hamstrings, 6u);  // biceps femoris long and short heads, semitendinosus, semimembranosus, both sides
    EXPECT_EQ(ids.size(), hamstrings + 1);
    // A base id names both sides.
    const std::vector<std::string> psoas{"psoas"};
    EXPECT_EQ(scene::resolve_muscles(cat, psoas), (std::set<std::string>{"psoas_l", "psoas_r"}));
}

TEST(Shown, MeasurementsAreDrawnUprightOnlyAndNeverWithAPlumbLineThroughAStretch) {
    scene::Shown shown;
    ASSERT_TRUE(scene::overlays_drawn(shown, nullptr).has_value());
    EXPECT_TRUE(scene::overlays_drawn(shown, nullptr)->plumb_line);
    const anim::Clip kneeling = clip_in(anim::Position::kneeling), supine = clip_in(anim::Position::supine), seated = clip_in(anim::Position::seated),
                     standing = clip_in(anim::Position::standing);
    EXPECT_TRUE(scene::overlays_allowed(&kneeling));
    EXPECT_TRUE(scene::overlays_allowed(&standing));
    EXPECT_FALSE(scene::overlays_allowed(&supine));
    EXPECT_FALSE(scene::overlays_allowed(&seated));
    ASSERT_TRUE(scene::overlays_drawn(shown, &kneeling).has_value());
    EXPECT_FALSE(scene::overlays_drawn(shown, &kneeling)->plumb_line);
    EXPECT_TRUE(scene::overlays_drawn(shown, &kneeling)->pelvic_tilt);
    EXPECT_FALSE(scene::overlays_drawn(shown, &supine).has_value());
    shown.show_overlays = false;
    EXPECT_FALSE(scene::overlays_drawn(shown, nullptr).has_value());
    shown.show_overlays = true;
    shown.high_contrast = true;
    EXPECT_TRUE(scene::overlays_drawn(shown, nullptr)->high_contrast);
    shown.overlays.sacral_slope = false;
    EXPECT_FALSE(scene::overlays_drawn(shown, nullptr)->sacral_slope);
}

TEST(Shown, AStoryStepSetsItsOwnSceneOverWhateverWasShown) {
    const auto& cat = catalogue();
    scene::StoryStep step;
    step.highlight = {"hip_flexors"};
    step.ghost = true;
    step.any_overlay = true;
    step.overlays.plumb_line = false;
    step.compare = scene::StoryCompare{"hamstrings", 15.0f};
    step.view = core::ViewPreset::left;
    scene::Layers base;
    base.xray = true;
    const scene::StepScene s = scene::story_step_scene(step, cat, base);
    EXPECT_TRUE(s.shown.ghost);
    EXPECT_TRUE(s.shown.show_overlays);
    EXPECT_FALSE(s.shown.overlays.plumb_line);
    EXPECT_EQ(s.shown.compare, scene::Compare::before_after);
    EXPECT_EQ(s.shown.programme, (scene::Programme{"hamstrings", 15.0f}));
    EXPECT_TRUE(s.layers.xray);  // the caller's base layers carry over
    EXPECT_TRUE(s.emphasised.count("psoas_r") && s.emphasised.count("iliacus_l"));
    EXPECT_FALSE(s.emphasised.count("semimembranosus_r"));
    EXPECT_TRUE(s.mute_others);
    // A side view about muscles hides the arms (they hang over the hip); a step that plays a
    // stretch keeps them and shows it in one view.
    EXPECT_FALSE(s.layers.arms);
    step.stretch = "half_kneeling_hip_flexor";
    const scene::StepScene playing = scene::story_step_scene(step, cat, base);
    EXPECT_TRUE(playing.layers.arms);
    EXPECT_EQ(playing.shown.compare, scene::Compare::off);
    // No highlight: nothing is muted.
    scene::StoryStep plain;
    EXPECT_FALSE(scene::story_step_scene(plain, cat, {}).mute_others);
    EXPECT_FALSE(scene::story_step_scene(plain, cat, {}).shown.show_overlays);
}

TEST(Shown, AComparisonSplitsTheViewportIntoAReferenceAndASubject) {
    scene::Shown shown;
    const glm::ivec4 vp{300, 0, 801, 900};
    auto one = scene::plan_views(shown, vp);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].viewport, vp);
    EXPECT_TRUE(one[0].subject && one[0].props && one[0].underlay);
    EXPECT_EQ(one[0].pose, scene::PoseOf::current);
    EXPECT_TRUE(one[0].title.empty());

    shown.compare = scene::Compare::neutral_vs_current;
    auto two = scene::plan_views(shown, vp);
    ASSERT_EQ(two.size(), 2u);
    // Side by side, between the panels, covering the viewport without overlap.
    EXPECT_EQ(two[0].viewport.x, 300);
    EXPECT_EQ(two[0].viewport.x + two[0].viewport.z, two[1].viewport.x);
    EXPECT_EQ(two[1].viewport.x + two[1].viewport.z, 300 + 801);
    EXPECT_EQ(two[0].viewport.w, 900);
    EXPECT_TRUE(two[0].reference && !two[0].subject && !two[0].props);
    EXPECT_TRUE(two[1].subject && two[1].props && two[1].underlay);
    EXPECT_EQ(two[0].pose, scene::PoseOf::neutral);
    EXPECT_EQ(two[1].pose, scene::PoseOf::current);
    EXPECT_EQ(two[0].title, "Neutral");
    EXPECT_EQ(two[1].title, "Current");

    shown.compare = scene::Compare::before_after;
    shown.programme = {"hip_flexors", 10.0f};
    auto programme = scene::plan_views(shown, vp);
    ASSERT_EQ(programme.size(), 2u);
    EXPECT_EQ(programme[0].pose, scene::PoseOf::posture);
    EXPECT_EQ(programme[1].pose, scene::PoseOf::after_programme);
    EXPECT_EQ(programme[0].title, "Before");
    EXPECT_NE(programme[1].title.find("10"), std::string::npos) << programme[1].title;
    EXPECT_FALSE(programme[1].props || programme[1].underlay);  // a hypothesis, not the patient
}

TEST(Shown, EachViewPoseComesFromItsSource) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const auto& cat = catalogue();
    scene::PostureState posture(skeleton, cat);
    biomech::PostureSettings tight;
    tight[biomech::PostureGroup::hip_flexors] = 80.0f;
    posture.set_settings(tight);
    posture.snap();
    const anat::Pose standing = posture.displayed_pose();
    const auto neutral = scene::view_pose(scene::PoseOf::neutral, posture, nullptr, nullptr);
    const auto current = scene::view_pose(scene::PoseOf::current, posture, nullptr, nullptr);
    const auto held = scene::view_pose(scene::PoseOf::posture, posture, nullptr, nullptr);
    // Neutral has its own pose and tightness; current and posture are the posture on screen.
    EXPECT_EQ(neutral.tightness, &posture.neutral().tightness);
    EXPECT_EQ(current.tightness, &posture.target().tightness);
    ASSERT_FALSE(standing.local.empty());
    EXPECT_EQ(current.pose.local, standing.local);
    EXPECT_EQ(held.pose.local, standing.local);
    EXPECT_NE(neutral.pose.local, standing.local);  // the hip flexors tilt the pelvis

    // After the programme: the solved posture and its tightness; without one, the posture.
    const biomech::PostureResult after = posture.solver().solve(biomech::hypothetically_lengthened(tight, "hip_flexors", 20.0f), &posture.target());
    const auto programme = scene::view_pose(scene::PoseOf::after_programme, posture, nullptr, &after);
    EXPECT_EQ(programme.tightness, &after.tightness);
    EXPECT_EQ(programme.pose.local, posture.solver().pose_at(after.dofs).local);
    EXPECT_EQ(scene::view_pose(scene::PoseOf::after_programme, posture, nullptr, nullptr).pose.local, standing.local);

    // A playing stretch is the current pose, never the posture's.
    scene::StretchState stretch(skeleton, cat);
    stretch.start(0, standing);
    stretch.update(1.5f, standing, posture.target().tightness);
    ASSERT_TRUE(stretch.active());
    EXPECT_EQ(scene::view_pose(scene::PoseOf::current, posture, &stretch, nullptr).pose.local, stretch.pose().local);
    EXPECT_EQ(scene::view_pose(scene::PoseOf::posture, posture, &stretch, nullptr).pose.local, standing.local);
    EXPECT_NE(stretch.pose().local, standing.local);
}

TEST(Shown, ACompareCaptionReadsTheMeasuresTheDifferenceAndForAProgrammeTheEvidence) {
    scene::Shown shown;
    shown.compare = scene::Compare::before_after;
    const auto plans = scene::plan_views(shown, glm::ivec4(0, 0, 1600, 900));
    ASSERT_EQ(plans.size(), 2u);
    biomech::SpinopelvicMeasures before, after;
    before.pelvic_tilt_clinical_deg = 18.0f;
    before.lumbar_lordosis_deg = 58.0f;
    after.pelvic_tilt_clinical_deg = 16.5f;
    after.lumbar_lordosis_deg = 55.0f;
    const scene::ViewCaption left = scene::compare_caption(plans[0], before, nullptr, shown.compare);
    const scene::ViewCaption right = scene::compare_caption(plans[1], after, &before, shown.compare);
    EXPECT_EQ(left.title, plans[0].title);
    EXPECT_EQ(right.title, plans[1].title);
    // The measures in the measure table's words, then the difference, emphasised, on the compared side only.
    ASSERT_EQ(left.rows.size(), 3u);
    ASSERT_EQ(right.rows.size(), 4u);
    EXPECT_EQ(left.rows[0].text.rfind("Pelvic tilt (ASIS-PSIS)", 0), 0u) << left.rows[0].text;
    EXPECT_NE(left.rows[0].text.find("18.0"), std::string::npos);
    EXPECT_NE(right.rows[1].text.find("55.0"), std::string::npos);
    for (const auto& r : left.rows) EXPECT_FALSE(r.emphasis);
    EXPECT_TRUE(right.rows[3].emphasis);
    EXPECT_NE(right.rows[3].text.find("-1.5"), std::string::npos) << right.rows[3].text;
    // A hypothetical programme carries what the evidence says, beside the numbers it shows.
    EXPECT_TRUE(left.notes.empty());
    ASSERT_FALSE(right.notes.empty());
    EXPECT_NE(right.notes[0].find("not been shown to lengthen muscle"), std::string::npos);
    // Neutral against current is a model's comparison, not a claim about stretching: no note.
    EXPECT_TRUE(scene::compare_caption(plans[1], after, &before, scene::Compare::neutral_vs_current).notes.empty());
}

TEST(Shown, AStepsReadingsAreTheTiltAndTheLordosisInTheirOverlaysColours) {
    biomech::SpinopelvicMeasures m;
    m.pelvic_tilt_clinical_deg = 13.25f;
    m.lumbar_lordosis_deg = 48.0f;
    const auto readings = scene::step_readings(m);
    ASSERT_EQ(readings.size(), 2u);
    EXPECT_NE(readings[0].text.find("13.2"), std::string::npos) << readings[0].text;
    EXPECT_NE(readings[1].text.find("48.0"), std::string::npos);
    for (const auto& r : readings) EXPECT_NE(scene::overlay_of_measure(r.measure), nullptr) << r.measure << " has an overlay and its colour";
}
