// ui/snapshot.hpp: renders one frame offscreen (no display needed) and writes a PNG: the body in
// a posture, with colour modes, highlights, measurement overlays and labels, or a model file.
#pragma once

#include "biomech/posture.hpp"
#include "core/camera.hpp"
#include "core/files.hpp"
#include "gfx/renderer.hpp"
#include "scene/body.hpp"
#include "scene/overlays.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ui {

struct SnapshotRequest {
    core::fs::path output;
    glm::ivec2 size{1600, 900};
    core::ViewPreset view = core::ViewPreset::anterior;
    std::optional<core::fs::path> model;         // render this file instead of the anatomy
    bool transparent = false;
    biomech::PostureSettings posture;             // neutral by default
    scene::ColorMode color_mode = scene::ColorMode::anatomical;
    std::vector<std::string> highlight;           // muscle groups or muscle ids: glow and labels
    bool xray = false;
    bool overlays = false;                        // posture measurement lines, arcs and labels
    bool ghost = false;                           // the neutral posture as a ghost
    bool skeleton = true, muscles = true, skin = false;
    std::optional<core::fs::path> profile;       // posture and pinned notes from a patient profile
    bool view_given = true;                       // false: pick the view (a stretch: its side, turned to the front)
    std::string stretch;                          // a stretch id: the body in that stretch at `stretch_time_s`
    float stretch_time_s = 0.0f;
    bool stretch_left = false;                    // the left-side version
    bool stretch_cue = false;                     // the posterior-tilt cue holds the pelvis
};

// Throws core::Error (bad model, GL failure, unwritable output); never leaves a partial PNG.
void take_snapshot(const SnapshotRequest& request);

// Renders a frame offscreen at `size`, with labels drawn by a private ImGui context (the caller's
// context, if any, is restored). Straight alpha, top row first.
gfx::Image render_labelled_image(gfx::Renderer& renderer, const gfx::FrameDesc& frame, glm::ivec2 size,
                                 const std::vector<scene::OverlayLabel>& labels, const glm::vec3& centre);

// Parses "1600x900" (each side 16..16384). Returns nullopt on anything else.
std::optional<glm::ivec2> parse_size(const std::string& text);

}  // namespace ui
