// ui/labels.hpp: labels with leader lines anchored to 3D points, drawn with ImGui (the viewer's
// overlay and the snapshot's).
#pragma once

#include "core/camera.hpp"
#include "scene/overlays.hpp"

#include <vector>

struct ImDrawList;

namespace ui {

// Draws each label beside its anchor, on the side away from `centre` (the body's middle, world),
// with a dark backing box. `points_per_pixel` converts framebuffer pixels to ImGui coordinates.
void draw_world_labels(ImDrawList* dl, const core::OrbitCamera& camera, glm::vec2 viewport_px, float points_per_pixel,
                       const std::vector<scene::OverlayLabel>& labels, const glm::vec3& centre, float scale = 1.0f,
                       glm::vec2 origin_px = glm::vec2(0.0f));

}  // namespace ui
