// Signed distance primitives and the culling that makes them fast.
#include "bonegen/sdf.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace bonegen;

namespace {

glm::vec3 random_point(std::mt19937& rng, const glm::vec3& centre, float radius) {
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    return centre + glm::vec3(u(rng), u(rng), u(rng)) * radius;
}

}  // namespace

TEST(Sdf, ExactPrimitivesGiveEuclideanDistances) {
    Shape ball;
    ball.add(sphere({0.1f, 1.0f, -0.2f}, 0.03f));
    EXPECT_NEAR(ball.eval({0.1f, 1.0f, -0.2f}), -0.03f, 1e-6f);
    EXPECT_NEAR(ball.eval({0.1f, 1.05f, -0.2f}), 0.02f, 1e-6f);

    Shape rod;
    rod.add(capsule({0.0f, 0.0f, 0.0f}, {0.0f, 0.1f, 0.0f}, 0.01f));
    EXPECT_NEAR(rod.eval({0.03f, 0.05f, 0.0f}), 0.02f, 1e-6f);  // beside the shaft
    EXPECT_NEAR(rod.eval({0.0f, 0.13f, 0.0f}), 0.02f, 1e-6f);   // beyond the cap

    Shape box;
    box.add(round_box(Frame::from_up_forward({0.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}), {0.02f, 0.03f, 0.04f}, 0.005f));
    EXPECT_NEAR(box.eval({0.05f, 0.0f, 0.0f}), 0.03f, 1e-6f);
    EXPECT_NEAR(box.eval({0.0f, 0.0f, 0.0f}), -0.02f, 1e-6f);

    // A tapered capsule touches both end spheres and the line tangent to them.
    Shape taper;
    taper.add(cone({0.0f, 0.0f, 0.0f}, {0.1f, 0.0f, 0.0f}, 0.02f, 0.01f));
    EXPECT_NEAR(taper.eval({-0.05f, 0.0f, 0.0f}), 0.03f, 1e-6f);
    EXPECT_NEAR(taper.eval({0.15f, 0.0f, 0.0f}), 0.04f, 1e-6f);
    EXPECT_LT(taper.eval({0.05f, 0.0f, 0.0f}), -0.01f);
}

TEST(Sdf, ApproximatePrimitivesHaveTheRightSignAndNeverOverestimate) {
    const Frame f = Frame::from_up_forward({0.0f, 1.0f, 0.0f}, {0.3f, 1.0f, 0.1f}, {0.0f, 0.0f, 1.0f});
    Shape e;
    e.add(ellipsoid(f, {0.05f, 0.02f, 0.01f}));
    EXPECT_LT(e.eval(f.origin), 0.0f);
    EXPECT_NEAR(e.eval(f.to_world({0.05f, 0.0f, 0.0f})), 0.0f, 1e-6f);
    EXPECT_NEAR(e.eval(f.to_world({0.0f, 0.02f, 0.0f})), 0.0f, 1e-6f);
    // Outside, the value is a lower bound of the distance: the point at distance 0.03 along x.
    EXPECT_LE(e.eval(f.to_world({0.08f, 0.0f, 0.0f})), 0.03f + 1e-6f);
    EXPECT_GT(e.eval(f.to_world({0.08f, 0.0f, 0.0f})), 0.0f);
}

TEST(Sdf, SmoothBlendsOnlyAddMaterialNearTheSeam) {
    Shape hard, soft;
    for (Shape* s : {&hard, &soft}) {
        const float k = s == &soft ? 0.01f : 0.0f;
        s->add(sphere({0.0f, 0.0f, 0.0f}, 0.02f));
        s->add(sphere({0.035f, 0.0f, 0.0f}, 0.02f), k);
    }
    // The blend fills the crease between the spheres (more negative there)...
    const glm::vec3 crease{0.0175f, 0.017f, 0.0f};
    EXPECT_LT(soft.eval(crease), hard.eval(crease) - 1e-4f);
    // ...and leaves points far from the seam alone.
    EXPECT_FLOAT_EQ(soft.eval({-0.05f, 0.0f, 0.0f}), hard.eval({-0.05f, 0.0f, 0.0f}));
}

TEST(Sdf, BrickCullingNeverChangesTheField) {
    // A shape like a bone: unions, cuts, a clip, a sweep and a nested group.
    Shape s;
    s.add(capsule({0.0f, 0.0f, 0.0f}, {0.0f, 0.2f, 0.0f}, 0.015f));
    s.add(sphere({0.0f, 0.21f, 0.0f}, 0.025f), 0.01f);
    s.add(sweep({{{0.02f, 0.05f, 0.0f}, 0.006f, 0.004f, {0.0f, 1.0f, 0.0f}},
                 {{0.06f, 0.08f, 0.01f}, 0.005f, 0.003f, {0.0f, 1.0f, 0.0f}},
                 {{0.09f, 0.07f, 0.03f}, 0.004f, 0.004f, {0.0f, 1.0f, 0.0f}}}),
          0.006f);
    Shape knob;
    knob.add(ellipsoid(Frame::from_up_forward({-0.02f, 0.12f, 0.0f}, {0.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}), {0.01f, 0.02f, 0.012f}));
    knob.clip(plane({-0.02f, 0.12f, 0.0f}, {0.0f, -1.0f, 0.0f}), 0.002f);
    s.add(knob, 0.004f);
    s.cut(sphere({0.0f, 0.23f, 0.02f}, 0.01f), 0.003f);
    s.cut(capsule({-0.05f, 0.1f, 0.0f}, {0.05f, 0.1f, 0.0f}, 0.004f), 0.002f);

    std::mt19937 rng(7);
    std::vector<std::uint8_t> skip;
    int culled = 0;
    for (int ball = 0; ball < 200; ++ball) {
        const glm::vec3 c = random_point(rng, {0.02f, 0.12f, 0.01f}, 0.12f);
        const float r = 0.012f;
        s.cull(c, r * 1.8f, skip);
        for (std::uint8_t k : skip) culled += k;
        for (int i = 0; i < 20; ++i) {
            const glm::vec3 p = random_point(rng, c, r * 0.57f);  // inside the ball
            ASSERT_FLOAT_EQ(s.eval(p, skip), s.eval(p)) << "ball " << ball;
        }
    }
    EXPECT_GT(culled, 200);  // and it does skip work
}

TEST(Sdf, FieldIsContinuousAcrossCulledRegions) {
    // Culling by boxes inside evaluation must not create jumps (they would make stray shells).
    Shape s;
    s.add(sweep({{{0.0f, 0.0f, 0.0f}, 0.01f, 0.004f, {0.0f, 0.0f, 1.0f}},
                 {{0.05f, 0.02f, 0.0f}, 0.012f, 0.005f, {0.0f, 0.0f, 1.0f}},
                 {{0.1f, 0.0f, 0.0f}, 0.008f, 0.004f, {0.0f, 0.0f, 1.0f}}}));
    s.add(sphere({0.05f, 0.03f, 0.0f}, 0.01f), 0.004f);
    s.cut(sphere({0.02f, 0.0f, 0.006f}, 0.004f), 0.001f);
    const float h = 2e-4f;
    float worst = 0.0f;
    for (float x = -0.02f; x < 0.12f; x += 0.0013f)
        for (float y = -0.02f; y < 0.05f; y += 0.0013f)
            for (float z = -0.02f; z < 0.02f; z += 0.0013f) {
                const glm::vec3 p{x, y, z};
                const float d = s.eval(p);
                for (int a = 0; a < 3; ++a) {
                    glm::vec3 q = p;
                    q[a] += h;
                    worst = std::max(worst, std::abs(s.eval(q) - d) / h);
                }
            }
    EXPECT_LT(worst, 1.3f);
}
