// ui/teaching_camera.hpp: the view of a stretch that shows what it stretches. Shared by the
// viewer, `snapshot --stretch` and the video export, so all three teach from the same place.
#pragma once

#include "core/camera.hpp"
#include "gfx/renderer.hpp"
#include "scene/body.hpp"
#include "scene/stretch_state.hpp"

#include <span>
#include <string>
#include <vector>

namespace scene {
class World;
}

namespace ui {

// The picking ids of muscles by catalogue id (unknown ids are skipped), at most 16.
std::vector<std::uint32_t> muscle_pick_ids(const scene::Body& body, std::span<const std::string> muscle_ids);

struct Visibility {
    int visible_px = 0;  // pixels of the muscles in the full picture
    int alone_px = 0;    // pixels they would cover with nothing in front of them
    float share() const { return alone_px > 0 ? static_cast<float>(visible_px) / static_cast<float>(alone_px) : 0.0f; }
};
// How much of `ids` the rest of `frame` leaves in view from its camera, measured in the id buffer
// at `size` (ghosted items do not hide anything, as in picking).
Visibility measure_visibility(gfx::Renderer& renderer, const gfx::FrameDesc& frame, std::span<const std::uint32_t> ids, glm::ivec2 size);

struct TeachingView {
    core::OrbitCamera camera;
    Visibility visibility;
};
// `frame` holds the body at the hold (its camera is replaced). The usual view (from the side
// stretched, a little to the front and above) while it shows at least 70 % of the targets'
// surface; otherwise twelve directions all round at two heights, each framing `bounds` at
// `aspect`, and the one that shows most of the targets, and large, near the usual one on a tie.
TeachingView teaching_camera(gfx::Renderer& renderer, gfx::FrameDesc frame, std::span<const std::uint32_t> target_ids, const core::Bounds& bounds,
                             bool left_side, float aspect);

// The teaching view of the clip `stretch` shows now: poses `world`'s body at the middle of the
// hold, measures, and puts the body back as it was. With no clip, the usual view of `bounds`.
TeachingView teaching_camera(gfx::Renderer& renderer, scene::World& world, const scene::StretchState& stretch, const core::Bounds& bounds,
                             float aspect);

}  // namespace ui
