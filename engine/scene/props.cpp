#include "scene/props.hpp"

#include "core/mesh.hpp"

#include <glm/gtc/matrix_transform.hpp>

namespace scene {

namespace {
glm::vec3 to_linear(glm::vec3 c) { return glm::pow(c, glm::vec3(2.2f)); }
}  // namespace

PropRenderer::PropRenderer() {
    cube_.key = gfx::mesh_key(gfx::new_mesh_owner(), 0);
    cube_.revision = gfx::new_mesh_revision();
    cube_.mesh = std::make_shared<const core::MeshData>(core::make_box(glm::vec3(1.0f)));
    cube_.dynamic = false;
}

void PropRenderer::append(gfx::FrameDesc& frame, std::span<const StretchState::PropBox> boxes, std::span<const glm::vec3> strap) const {
    const bool separate_casters = !frame.shadow_casters.empty();
    for (const auto& b : boxes) {
        gfx::DrawItem item;
        item.cpu = cube_;
        glm::mat4 m(b.axes);
        m[3] = glm::vec4(b.center, 1.0f);
        item.world_from_mesh = glm::scale(m, b.half_extent);
        // A wall stands behind or in front of the body: see-through so it never hides it.
        const bool wall = b.id == "wall";
        item.color = glm::vec4(to_linear(b.color), wall ? 0.35f : 1.0f);
        item.shading = gfx::Shading::prop;
        item.casts_shadow = !wall;
        frame.items.push_back(item);
        if (separate_casters && !wall) frame.shadow_casters.push_back(item);
    }
    if (strap.size() >= 2) {
        gfx::Polyline line;
        line.points.assign(strap.begin(), strap.end());
        line.color = glm::vec4(0.93f, 0.62f, 0.18f, 1.0f);  // a yoga strap's orange
        line.width_px = 7.0f;
        line.on_top = false;
        frame.lines.push_back(std::move(line));
    }
}

}  // namespace scene
