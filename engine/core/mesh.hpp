// core/mesh.hpp: the CPU triangle mesh every module shares (import, generators, muscle sweeps).
#pragma once

#include "core/math.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

// One vertex as the GPU sees it (36 bytes).
// uv: texture or surface parameter (muscles: x = around, y = along the fibres).
// color: RGB albedo tint and, in alpha, baked ambient occlusion (255 = unoccluded).
struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    glm::vec2 uv{0.0f};
    glm::u8vec4 color{255, 255, 255, 255};
};
static_assert(sizeof(Vertex) == 36, "Vertex layout is shared with the GPU");

struct MeshData {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices;  // triangles, counter-clockwise when seen from outside

    std::size_t triangle_count() const { return indices.size() / 3; }
    Bounds bounds() const;
    // Recomputes smooth normals as area-weighted face normals.
    void compute_normals();
    // Appends another mesh (indices re-based).
    void append(const MeshData& other);
    // Appends another mesh moved by `m` (normals by its rotation part).
    void append_transformed(const MeshData& other, const glm::mat4& m);
    // The volume a closed mesh encloses (mesh units cubed; the divergence theorem over its
    // triangles, so positive when they wind counter-clockwise seen from outside).
    double enclosed_volume() const;
};

// Simple shapes, used by placeholders, gizmos and tests.
MeshData make_uv_sphere(float radius, int segments, int rings);
MeshData make_box(const glm::vec3& half_extent);
MeshData make_cylinder(float radius, float height, int segments);  // along +Y, centred

}  // namespace core
