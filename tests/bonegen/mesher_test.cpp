// Surface extraction (marching tetrahedra) and simplification.
#include "bonegen/mesher.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace bonegen;

namespace {

Shape ball(const glm::vec3& c, float r) {
    Shape s;
    s.add(sphere(c, r));
    return s;
}

int euler_characteristic(const RawMesh& m) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (std::size_t t = 0; t < m.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            std::uint32_t a = m.indices[t + static_cast<std::size_t>(e)], b = m.indices[t + static_cast<std::size_t>((e + 1) % 3)];
            if (a > b) std::swap(a, b);
            edges[{a, b}] = 1;
        }
    return static_cast<int>(m.positions.size()) - static_cast<int>(edges.size()) + static_cast<int>(m.triangle_count());
}

}  // namespace

TEST(Mesher, SphereIsClosedOrientedAndHasTheRightVolume) {
    const float r = 0.03f;
    const Shape s = ball({0.01f, 1.0f, -0.02f}, r);
    const RawMesh m = extract_surface(s, 0.0015f);
    const MeshCheck c = check_mesh(m.positions, m.indices);
    EXPECT_TRUE(c.closed);
    EXPECT_EQ(c.degenerate, 0u);
    EXPECT_EQ(euler_characteristic(m), 2);
    const double exact = 4.0 / 3.0 * 3.14159265358979 * r * r * r;
    EXPECT_NEAR(mesh_volume(m.positions, m.indices), exact, exact * 0.01);  // positive: faces point out
}

TEST(Mesher, TorusKeepsItsHole) {
    Shape s;
    s.add(torus(Frame::from_up_forward({0.0f, 0.5f, 0.0f}, {0.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 1.0f}), 0.04f, 0.01f));
    const RawMesh m = extract_surface(s, 0.002f);
    EXPECT_TRUE(check_mesh(m.positions, m.indices).closed);
    EXPECT_EQ(euler_characteristic(m), 0);  // genus one
}

TEST(Mesher, EmptyShapeGivesNothing) {
    Shape s;
    EXPECT_TRUE(extract_surface(s, 0.001f).positions.empty());
}

TEST(Mesher, SimplifiedMeshStaysClosedAndOnTheSurface) {
    Shape s;
    s.add(capsule({0.0f, 0.0f, 0.0f}, {0.0f, 0.12f, 0.0f}, 0.012f));
    s.add(sphere({0.0f, 0.13f, 0.0f}, 0.022f), 0.008f);
    s.cut(sphere({0.015f, 0.14f, 0.0f}, 0.01f), 0.003f);
    const float step = 0.001f;
    const RawMesh raw = extract_surface(s, step);
    const RawMesh m = simplify(raw, 600, s, step);
    EXPECT_LE(m.triangle_count(), 700u);
    EXPECT_GE(m.triangle_count(), 500u);
    const MeshCheck c = check_mesh(m.positions, m.indices);
    EXPECT_TRUE(c.closed);
    EXPECT_EQ(c.degenerate, 0u);
    float worst = 0.0f;
    for (const auto& p : m.positions) worst = std::max(worst, std::abs(s.eval(p)));
    EXPECT_LT(worst, 2e-5f);  // projected onto the field: no lattice staircase
    // Volume survives simplification to within a few percent.
    EXPECT_NEAR(mesh_volume(m.positions, m.indices), mesh_volume(raw.positions, raw.indices), mesh_volume(raw.positions, raw.indices) * 0.04);
}

TEST(Mesher, MirrorImageShapesGiveMirrorImageMeshes) {
    // The lattice is symmetric in x, so a shape and its mirror are sampled at mirrored points (the
    // cells' split into tetrahedra is not mirror-symmetric, so counts differ a little).
    const RawMesh a = extract_surface(ball({0.0731f, 0.4f, 0.01f}, 0.021f), 0.0013f);
    const RawMesh b = extract_surface(ball({-0.0731f, 0.4f, 0.01f}, 0.021f), 0.0013f);
    EXPECT_NEAR(static_cast<double>(a.triangle_count()), static_cast<double>(b.triangle_count()), 0.002 * static_cast<double>(a.triangle_count()));
    glm::vec3 amin(1e9f), amax(-1e9f), bmin(1e9f), bmax(-1e9f);
    for (const auto& p : a.positions) amin = glm::min(amin, p), amax = glm::max(amax, p);
    for (const auto& p : b.positions) bmin = glm::min(bmin, p), bmax = glm::max(bmax, p);
    EXPECT_NEAR(amin.x, -bmax.x, 1e-5f);
    EXPECT_NEAR(amax.x, -bmin.x, 1e-5f);
    EXPECT_NEAR(amin.y, bmin.y, 1e-5f);
}

TEST(Mesher, CheckFindsOpenAndDegenerateMeshes) {
    std::vector<glm::vec3> p = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    std::vector<std::uint32_t> tetra = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
    EXPECT_TRUE(check_mesh(p, tetra).closed);
    std::vector<std::uint32_t> open(tetra.begin(), tetra.begin() + 9);
    EXPECT_FALSE(check_mesh(p, open).closed);
    std::vector<std::uint32_t> flat = tetra;
    flat.insert(flat.end(), {0, 0, 1});
    EXPECT_EQ(check_mesh(p, flat).degenerate, 1u);
}
