// gfx/contact_shadow.hpp: the soft contact shadow under the subject, computed on the CPU.
//
// Seen from above, each caster triangle darkens the floor under it by how close it comes to the
// floor (dark within a few centimetres, a faint wide shade up to a metre); the map is then
// blurred into a penumbra. A few thousand triangles into 64 x 64 texels is a fraction of a
// millisecond here, where the same work on a software GPU costs three passes, each waiting for
// the last.
#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace gfx {

struct ShadowCaster {
    std::span<const glm::vec3> positions;
    std::span<const std::uint32_t> indices;  // triangles
    glm::mat4 world_from_mesh{1.0f};
};

// How much a surface `height_m` above the floor darkens it, 0..1.
float contact_occlusion(float height_m);

// Fills `texels` (size x size, row-major; column = x, row = z) with the blurred occlusion over the
// floor rectangle `rect` = (min x, min z, width, depth) in metres; 255 is fully dark.
void render_contact_shadow(std::span<const ShadowCaster> casters, float floor_y_m, glm::vec4 rect, int size, std::vector<std::uint8_t>& texels);

// The texels that hold any shadow, as (x0, z0, x1, z1) with x1 and z1 one past the last: outside
// them the map is zero and the floor untouched. Empty (x1 <= x0) when nothing casts a shadow.
glm::ivec4 shadow_extent(std::span<const std::uint8_t> texels, int size);

}  // namespace gfx
