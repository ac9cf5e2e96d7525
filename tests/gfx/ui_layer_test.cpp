#include "gfx/ui_layer.hpp"

#include <gtest/gtest.h>

#include <random>

namespace {

// How many rectangles cover each pixel of a 64 x 64 grid.
std::vector<int> coverage(const std::vector<gfx::PixelRect>& rects) {
    std::vector<int> c(64 * 64, 0);
    for (const auto& r : rects)
        for (int y = std::max(r.y0, 0); y < std::min(r.y1, 64); ++y)
            for (int x = std::max(r.x0, 0); x < std::min(r.x1, 64); ++x) ++c[static_cast<std::size_t>(y * 64 + x)];
    return c;
}

std::vector<gfx::PixelRect> random_rects(std::mt19937& rng, int n) {
    std::uniform_int_distribution<int> pos(0, 56), size(1, 20);
    std::vector<gfx::PixelRect> out;
    for (int i = 0; i < n; ++i) {
        const int x = pos(rng), y = pos(rng);
        out.push_back({x, y, std::min(64, x + size(rng)), std::min(64, y + size(rng))});
    }
    return out;
}

}  // namespace

TEST(UiLayerRects, IntersectAndUnite) {
    const gfx::PixelRect a{0, 0, 10, 10}, b{5, 5, 20, 8}, c{30, 30, 40, 40};
    EXPECT_EQ(gfx::intersect(a, b), (gfx::PixelRect{5, 5, 10, 8}));
    EXPECT_TRUE(gfx::intersect(a, c).empty());
    EXPECT_EQ(gfx::unite(a, c), (gfx::PixelRect{0, 0, 40, 40}));
    EXPECT_EQ(gfx::unite(gfx::PixelRect{}, b), b);
}

TEST(UiLayerRects, SubtractLeavesExactlyTheRest) {
    const gfx::PixelRect a{0, 0, 30, 30}, b{10, 10, 20, 40};
    const auto rest = gfx::subtract(a, b);
    const auto ca = coverage({a}), cb = coverage({b}), cr = coverage(rest);
    for (std::size_t i = 0; i < ca.size(); ++i) EXPECT_EQ(cr[i], (ca[i] && !cb[i]) ? 1 : 0) << i;
    EXPECT_EQ(gfx::subtract(a, {40, 40, 50, 50}).size(), 1u);  // apart: the whole of a
    EXPECT_TRUE(gfx::subtract(a, {-5, -5, 35, 35}).empty());   // covered: nothing
}

// The blend over the 3D view needs each pixel once; the redraw needs every changed pixel.
TEST(UiLayerRects, DisjointCoversEveryPixelOnceAndCoverMissesNone) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        const auto rects = random_rects(rng, 1 + trial % 12);
        const auto want = coverage(rects);
        const auto once = coverage(gfx::disjoint_rects(rects));
        const auto merged = coverage(gfx::merge_rects(rects, 3));
        const auto covered = coverage(gfx::cover_rects(rects, 4));
        EXPECT_LE(gfx::merge_rects(rects, 3).size(), 3u);
        EXPECT_LE(gfx::cover_rects(rects, 4).size(), 4u);
        for (std::size_t i = 0; i < want.size(); ++i) {
            ASSERT_LE(once[i], 1) << "disjoint_rects overlapped, trial " << trial << " pixel " << i;
            ASSERT_LE(merged[i], 1) << "merge_rects overlapped, trial " << trial;
            if (want[i]) {
                ASSERT_EQ(once[i], 1) << trial;
                ASSERT_GE(merged[i], 1) << trial;
                ASSERT_GE(covered[i], 1) << trial;
            }
        }
    }
}

TEST(UiLayerRects, CoverKeepsFarApartRectanglesApart) {
    // A status bar along the bottom and a panel at the side must not become the whole window.
    const auto out = gfx::cover_rects({{0, 860, 1440, 900}, {0, 20, 340, 862}, {700, 400, 760, 430}}, 8);
    long area = 0;
    for (const auto& r : out) area += r.area();
    EXPECT_LT(area, 1440L * 40 + 340L * 842 + 60L * 30 + 1000);
}
