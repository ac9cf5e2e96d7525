#include "gfx/contact_shadow.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace gfx {

float contact_occlusion(float height_m) {
    const float h = std::max(height_m, 0.0f);
    return std::max(std::exp(-h / 0.07f), 0.4f * std::exp(-h / 0.8f));
}

namespace {

// Max-blends one triangle (texel coordinates x, y; height h) into `occ`, sampling texel centres.
void rasterise(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c, int size, std::vector<float>& occ) {
    const float area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (std::abs(area) < 1e-12f) return;  // seen edge-on from above: covers nothing
    const int x0 = std::max(static_cast<int>(std::floor(std::min({a.x, b.x, c.x}) - 0.5f)), 0);
    const int x1 = std::min(static_cast<int>(std::ceil(std::max({a.x, b.x, c.x}) - 0.5f)), size - 1);
    const int y0 = std::max(static_cast<int>(std::floor(std::min({a.y, b.y, c.y}) - 0.5f)), 0);
    const int y1 = std::min(static_cast<int>(std::ceil(std::max({a.y, b.y, c.y}) - 0.5f)), size - 1);
    const float inv = 1.0f / area;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
            // Barycentric weights; either winding (the area's sign cancels).
            const float wa = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) * inv;
            const float wb = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) * inv;
            const float wc = 1.0f - wa - wb;
            if (wa < 0.0f || wb < 0.0f || wc < 0.0f) continue;
            const float h = wa * a.z + wb * b.z + wc * c.z;
            float& o = occ[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)];
            o = std::max(o, contact_occlusion(h));
        }
}

// One direction of a separable Gaussian (sigma 1.9 texels, 11 taps; edges clamp).
void blur(const std::vector<float>& in, std::vector<float>& out, int size, bool along_x) {
    static constexpr std::array<float, 6> weights = {0.2106f, 0.1834f, 0.1211f, 0.0607f, 0.0230f, 0.0065f};
    out.assign(in.size(), 0.0f);
    const auto at = [&](int x, int y) {
        return in[static_cast<std::size_t>(std::clamp(y, 0, size - 1)) * static_cast<std::size_t>(size) +
                  static_cast<std::size_t>(std::clamp(x, 0, size - 1))];
    };
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            float sum = at(x, y) * weights[0];
            for (int i = 1; i < static_cast<int>(weights.size()); ++i) {
                const float w = weights[static_cast<std::size_t>(i)];
                sum += along_x ? (at(x + i, y) + at(x - i, y)) * w : (at(x, y + i) + at(x, y - i)) * w;
            }
            out[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] = sum;
        }
}

}  // namespace

void render_contact_shadow(std::span<const ShadowCaster> casters, float floor_y_m, glm::vec4 rect, int size, std::vector<std::uint8_t>& texels) {
    const std::size_t n = static_cast<std::size_t>(std::max(size, 0)) * static_cast<std::size_t>(std::max(size, 0));
    texels.assign(n, 0);
    if (n == 0 || rect.z <= 0.0f || rect.w <= 0.0f) return;
    std::vector<float> occ(n, 0.0f), tmp;
    const glm::vec2 scale{static_cast<float>(size) / rect.z, static_cast<float>(size) / rect.w};
    std::vector<glm::vec3> texel_space;  // per vertex: texel x, texel y, height above the floor
    for (const ShadowCaster& caster : casters) {
        texel_space.resize(caster.positions.size());
        for (std::size_t i = 0; i < caster.positions.size(); ++i) {
            const glm::vec3 w = glm::vec3(caster.world_from_mesh * glm::vec4(caster.positions[i], 1.0f));
            texel_space[i] = {(w.x - rect.x) * scale.x, (w.z - rect.y) * scale.y, w.y - floor_y_m};
        }
        const std::size_t count = caster.positions.size();
        for (std::size_t t = 0; t + 2 < caster.indices.size(); t += 3) {
            const std::uint32_t i0 = caster.indices[t], i1 = caster.indices[t + 1], i2 = caster.indices[t + 2];
            if (i0 >= count || i1 >= count || i2 >= count) continue;
            rasterise(texel_space[i0], texel_space[i1], texel_space[i2], size, occ);
        }
    }
    blur(occ, tmp, size, true);
    blur(tmp, occ, size, false);
    for (std::size_t i = 0; i < n; ++i) texels[i] = static_cast<std::uint8_t>(std::clamp(occ[i], 0.0f, 1.0f) * 255.0f + 0.5f);
}

glm::ivec4 shadow_extent(std::span<const std::uint8_t> texels, int size) {
    glm::ivec4 e{size, size, 0, 0};
    if (size <= 0 || texels.size() < static_cast<std::size_t>(size) * static_cast<std::size_t>(size)) return {0, 0, 0, 0};
    for (int z = 0; z < size; ++z) {
        const std::uint8_t* row = texels.data() + static_cast<std::size_t>(z) * static_cast<std::size_t>(size);
        int first = 0;
        while (first < size && row[first] == 0) ++first;
        if (first == size) continue;
        int last = size - 1;
        while (row[last] == 0) --last;
        e = {std::min(e.x, first), std::min(e.y, z), std::max(e.z, last + 1), z + 1};
    }
    return e.z > e.x ? e : glm::ivec4(0);
}

}  // namespace gfx
