// The player: transport, phases, step text, hold timer, sides and cross-fades.
#include "anim_fixture.hpp"

#include "anim/player.hpp"

#include <gtest/gtest.h>

using animtest::library;
using animtest::rig;

namespace {

const anim::Clip& lunge() { return library().clip(static_cast<std::size_t>(library().find("half_kneeling_hip_flexor"))); }

float phase_start(const anim::Clip& c, anim::Phase p) {
    for (const auto& k : c.keys)
        if (k.phase == p) return k.t_s;
    return -1.0f;
}

float pose_difference(const anat::Pose& a, const anat::Pose& b) {
    float d = glm::distance(a.root_translation, b.root_translation);
    for (std::size_t j = 1; j < a.local.size(); ++j) d = std::max(d, 1.0f - std::abs(glm::dot(a.local[j], b.local[j])));
    return d;
}

}  // namespace

TEST(Player, StartsStandingWithNoClip) {
    anim::Player p(rig(), library());
    EXPECT_EQ(p.clip(), nullptr);
    EXPECT_EQ(p.step_text(), "");
    EXPECT_LT(pose_difference(p.pose(), anat::rest_pose(rig().skeleton)), 1e-6f);
    p.play();
    EXPECT_FALSE(p.playing());  // nothing to play
    EXPECT_FALSE(p.select("no_such_stretch"));
}

TEST(Player, PlayPauseSpeedAndSeek) {
    anim::Player p(rig(), library());
    ASSERT_TRUE(p.select("half_kneeling_hip_flexor"));
    EXPECT_FALSE(p.playing());
    p.update(1.0f);
    EXPECT_FLOAT_EQ(p.time_s(), 0.0f);  // paused: time stands still
    p.play();
    p.update(1.0f);
    EXPECT_FLOAT_EQ(p.time_s(), 1.0f);
    p.set_speed(2.0f);
    p.update(0.5f);
    EXPECT_FLOAT_EQ(p.time_s(), 2.0f);
    p.set_speed(0.25f);
    p.update(1.0f);
    EXPECT_FLOAT_EQ(p.time_s(), 2.25f);
    p.set_speed(10.0f);
    EXPECT_FLOAT_EQ(p.speed(), 2.0f);
    p.set_speed(0.0f);
    EXPECT_FLOAT_EQ(p.speed(), 0.25f);
    p.pause();
    p.seek(7.0f);
    EXPECT_FLOAT_EQ(p.time_s(), 7.0f);
    p.seek(-3.0f);
    EXPECT_FLOAT_EQ(p.time_s(), 0.0f);
    p.seek(1e6f);
    EXPECT_FLOAT_EQ(p.time_s(), p.duration_s());
}

TEST(Player, LoopsCountRepsOrStopAtTheEnd) {
    anim::Player p(rig(), library());
    p.select("half_kneeling_hip_flexor");
    const float d = p.duration_s();
    p.play();
    p.update(d + 1.0f);
    EXPECT_TRUE(p.playing());
    EXPECT_NEAR(p.time_s(), 1.0f, 1e-3f);
    EXPECT_EQ(p.reps_done(), 1);
    p.set_loop(false);
    p.update(d);
    EXPECT_FALSE(p.playing());
    EXPECT_FLOAT_EQ(p.time_s(), d);
    p.play();  // from the end without looping: starts again
    EXPECT_FLOAT_EQ(p.time_s(), 0.0f);
}

TEST(Player, NextPhaseStepsThroughSetupMoveHoldReturn) {
    anim::Player p(rig(), library());
    p.select("half_kneeling_hip_flexor");
    const anim::Clip& c = lunge();
    EXPECT_EQ(p.phase(), anim::Phase::setup);
    p.next_phase();
    EXPECT_EQ(p.phase(), anim::Phase::move);
    EXPECT_FLOAT_EQ(p.time_s(), phase_start(c, anim::Phase::move));
    p.next_phase();
    EXPECT_EQ(p.phase(), anim::Phase::hold);
    EXPECT_FLOAT_EQ(p.time_s(), phase_start(c, anim::Phase::hold));
    p.next_phase();
    EXPECT_EQ(p.phase(), anim::Phase::returning);
    p.set_loop(true);
    p.next_phase();  // from the last phase: back to the start when looping
    EXPECT_FLOAT_EQ(p.time_s(), 0.0f);
    p.set_loop(false);
    p.seek(phase_start(c, anim::Phase::returning));
    p.next_phase();
    EXPECT_FLOAT_EQ(p.time_s(), p.duration_s());
}

TEST(Player, StepTextFollowsThePhases) {
    anim::Player p(rig(), library());
    p.select("half_kneeling_hip_flexor");
    const anim::Clip& c = lunge();
    for (float t = 0.0f; t <= c.duration_s(); t += 0.5f) {
        p.seek(t);
        ASSERT_GE(p.step(), 0);
        EXPECT_EQ(p.step_text(), c.info.steps[static_cast<std::size_t>(p.step())]);
        // The step shown is the one set by the last keyframe at or before t.
        int expect = -1;
        for (const auto& k : c.keys)
            if (k.t_s <= t && k.step >= 0) expect = k.step;
        EXPECT_EQ(p.step(), expect) << t;
    }
    p.seek(phase_start(c, anim::Phase::hold) + 1.0f);
    EXPECT_EQ(p.step_text(), c.info.steps[2]);  // "... shift the whole body forward ..." during the hold
}

TEST(Player, HoldTimerCountsOnlyTheHoldPhase) {
    anim::Player p(rig(), library());
    p.select("half_kneeling_hip_flexor");
    const anim::Clip& c = lunge();
    const float hold = phase_start(c, anim::Phase::hold);
    EXPECT_FLOAT_EQ(p.hold().total_s, c.info.hold_s);
    p.seek(hold - 0.5f);
    EXPECT_FLOAT_EQ(p.hold().held_s, 0.0f);
    EXPECT_FALSE(p.hold().holding);
    p.seek(hold + 10.0f);
    EXPECT_NEAR(p.hold().held_s, 10.0f, 1e-4f);
    EXPECT_NEAR(p.hold().left_s, c.info.hold_s - 10.0f, 1e-4f);
    EXPECT_TRUE(p.hold().holding);
    p.play();
    p.set_speed(2.0f);
    p.update(1.0f);  // 2 s of clip time
    EXPECT_NEAR(p.hold().held_s, 12.0f, 1e-4f);
    p.seek(c.duration_s());
    EXPECT_NEAR(p.hold().held_s, c.info.hold_s, 1e-4f);  // the return adds nothing
    EXPECT_NEAR(p.hold().left_s, 0.0f, 1e-4f);
    EXPECT_FALSE(p.hold().holding);
}

TEST(Player, CrossFadesFromStandingAndBetweenClips) {
    anim::Player p(rig(), library());
    const anat::Pose standing = p.pose();
    p.select("half_kneeling_hip_flexor");
    EXPECT_FLOAT_EQ(p.crossfade_weight(), 0.0f);
    EXPECT_LT(pose_difference(p.pose(), standing), 1e-5f);  // starts from what was on screen
    p.update(0.25f);                                        // paused: the fade still runs
    EXPECT_GT(p.crossfade_weight(), 0.1f);
    EXPECT_LT(p.crossfade_weight(), 0.9f);
    EXPECT_GE(anim::lowest_point_y(rig(), p.frame().world_from_bone), -1e-5f);  // the blend never dips into the floor
    p.update(0.3f);
    EXPECT_FLOAT_EQ(p.crossfade_weight(), 1.0f);
    anim::Frame f;
    anim::evaluate(rig(), lunge(), 0.0f, f);
    EXPECT_LT(pose_difference(p.pose(), f.pose), 1e-5f);
    // Another clip fades from the lunge.
    const anat::Pose lunge_pose = p.pose();
    p.select("standing_quad");
    EXPECT_LT(pose_difference(p.pose(), lunge_pose), 1e-5f);
    p.update(0.6f);
    EXPECT_FLOAT_EQ(p.crossfade_weight(), 1.0f);
}

TEST(Player, SideSwitchPlaysTheMirrorImage) {
    anim::Player p(rig(), library());
    p.select("half_kneeling_hip_flexor");
    p.seek(phase_start(lunge(), anim::Phase::hold) + 5.0f);
    p.update(1.0f);
    const anat::Pose right = p.pose();
    p.set_side(anim::Side::left);
    EXPECT_EQ(p.side(), anim::Side::left);
    EXPECT_LT(pose_difference(p.pose(), right), 1e-5f);  // fades from the right side's pose
    EXPECT_EQ(p.clip()->info.targets[0], "psoas_l");
    p.update(1.0f);
    EXPECT_LT(pose_difference(p.pose(), rig().mirror_pose(right)), 1e-4f);
    EXPECT_GT(animtest::angle_deg(p.pose(), "knee_l", "flexion"), 80.0f);  // the left knee is down now
}
