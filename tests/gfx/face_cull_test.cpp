// Back-face culling on the CPU: it must keep exactly the triangles the rasteriser would draw
// (the picture cannot change), from any viewpoint, through mirroring and non-uniform scale, and
// leave the undecidable (edge-on, degenerate) to the rasteriser.
#include "gfx/face_cull.hpp"

#include "core/mesh.hpp"

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

#include <random>

namespace {

struct Mesh {
    std::vector<glm::vec3> positions;
    std::vector<std::uint32_t> indices;
    explicit Mesh(const core::MeshData& m) : indices(m.indices) {
        for (const auto& v : m.vertices) positions.push_back(v.position);
    }
    std::size_t triangles() const { return indices.size() / 3; }
};

// Which triangles `kept` holds, by their index in `all` (kept must be an ordered subsequence).
std::vector<bool> kept_triangles(const std::vector<std::uint32_t>& all, const std::vector<std::uint32_t>& kept) {
    std::vector<bool> out(all.size() / 3, false);
    std::size_t k = 0;
    for (std::size_t t = 0; t < out.size() && k + 3 <= kept.size(); ++t) {
        if (kept[k] == all[3 * t] && kept[k + 1] == all[3 * t + 1] && kept[k + 2] == all[3 * t + 2]) {
            out[t] = true;
            k += 3;
        }
    }
    EXPECT_EQ(k, kept.size()) << "the kept triangles are not the mesh's own, in its order";
    return out;
}

std::vector<std::uint32_t> cull(const Mesh& m, glm::vec3 eye, bool mirrored) {
    std::vector<std::uint32_t> out;
    gfx::append_front_faces(m.positions, m.indices, eye, mirrored, out);
    return out;
}

std::vector<std::uint32_t> cull_with_planes(const Mesh& m, glm::vec3 eye, bool mirrored) {
    std::vector<std::uint32_t> out;
    const std::vector<glm::vec4> planes = gfx::face_planes(m.positions, m.indices);
    gfx::append_front_faces(planes, m.indices, eye, mirrored, 1e-4f * glm::length(eye), out);
    return out;
}

}  // namespace

TEST(FaceCull, ABoxSeenAlongAnAxisKeepsOnlyTheFaceTowardTheEye) {
    const Mesh box(core::make_box({0.5f, 0.5f, 0.5f}));
    ASSERT_EQ(box.triangles(), 12u);
    for (const auto& kept : {cull(box, {0, 0, 10}, false), cull_with_planes(box, {0, 0, 10}, false)}) {
        ASSERT_EQ(kept.size(), 6u) << "the two triangles of the +z face";
        for (std::uint32_t i : kept) EXPECT_FLOAT_EQ(box.positions[i].z, 0.5f);
    }
    // From a corner's direction, three faces show.
    EXPECT_EQ(cull(box, {5, 5, 5}, false).size(), 18u);
    EXPECT_EQ(cull_with_planes(box, {5, 5, 5}, false).size(), 18u);
}

TEST(FaceCull, AMirroringTransformKeepsTheOtherHalf) {
    const Mesh sphere(core::make_uv_sphere(1.0f, 24, 12));
    const glm::vec3 eye{0.3f, 2.0f, 6.0f};
    const auto front = kept_triangles(sphere.indices, cull(sphere, eye, false));
    const auto mirrored = kept_triangles(sphere.indices, cull(sphere, eye, true));
    std::size_t both = 0, either = 0;
    for (std::size_t t = 0; t < front.size(); ++t) {
        both += front[t] && mirrored[t] ? 1 : 0;
        either += front[t] || mirrored[t] ? 1 : 0;
    }
    EXPECT_EQ(either, sphere.triangles()) << "every triangle faces one way or the other";
    EXPECT_LE(both, 24u) << "only those too close to edge-on (or degenerate at the poles) are in both";
}

TEST(FaceCull, AgreesWithTheRasterisersWindingFromAnyViewpoint) {
    // The rasteriser's rule: a triangle is front-facing when its projected corners run counter-
    // clockwise on screen. Compared for every triangle not within a hair of edge-on, through
    // rotation, non-uniform scale and mirroring, with both forms of the test.
    const Mesh sphere(core::make_uv_sphere(0.7f, 32, 16));
    const Mesh box(core::make_box({0.4f, 0.2f, 0.6f}));
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    int compared = 0;
    for (const Mesh* mesh : {&sphere, &box}) {
        for (int trial = 0; trial < 40; ++trial) {
            const glm::vec3 axis = glm::normalize(glm::vec3(u(rng), u(rng), u(rng)) + glm::vec3(0.0f, 0.0f, 1e-3f));
            const glm::vec3 scale{1.0f + 0.5f * u(rng), 1.0f + 0.5f * u(rng), (trial % 2 == 0 ? 1.0f : -1.0f) * (1.0f + 0.5f * u(rng))};
            const glm::mat4 model = glm::translate(glm::mat4(1.0f), glm::vec3(u(rng), u(rng), u(rng)) * 0.3f) *
                                    glm::rotate(glm::mat4(1.0f), 3.0f * u(rng), axis) * glm::scale(glm::mat4(1.0f), scale);
            const glm::vec3 eye = glm::normalize(glm::vec3(u(rng), u(rng), u(rng)) + glm::vec3(1e-3f)) * (3.0f + 2.0f * (u(rng) + 1.0f));
            const glm::mat4 view_proj = glm::perspective(0.8f, 1.5f, 0.05f, 50.0f) * glm::lookAt(eye, glm::vec3(0.0f), glm::vec3(0, 1, 0));
            const bool mirrored = glm::determinant(glm::mat3(model)) < 0.0f;
            const glm::vec3 local_eye = glm::vec3(glm::inverse(model) * glm::vec4(eye, 1.0f));
            const auto by_position = kept_triangles(mesh->indices, cull(*mesh, local_eye, mirrored));
            std::vector<std::uint32_t> planes_kept;
            const std::vector<glm::vec4> planes = gfx::face_planes(mesh->positions, mesh->indices);
            gfx::append_front_faces(planes, mesh->indices, local_eye, mirrored, 1e-4f * glm::length(local_eye) * 3.0f, planes_kept);
            const auto by_plane = kept_triangles(mesh->indices, planes_kept);
            for (std::size_t t = 0; t < mesh->triangles(); ++t) {
                glm::vec2 ndc[3];
                for (int k = 0; k < 3; ++k) {
                    const glm::vec4 clip = view_proj * model * glm::vec4(mesh->positions[mesh->indices[3 * t + static_cast<std::size_t>(k)]], 1.0f);
                    ASSERT_GT(clip.w, 0.0f);
                    ndc[k] = glm::vec2(clip) / clip.w;
                }
                const glm::vec2 e1 = ndc[1] - ndc[0], e2 = ndc[2] - ndc[0];
                const float area = e1.x * e2.y - e1.y * e2.x;
                const float scale2 = glm::length(e1) * glm::length(e2);
                if (std::abs(area) <= 1e-3f * scale2) continue;  // within a hair of edge-on: either answer
                EXPECT_EQ(by_position[t], area > 0.0f) << "triangle " << t << ", trial " << trial;
                EXPECT_EQ(by_plane[t], area > 0.0f) << "triangle " << t << ", trial " << trial << " (planes)";
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 20000);
}

TEST(FaceCull, EdgeOnAndDegenerateTrianglesAreLeftToTheRasteriser) {
    Mesh m(core::MeshData{});
    m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {2, 2, 2}, {3, 3, 3}};
    m.indices = {0, 1, 2,   // in the plane z = 0
                 3, 4, 3,   // degenerate: a repeated corner
                 0, 3, 4};  // degenerate: collinear corners
    const glm::vec3 in_plane{5.0f, 3.0f, 0.0f};
    EXPECT_EQ(cull(m, in_plane, false).size(), 9u);
    EXPECT_EQ(cull_with_planes(m, in_plane, false).size(), 9u);
    EXPECT_EQ(cull(m, {0.2f, 0.2f, -4.0f}, false).size(), 6u) << "seen from behind, only the degenerate two stay";
    EXPECT_EQ(cull_with_planes(m, {0.2f, 0.2f, -4.0f}, false).size(), 6u);
}

TEST(FaceCull, AppendsAfterWhatIsThereAndDropsTrianglesWithBadIndices) {
    Mesh m(core::MeshData{});
    m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    m.indices = {0, 1, 2, 0, 1, 99, 0, 1};  // a good triangle, one out of range, a stray pair
    const glm::vec3 eye{0.2f, 0.2f, 3.0f};
    std::vector<std::uint32_t> out{42u};
    gfx::append_front_faces(m.positions, m.indices, eye, false, out);
    EXPECT_EQ(out, (std::vector<std::uint32_t>{42u, 0u, 1u, 2u}));
    out = {42u};
    const std::vector<glm::vec4> planes = gfx::face_planes(m.positions, m.indices);
    ASSERT_EQ(planes.size(), 2u);
    gfx::append_front_faces(planes, m.indices, eye, false, 1e-3f, out);
    EXPECT_EQ(out, (std::vector<std::uint32_t>{42u, 0u, 1u, 2u}));
}
