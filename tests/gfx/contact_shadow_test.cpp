// The contact shadow computed on the CPU: dark right under what touches the floor, fading with
// height, soft at the edge, following the caster's placement, and safe with bad indices.
#include "gfx/contact_shadow.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include <array>

namespace {

constexpr int size = 64;
const glm::vec4 rect{-1.0f, -1.0f, 2.0f, 2.0f};  // 2 m square around the origin: 3 cm texels

// A horizontal square of half-width `half` at height `y`, centred on the origin.
struct Square {
    std::array<glm::vec3, 4> positions;
    std::array<std::uint32_t, 6> indices{0, 1, 2, 0, 2, 3};
    Square(float half, float y) : positions{{{-half, y, -half}, {half, y, -half}, {half, y, half}, {-half, y, half}}} {}
    gfx::ShadowCaster caster(glm::mat4 m = glm::mat4(1.0f)) const { return {positions, indices, m}; }
};

int texel(const std::vector<std::uint8_t>& t, float x_m, float z_m) {
    const int x = static_cast<int>((x_m - rect.x) / rect.z * size), y = static_cast<int>((z_m - rect.y) / rect.w * size);
    return t[static_cast<std::size_t>(y) * size + static_cast<std::size_t>(x)];
}

}  // namespace

TEST(ContactShadow, OcclusionIsFullAtTheFloorAndFadesWithHeight) {
    EXPECT_FLOAT_EQ(gfx::contact_occlusion(0.0f), 1.0f);
    EXPECT_FLOAT_EQ(gfx::contact_occlusion(-0.05f), 1.0f) << "below the floor counts as touching";
    EXPECT_GT(gfx::contact_occlusion(0.02f), gfx::contact_occlusion(0.2f));
    EXPECT_GT(gfx::contact_occlusion(0.2f), gfx::contact_occlusion(1.0f));
    EXPECT_GT(gfx::contact_occlusion(1.0f), 0.05f) << "a faint wide shade up to a metre";
    EXPECT_LT(gfx::contact_occlusion(3.0f), 0.02f);
}

TEST(ContactShadow, DarkUnderTheCasterSoftAtItsEdgeAndClearFarAway) {
    const Square low(0.3f, 0.02f);
    const std::array casters{low.caster()};
    std::vector<std::uint8_t> t;
    gfx::render_contact_shadow(casters, 0.0f, rect, size, t);
    ASSERT_EQ(t.size(), static_cast<std::size_t>(size * size));
    EXPECT_GT(texel(t, 0.0f, 0.0f), 180);  // 2 cm up: exp(-2/7), about 0.75 of full
    const int edge = texel(t, 0.33f, 0.0f), outside = texel(t, 0.45f, 0.0f);
    EXPECT_LT(edge, texel(t, 0.0f, 0.0f));
    EXPECT_GT(edge, outside) << "a penumbra falls off across the edge";
    EXPECT_GT(outside, 0);
    EXPECT_EQ(texel(t, 0.9f, 0.9f), 0);
    EXPECT_NEAR(texel(t, -0.2f, 0.1f), texel(t, 0.2f, 0.1f), 2) << "symmetric under a symmetric caster";
}

TEST(ContactShadow, AHigherCasterIsLighterAndTheFloorHeightCounts) {
    const Square low(0.3f, 0.02f), high(0.3f, 0.6f);
    std::vector<std::uint8_t> t_low, t_high, t_raised_floor;
    gfx::render_contact_shadow(std::array{low.caster()}, 0.0f, rect, size, t_low);
    gfx::render_contact_shadow(std::array{high.caster()}, 0.0f, rect, size, t_high);
    gfx::render_contact_shadow(std::array{high.caster()}, 0.58f, rect, size, t_raised_floor);
    EXPECT_LT(texel(t_high, 0.0f, 0.0f), texel(t_low, 0.0f, 0.0f) / 2);
    EXPECT_GT(texel(t_high, 0.0f, 0.0f), 20);
    EXPECT_NEAR(texel(t_raised_floor, 0.0f, 0.0f), texel(t_low, 0.0f, 0.0f), 2) << "height is measured from the floor";
}

TEST(ContactShadow, FollowsTheCastersPlacementAndIgnoresBadTriangles) {
    Square moved(0.15f, 0.01f);
    moved.indices[5] = 99;  // the second triangle points past the vertices: skipped, not read
    std::vector<std::uint8_t> t;
    const glm::mat4 m = glm::translate(glm::mat4(1.0f), {0.5f, 0.0f, -0.4f});
    gfx::render_contact_shadow(std::array{moved.caster(m)}, 0.0f, rect, size, t);
    // The first triangle (corners 0, 1, 2) covers the half with x above z, in mesh space.
    EXPECT_GT(texel(t, 0.5f + 0.1f, -0.4f - 0.1f), 150);
    EXPECT_EQ(texel(t, 0.0f, 0.0f), 0);
    EXPECT_EQ(texel(t, -0.5f, 0.4f), 0);

    std::vector<std::uint8_t> none;
    gfx::render_contact_shadow({}, 0.0f, rect, size, none);
    EXPECT_EQ(none, std::vector<std::uint8_t>(static_cast<std::size_t>(size * size), 0));
    gfx::render_contact_shadow(std::array{moved.caster()}, 0.0f, glm::vec4(0.0f), size, none);
    EXPECT_EQ(none.size(), static_cast<std::size_t>(size * size)) << "an empty rectangle leaves a clear map";
}

TEST(ContactShadow, ItsExtentHoldsEveryShadedTexelAndNoMore) {
    // A long narrow caster off to one side: the extent hugs its blurred footprint.
    const Square bar(0.1f, 0.02f);
    const glm::mat4 placed = glm::scale(glm::translate(glm::mat4(1.0f), {0.4f, 0.0f, 0.0f}), {1.0f, 1.0f, 6.0f});
    const std::array<gfx::ShadowCaster, 1> casters{bar.caster(placed)};
    std::vector<std::uint8_t> t;
    gfx::render_contact_shadow(casters, 0.0f, rect, size, t);
    const glm::ivec4 e = gfx::shadow_extent(t, size);
    ASSERT_GT(e.z, e.x);
    ASSERT_GT(e.w, e.y);
    int outside = 0, inside_shaded = 0;
    for (int z = 0; z < size; ++z)
        for (int x = 0; x < size; ++x) {
            const bool in = x >= e.x && x < e.z && z >= e.y && z < e.w;
            const std::uint8_t v = t[static_cast<std::size_t>(z) * size + static_cast<std::size_t>(x)];
            outside += !in && v != 0 ? 1 : 0;
            inside_shaded += in && v != 0 ? 1 : 0;
        }
    EXPECT_EQ(outside, 0) << "no shade outside the extent";
    // Tight: its edge rows and columns each hold shade.
    auto any_in_column = [&](int x) {
        for (int z = 0; z < size; ++z)
            if (t[static_cast<std::size_t>(z) * size + static_cast<std::size_t>(x)]) return true;
        return false;
    };
    auto any_in_row = [&](int z) {
        for (int x = 0; x < size; ++x)
            if (t[static_cast<std::size_t>(z) * size + static_cast<std::size_t>(x)]) return true;
        return false;
    };
    EXPECT_TRUE(any_in_column(e.x) && any_in_column(e.z - 1) && any_in_row(e.y) && any_in_row(e.w - 1));
    // The bar is 0.2 m wide and 1.2 m long, right of centre: a narrow tall extent, left edge past the middle.
    EXPECT_LT(e.z - e.x, (e.w - e.y) / 2);
    EXPECT_GT(e.x, size / 2);
    EXPECT_GT(inside_shaded, 0);

    // Nothing casting, or a map of the wrong size: empty.
    std::vector<std::uint8_t> none(static_cast<std::size_t>(size * size), 0);
    const glm::ivec4 empty = gfx::shadow_extent(none, size);
    EXPECT_LE(empty.z, empty.x);
    const glm::ivec4 short_map = gfx::shadow_extent(std::span<const std::uint8_t>(t.data(), 10), size);
    EXPECT_LE(short_map.z, short_map.x);
}
