// ui/snapshot.hpp: renders one frame offscreen (no display needed) and writes a PNG: the body in
// a posture, with colour modes, highlights, measurement overlays and labels, or a model file.
//
// The pieces it is made of are shared with the video export (ui/video_export.hpp), which renders
// thousands of frames: a GL context, renderer and world made once (OffscreenContext), a private
// ImGui context for labels and captions made once (OffscreenImGui), and the stretch camera.
#pragma once

#include "biomech/posture.hpp"
#include "core/camera.hpp"
#include "core/files.hpp"
#include "gfx/renderer.hpp"
#include "scene/body.hpp"
#include "scene/overlays.hpp"
#include "scene/stretch_state.hpp"
#include "ui/theme.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

struct ImGuiContext;

namespace platform {
class Window;
}
namespace scene {
class World;
}

namespace ui {

struct SnapshotRequest {
    core::fs::path output;
    glm::ivec2 size{1600, 900};
    core::ViewPreset view = core::ViewPreset::anterior;
    std::optional<core::fs::path> model;  // render this file instead of the anatomy
    bool transparent = false;
    biomech::PostureSettings posture;  // neutral by default
    scene::ColorMode color_mode = scene::ColorMode::anatomical;
    std::vector<std::string> highlight;  // muscle groups or muscle ids: glow and labels
    bool xray = false;
    std::vector<std::string> only;  // muscle groups or ids: draw only these muscles
    bool arms = true;               // false: the arm bones are hidden (the pelvis shows from the side)
    bool overlays = false;          // posture measurement lines, arcs and labels
    bool ghost = false;             // the neutral posture as a ghost
    bool skeleton = true, muscles = true, skin = false;
    std::optional<core::fs::path> profile;  // posture and pinned notes from a patient profile
    bool view_given = true;                 // false: pick the view (a stretch: its side, turned to the front)
    std::string stretch;                    // a stretch id: the body in that stretch at `stretch_time_s`
    float stretch_time_s = 0.0f;
    bool stretch_left = false;  // the left-side version
    bool stretch_cue = false;   // the posterior-tilt cue holds the pelvis
    // A close-up: frame this region or joint instead of the whole body (focus_bounds), and set the
    // camera's angles (degrees; yaw 0 looks at the front, 90 at the left side; pitch up from level)
    // and distance (metres) when given.
    std::string focus;
    std::optional<float> yaw_deg, pitch_deg, distance_m;
};

// The box a close-up frames: a region ("pelvis", "lumbar", "hip_r", "hip_l", "knee_r", "knee_l")
// or any joint of the rig ("femur_r", "L3"), from the posed joints (world_from_bone). Throws
// core::Error naming what it knows for an unknown name.
core::Bounds focus_bounds(const anat::Skeleton& skeleton, std::span<const core::Rigid> world_from_bone, const std::string& name);

// Throws core::Error (bad model, GL failure, unwritable output); never leaves a partial PNG.
void take_snapshot(const SnapshotRequest& request);

// Parses "1600x900" (each side 16..16384). Returns nullopt on anything else.
std::optional<glm::ivec2> parse_size(const std::string& text);

// A hidden window with its GL 3.3 context, the shaders, a renderer and the world, made once and
// reused for every frame: making them takes far longer than drawing a frame. Throws core::Error.
class OffscreenContext {
public:
    OffscreenContext();
    ~OffscreenContext();
    OffscreenContext(const OffscreenContext&) = delete;
    OffscreenContext& operator=(const OffscreenContext&) = delete;

    gfx::ShaderLibrary& shaders() { return *shaders_; }
    gfx::Renderer& renderer() { return *renderer_; }
    scene::World& world() { return *world_; }

private:
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<gfx::ShaderLibrary> shaders_;
    std::unique_ptr<gfx::Renderer> renderer_;
    std::unique_ptr<scene::World> world_;
};

// A private ImGui context that draws labels and captions into offscreen images, made once per
// image size (its font atlas, sized to the picture, costs more than a frame). Needs a current GL
// context; any other ImGui context (the viewer's) is left current after every call.
class OffscreenImGui {
public:
    explicit OffscreenImGui(glm::ivec2 size);
    ~OffscreenImGui();
    OffscreenImGui(const OffscreenImGui&) = delete;
    OffscreenImGui& operator=(const OffscreenImGui&) = delete;

    // Runs `draw` inside one frame of this context, then renders it into the bound framebuffer.
    void draw(const std::function<void()>& draw);
    glm::ivec2 size() const { return size_; }
    // Valid inside draw().
    const Fonts& fonts() const { return fonts_; }

private:
    ImGuiContext* context_ = nullptr;
    glm::ivec2 size_{0};
    Fonts fonts_;
};

// Renders a frame offscreen at `size`, with labels drawn by a private ImGui context (the caller's
// context, if any, is restored). Straight alpha, top row first.
gfx::Image render_labelled_image(gfx::Renderer& renderer, const gfx::FrameDesc& frame, glm::ivec2 size,
                                 const std::vector<scene::OverlayLabel>& labels, const glm::vec3& centre);

// The camera the snapshot and the video use for a stretch: from the side being stretched, turned
// a little toward the front and from a little above, framing `bounds` at `aspect`.
core::OrbitCamera stretch_camera(const core::Bounds& bounds, bool left_side, float aspect);

// The index of stretch `id`; core::Error listing every id when there is none ("--stretch: ...").
int find_stretch(const anim::Library& library, const std::string& id);

// Adds the props to framing bounds; not a wall, which can be wide enough to shrink the body.
void add_prop_bounds(core::Bounds& bounds, std::span<const scene::StretchState::PropBox> props);

}  // namespace ui
