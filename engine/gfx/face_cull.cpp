#include "gfx/face_cull.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gfx {

// Both loops write each triangle unconditionally and keep it by advancing the cursor: no branch
// to mispredict on the half of the triangles that face away.

void append_front_faces(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices, glm::vec3 eye, bool mirrored,
                        std::vector<std::uint32_t>& out) {
    const float sign = mirrored ? -1.0f : 1.0f;
    const std::size_t n = indices.size() - indices.size() % 3;
    const std::size_t start = out.size();
    out.resize(start + n);  // room for every triangle; trimmed to those kept below
    std::uint32_t* dst = out.data() + start;
    const std::size_t count = positions.size();
    for (std::size_t i = 0; i < n; i += 3) {
        const std::uint32_t a = indices[i], b = indices[i + 1], c = indices[i + 2];
        if (a >= count || b >= count || c >= count) continue;
        const glm::vec3 pa = positions[a];
        const glm::vec3 e1 = positions[b] - pa, e2 = positions[c] - pa, to_eye = eye - pa;
        const glm::vec3 normal = glm::cross(e1, e2);
        const float d = sign * glm::dot(normal, to_eye);
        // Kept: facing the eye, or within about 0.006 degrees of edge-on (cosine under 1e-4).
        const bool keep = d > 0.0f || d * d <= 1e-8f * glm::dot(normal, normal) * glm::dot(to_eye, to_eye);
        dst[0] = a;
        dst[1] = b;
        dst[2] = c;
        dst += keep ? 3 : 0;
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
}

std::vector<glm::vec4> face_planes(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices) {
    std::vector<glm::vec4> planes(indices.size() / 3, glm::vec4(0.0f));
    const std::size_t count = positions.size();
    for (std::size_t t = 0; t < planes.size(); ++t) {
        const std::uint32_t a = indices[3 * t], b = indices[3 * t + 1], c = indices[3 * t + 2];
        if (a >= count || b >= count || c >= count) {
            planes[t] = glm::vec4(0.0f, 0.0f, 0.0f, -std::numeric_limits<float>::infinity());  // never kept
            continue;
        }
        const glm::vec3 normal = glm::cross(positions[b] - positions[a], positions[c] - positions[a]);
        const float length = glm::length(normal);
        if (!(length > 0.0f) || !std::isfinite(length)) continue;  // degenerate: always kept
        const glm::vec3 unit = normal / length;
        planes[t] = glm::vec4(unit, -glm::dot(unit, positions[a]));
    }
    return planes;
}

void append_front_faces(std::span<const glm::vec4> planes, std::span<const std::uint32_t> indices, glm::vec3 eye, bool mirrored, float tolerance,
                        std::vector<std::uint32_t>& out) {
    const float sign = mirrored ? -1.0f : 1.0f;
    const std::size_t n = std::min(indices.size() / 3, planes.size());
    const std::size_t start = out.size();
    out.resize(start + 3 * n);
    std::uint32_t* dst = out.data() + start;
    const glm::vec4 e{eye, 1.0f};
    for (std::size_t t = 0; t < n; ++t) {
        const float d = sign * glm::dot(planes[t], e);
        dst[0] = indices[3 * t];
        dst[1] = indices[3 * t + 1];
        dst[2] = indices[3 * t + 2];
        dst += d >= -tolerance ? 3 : 0;
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
}

}  // namespace gfx
