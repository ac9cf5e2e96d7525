// ui/video_export.hpp: a stretch demo or the guided story as a video, rendered frame by frame
// offscreen at a fixed frame rate (never a screen capture) and encoded by ui::VideoEncoder.
//
// - A stretch: the clip from 0 s to its end for the chosen side, its props, its target muscles
//   glowing, the camera of `anatomy snapshot --stretch` (optionally following the body), and a
//   caption with the phase and the step text.
// - The story (assets/story/*.json): each step for a few seconds as the viewer's presentation
//   shows it: the posture glides to the step's preset, the camera moves to the step's view,
//   overlays, highlights, the ghost and the before | after comparison appear, a caption gives the
//   step's title and text, and a step with a stretch plays that stretch to its end.
//
// The command line renders every frame in one go (export_video); the viewer renders a few frames
// each UI frame with its own GL context (VideoExport::render_next), so it never freezes.
#pragma once

#include "biomech/posture.hpp"
#include "scene/body.hpp"
#include "ui/video_encoder.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace gfx {
class Renderer;
}
namespace scene {
class World;
}

namespace ui {

struct VideoRequest {
    core::fs::path output;
    VideoFormat format = VideoFormat::mp4;  // video_format_for(output)
    glm::ivec2 size{1280, 720};             // rounded down to even sides for MP4
    int fps = 30;                           // 1..120

    std::string stretch;                  // a stretch id; empty: the story
    std::optional<core::fs::path> story;  // the story file; empty: assets/story/pelvic_tilt.json
    std::optional<bool> left_side;        // the side stretched; unset: right (in the story: the step's view side)
    bool cue = false;                     // the posterior-tilt cue holds the pelvis
    bool follow = false;                  // the camera follows the body through a stretch
    bool captions = true;                 // the step text (and the story's titles) at the bottom
    // The caption's text size: 0.75 small, 1 normal, 1.3 large (times the picture-proportional
    // size); unset: small below 720 pixels high, where a normal caption hides the body.
    std::optional<float> caption_scale;
    float story_step_s = 6.0f;  // how long each story step without a stretch lasts

    biomech::PostureSettings posture;  // a stretch's tightness (the pelvis gives way to it)
    scene::ColorMode color_mode = scene::ColorMode::anatomical;
    scene::Layers layers;
};

// The caption scale a request gets when it names none.
float default_caption_scale(glm::ivec2 size);
std::optional<float> parse_caption_size(const std::string& name);  // small, normal, large

class VideoExport {
public:
    // Loads what the video shows and starts the encoder (so a missing ffmpeg or an unwritable
    // output fails now); renders nothing yet. Needs a current GL context; `renderer` and `world`
    // must outlive the export, and the world's display settings are the export's to change.
    // Throws core::Error: an unknown stretch, a broken story file, see VideoEncoder.
    VideoExport(const VideoRequest& request, gfx::Renderer& renderer, scene::World& world);
    ~VideoExport();  // cancels unless finished
    VideoExport(const VideoExport&) = delete;
    VideoExport& operator=(const VideoExport&) = delete;

    int frame_count() const;
    int frames_done() const;
    bool all_rendered() const { return frames_done() >= frame_count(); }
    // Renders and encodes the next frame. Throws core::Error (ffmpeg stopped, disk full).
    void render_next();
    // After the last frame: completes the output file or folder, waiting for ffmpeg (a GIF's
    // palette passes take a while). Throws core::Error.
    void finish();
    // The same without waiting, for the viewer: begin_finish() once, then poll_finish() each UI
    // frame until it returns true. Throws core::Error.
    void begin_finish();
    bool poll_finish();
    // What finishing is doing now ("Making the GIF's palette"), or empty.
    std::string finishing_step() const;
    // Stops and removes everything written so far.
    void cancel() noexcept;

    const VideoRequest& request() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The command line's export: a hidden GL context, every frame, then the file. `progress` runs
// after each frame with (frames done, frames in all); returning false cancels, leaving nothing.
// Returns false when cancelled. Throws core::Error.
bool export_video(const VideoRequest& request, const std::function<bool(int done, int total)>& progress = {});

}  // namespace ui
