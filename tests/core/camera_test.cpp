#include "core/camera.hpp"

#include <gtest/gtest.h>

#include <cmath>

using core::OrbitCamera;
using core::ViewPreset;

namespace {
constexpr glm::vec2 viewport{1280.0f, 720.0f};
}

TEST(Camera, TargetProjectsToTheViewportCentre) {
    OrbitCamera c;
    c.target = {0.3f, 1.1f, -0.2f};
    c.orbit(0.7f, 0.3f);
    const auto p = c.project(c.target, viewport);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p->x, 640.0f, 0.01f);
    EXPECT_NEAR(p->y, 360.0f, 0.01f);
}

TEST(Camera, PresetsPlaceTheEyeOnTheAnatomicalSide) {
    OrbitCamera c;
    c.target = glm::vec3(0.0f);
    c.set_preset(ViewPreset::anterior);
    EXPECT_GT(c.eye().z, 2.9f);  // in front of the body (+Z)
    c.set_preset(ViewPreset::posterior);
    EXPECT_LT(c.eye().z, -2.9f);
    c.set_preset(ViewPreset::left);
    EXPECT_GT(c.eye().x, 2.9f);  // the body's left is +X
    c.set_preset(ViewPreset::right);
    EXPECT_LT(c.eye().x, -2.9f);
    c.set_preset(ViewPreset::superior);
    EXPECT_GT(c.eye().y, 2.9f);
}

TEST(Camera, AnteriorViewShowsTheBodysLeftOnTheScreensRight) {
    OrbitCamera c;
    c.target = glm::vec3(0.0f);
    c.set_preset(ViewPreset::anterior);
    const auto left = c.project({0.2f, 0.0f, 0.0f}, viewport);
    ASSERT_TRUE(left);
    EXPECT_GT(left->x, 640.0f);  // facing the patient, their left is on our right
    const auto up = c.project({0.0f, 0.2f, 0.0f}, viewport);
    EXPECT_LT(up->y, 360.0f);  // up is up
}

TEST(Camera, RayThroughAProjectedPointPassesThroughIt) {
    OrbitCamera c;
    c.orbit(-0.4f, 0.25f);
    const glm::vec3 world{0.2f, 1.3f, 0.1f};
    const auto px = c.project(world, viewport);
    ASSERT_TRUE(px);
    const auto ray = c.ray_through_pixel(*px, viewport);
    const glm::vec3 to = world - ray.origin;
    const float along = glm::dot(to, ray.direction);
    EXPECT_LT(glm::length(to - ray.direction * along), 1e-4f);
}

TEST(Camera, ZoomAboutAnAnchorKeepsItsPixel) {
    OrbitCamera c;
    c.orbit(0.5f, 0.2f);
    const glm::vec3 anchor{0.25f, 1.4f, 0.05f};
    const auto before = c.project(anchor, viewport);
    const float d0 = c.distance_m;
    c.zoom_about(0.6f, anchor);
    const auto after = c.project(anchor, viewport);
    ASSERT_TRUE(before && after);
    EXPECT_NEAR(before->x, after->x, 0.05f);
    EXPECT_NEAR(before->y, after->y, 0.05f);
    EXPECT_NEAR(c.distance_m, d0 * 0.6f, 1e-4f);
}

TEST(Camera, PanMovesTheSceneWithTheMouse) {
    OrbitCamera c;
    const glm::vec3 p{0.0f, 0.9f, 0.0f};
    const auto before = c.project(p, viewport);
    c.pan_pixels({100.0f, 0.0f}, viewport.y);
    const auto after = c.project(p, viewport);
    EXPECT_NEAR(after->x - before->x, 100.0f, 0.5f);
}

TEST(Camera, PitchIsClampedShortOfThePole) {
    OrbitCamera c;
    c.orbit(0.0f, 10.0f);
    EXPECT_LE(c.pitch_rad, OrbitCamera::max_pitch_rad);
    EXPECT_TRUE(std::isfinite(c.view()[0][0]));
}

TEST(Camera, FrameSphereFitsTheSphereInView) {
    OrbitCamera c;
    c.frame_sphere({0.0f, 0.9f, 0.0f}, 1.0f, 16.0f / 9.0f);
    for (const glm::vec3 d : {glm::vec3(0, 1, 0), glm::vec3(0, -1, 0), glm::vec3(1, 0, 0), glm::vec3(-1, 0, 0)}) {
        const auto p = c.project(glm::vec3(0.0f, 0.9f, 0.0f) + d, viewport);
        ASSERT_TRUE(p);
        EXPECT_GE(p->x, 0.0f);
        EXPECT_LE(p->x, viewport.x);
        EXPECT_GE(p->y, 0.0f);
        EXPECT_LE(p->y, viewport.y);
    }
}

TEST(CameraAnimator, ConvergesToTheGoalAndTakesTheShortWayRound) {
    OrbitCamera start;
    start.yaw_rad = core::deg_to_rad(170.0f);
    core::CameraAnimator anim(start);
    OrbitCamera goal = start;
    goal.yaw_rad = core::deg_to_rad(-170.0f);
    goal.distance_m = 1.5f;
    anim.set_goal(goal);
    anim.update(1.0f / 60.0f);
    // Going from 170 to -170 the short way passes through 180, not through 0.
    EXPECT_GT(std::abs(anim.current().yaw_rad), core::deg_to_rad(170.0f));
    for (int i = 0; i < 120; ++i) anim.update(1.0f / 60.0f);
    EXPECT_FALSE(anim.animating());
    EXPECT_NEAR(anim.current().distance_m, 1.5f, 1e-4f);
}

TEST(Camera, ParsesViewPresetNames) {
    EXPECT_EQ(core::parse_view_preset("posterior"), ViewPreset::posterior);
    EXPECT_FALSE(core::parse_view_preset("sideways"));
}

TEST(Camera, FrameBoxFitsATallBoxSnugly) {
    OrbitCamera c;
    c.set_preset(ViewPreset::left);
    core::Bounds b;
    b.add({-0.2f, 0.0f, -0.15f});
    b.add({0.2f, 1.8f, 0.15f});
    c.frame_box(b, 1.0f);
    const auto top = c.project({0.0f, 1.8f, 0.0f}, {1000.0f, 1000.0f});
    const auto bottom = c.project({0.0f, 0.0f, 0.0f}, {1000.0f, 1000.0f});
    ASSERT_TRUE(top && bottom);
    EXPECT_GT(top->y, 0.0f);
    EXPECT_LT(bottom->y, 1000.0f);
    EXPECT_GT(bottom->y - top->y, 800.0f);  // fills most of the height
}

namespace {
// The view height at the target of a camera 3 m away with a 30 degree field of view: 1.61 m.
float view_height(const OrbitCamera& c) { return 2.0f * c.distance_m * std::tan(c.fov_y_rad * 0.5f); }
}  // namespace

TEST(TargetFollower, HoldsStillWhileTheAimStaysInsideTheDeadZone) {
    OrbitCamera c;
    core::TargetFollower follow;
    const glm::vec3 start = c.target;
    // A slow shift of 4 % of the view (a stretch's hold) over two seconds: the view does not move.
    for (int i = 0; i <= 120; ++i) {
        const glm::vec3 aim = start + glm::vec3(0.0f, 0.0f, 0.04f * view_height(c) * static_cast<float>(i) / 120.0f);
        c.target = follow.update(c, aim, 1.0f / 60.0f);
        ASSERT_EQ(c.target, start) << "frame " << i;
    }
    EXPECT_FALSE(follow.following());
}

TEST(TargetFollower, FollowsALargeMoveSmoothlyThenStopsExactly) {
    OrbitCamera c;
    core::TargetFollower follow;
    const glm::vec3 start = c.target;
    const glm::vec3 aim = start + glm::vec3(0.0f, -0.3f, 0.1f);  // kneeling down: 20 % of the view
    float last_off = glm::distance(aim, c.target);
    int moving_frames = 0;
    glm::vec3 settled{};
    for (int i = 0; i < 600; ++i) {
        const glm::vec3 before = c.target;
        c.target = follow.update(c, aim, 1.0f / 60.0f);
        const float off = glm::distance(aim, c.target);
        EXPECT_LE(off, last_off) << "never away from the aim";
        // Smooth: no frame moves more than the easing allows (2/s at 60 Hz is 3.3 % of the gap).
        EXPECT_LE(glm::distance(before, c.target), 0.034f * last_off + 1e-6f);
        last_off = off;
        if (c.target != before) {
            ++moving_frames;
            settled = c.target;
        }
    }
    EXPECT_GT(moving_frames, 60);   // it eased over more than a second
    EXPECT_LT(moving_frames, 300);  // and then stopped, not creeping on for ever
    EXPECT_EQ(c.target, settled);
    EXPECT_FALSE(follow.following());
    EXPECT_LT(glm::distance(aim, c.target), 0.005f * view_height(c));  // close: a few pixels
    EXPECT_GT(glm::distance(aim, c.target), 0.0f);                     // stopped short, no snap
}

TEST(TargetFollower, ScalesWithTheViewAndIgnoresBadInput) {
    // The same 10 cm move is a big one in a close view and nothing in a wide one.
    OrbitCamera close, wide;
    close.distance_m = 0.5f;
    wide.distance_m = 8.0f;
    core::TargetFollower a, b;
    const glm::vec3 aim = close.target + glm::vec3(0.1f, 0.0f, 0.0f);
    EXPECT_NE(a.update(close, aim, 0.1f), close.target);
    EXPECT_EQ(b.update(wide, aim, 0.1f), wide.target);
    // No time passing moves nothing; a non-finite aim is ignored.
    core::TargetFollower c;
    EXPECT_EQ(c.update(close, aim, 0.0f), close.target);
    EXPECT_EQ(c.update(close, glm::vec3(std::nanf("")), 0.1f), close.target);
}
