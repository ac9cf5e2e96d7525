#include "core/mesh.hpp"

#include <glm/gtc/matrix_inverse.hpp>

namespace core {

Bounds MeshData::bounds() const {
    Bounds b;
    for (const auto& v : vertices) b.add(v.position);
    return b;
}

double MeshData::enclosed_volume() const {
    double six_v = 0.0;
    for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
        const glm::dvec3 a = vertices[indices[i]].position, b = vertices[indices[i + 1]].position, c = vertices[indices[i + 2]].position;
        six_v += glm::dot(a, glm::cross(b, c));
    }
    return six_v / 6.0;
}

void MeshData::compute_normals() {
    std::vector<glm::vec3> acc(vertices.size(), glm::vec3(0.0f));
    for (std::size_t i = 0; i + 2 < indices.size(); i += 3) {
        const auto a = indices[i], b = indices[i + 1], c = indices[i + 2];
        const glm::vec3 n = glm::cross(vertices[b].position - vertices[a].position, vertices[c].position - vertices[a].position);
        acc[a] += n;
        acc[b] += n;
        acc[c] += n;
    }
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const float len = glm::length(acc[i]);
        vertices[i].normal = len > 1e-20f ? acc[i] / len : glm::vec3(0.0f, 1.0f, 0.0f);
    }
}

void MeshData::append(const MeshData& other) {
    const auto base = static_cast<std::uint32_t>(vertices.size());
    vertices.insert(vertices.end(), other.vertices.begin(), other.vertices.end());
    indices.reserve(indices.size() + other.indices.size());
    for (auto i : other.indices) indices.push_back(base + i);
}

void MeshData::append_transformed(const MeshData& other, const glm::mat4& m) {
    const auto base = static_cast<std::uint32_t>(vertices.size());
    const glm::mat3 nm = glm::inverseTranspose(glm::mat3(m));
    for (Vertex v : other.vertices) {
        v.position = glm::vec3(m * glm::vec4(v.position, 1.0f));
        v.normal = glm::normalize(nm * v.normal);
        vertices.push_back(v);
    }
    for (auto i : other.indices) indices.push_back(base + i);
}

MeshData make_uv_sphere(float radius, int segments, int rings) {
    MeshData m;
    m.name = "sphere";
    for (int r = 0; r <= rings; ++r) {
        const float v = static_cast<float>(r) / static_cast<float>(rings);
        const float phi = v * pi;
        for (int s = 0; s <= segments; ++s) {
            const float u = static_cast<float>(s) / static_cast<float>(segments);
            const float theta = u * 2.0f * pi;
            const glm::vec3 n{std::sin(phi) * std::sin(theta), std::cos(phi), std::sin(phi) * std::cos(theta)};
            m.vertices.push_back({n * radius, n, {u, v}, {255, 255, 255, 255}});
        }
    }
    const auto stride = static_cast<std::uint32_t>(segments + 1);
    for (std::uint32_t r = 0; r < static_cast<std::uint32_t>(rings); ++r) {
        for (std::uint32_t s = 0; s < static_cast<std::uint32_t>(segments); ++s) {
            const std::uint32_t a = r * stride + s, b = a + stride;
            if (r != 0) {
                m.indices.insert(m.indices.end(), {a, b, a + 1});
            }
            if (r + 1 != static_cast<std::uint32_t>(rings)) {
                m.indices.insert(m.indices.end(), {a + 1, b, b + 1});
            }
        }
    }
    return m;
}

MeshData make_box(const glm::vec3& h) {
    MeshData m;
    m.name = "box";
    const glm::vec3 normals[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (const auto& n : normals) {
        const glm::vec3 t = std::abs(n.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
        const glm::vec3 b = glm::cross(n, t);
        const auto base = static_cast<std::uint32_t>(m.vertices.size());
        const glm::vec2 corners[4] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (const auto& c : corners) {
            const glm::vec3 p = (n + t * c.x + b * c.y) * h;
            m.vertices.push_back({p, n, (c + 1.0f) * 0.5f, {255, 255, 255, 255}});
        }
        // cross(t, b) == n, so this order is counter-clockwise seen from outside.
        m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    }
    return m;
}

MeshData make_cylinder(float radius, float height, int segments) {
    MeshData m;
    m.name = "cylinder";
    const float hh = height * 0.5f;
    const auto segs = static_cast<std::uint32_t>(segments);
    for (std::uint32_t i = 0; i <= segs; ++i) {
        const float a = 2.0f * pi * static_cast<float>(i) / static_cast<float>(segs);
        const glm::vec3 n{std::sin(a), 0.0f, std::cos(a)};
        m.vertices.push_back({n * radius + glm::vec3(0, -hh, 0), n, {static_cast<float>(i) / static_cast<float>(segs), 0}, {255, 255, 255, 255}});
        m.vertices.push_back({n * radius + glm::vec3(0, hh, 0), n, {static_cast<float>(i) / static_cast<float>(segs), 1}, {255, 255, 255, 255}});
    }
    for (std::uint32_t i = 0; i < segs; ++i) {
        const std::uint32_t a = 2 * i;
        m.indices.insert(m.indices.end(), {a, a + 2, a + 1, a + 1, a + 2, a + 3});
    }
    for (int cap = 0; cap < 2; ++cap) {
        const float y = cap ? hh : -hh;
        const glm::vec3 n{0, cap ? 1.0f : -1.0f, 0};
        const auto center = static_cast<std::uint32_t>(m.vertices.size());
        m.vertices.push_back({{0, y, 0}, n, {0.5f, 0.5f}, {255, 255, 255, 255}});
        for (std::uint32_t i = 0; i <= segs; ++i) {
            const float a = 2.0f * pi * static_cast<float>(i) / static_cast<float>(segs);
            m.vertices.push_back({{std::sin(a) * radius, y, std::cos(a) * radius}, n, {0, 0}, {255, 255, 255, 255}});
        }
        for (std::uint32_t i = 0; i < segs; ++i) {
            if (cap)
                m.indices.insert(m.indices.end(), {center, center + 1 + i, center + 2 + i});
            else
                m.indices.insert(m.indices.end(), {center, center + 2 + i, center + 1 + i});
        }
    }
    return m;
}

}  // namespace core
