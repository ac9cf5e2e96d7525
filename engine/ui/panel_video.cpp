// ui/panel_video.cpp: File > Export video, a panel object: the stretch on screen or the guided story as
// MP4, GIF or a PNG sequence, with a progress bar and Cancel.
//
// The export renders with the viewer's GL context but its own world, renderer, posture and
// stretch player (ui::VideoExport), so what the viewer shows never changes. A few frames are
// rendered each UI frame, within a time budget, so the window stays usable; a GIF's palette
// passes run in ffmpeg while the UI polls.
//
// [SECTION] Choices
// [SECTION] Starting, advancing, ending
// [SECTION] The window
#include "ui/snapshot.hpp"
#include "ui/video_export.hpp"
#include "ui/file_dialog.hpp"
#include "ui/panels.hpp"
#include "ui/theme.hpp"

#include "gfx/shader.hpp"
#include "platform/window.hpp"
#include "scene/world.hpp"

#include "core/error.hpp"
#include "core/log.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>

#include <cmath>
#include <cstdio>

namespace ui {

// [SECTION] Choices

namespace {

struct SizeChoice {
    const char* label;
    glm::ivec2 size;
};
constexpr SizeChoice size_choices[] = {
    {"640 x 360", {640, 360}}, {"1280 x 720 (HD)", {1280, 720}}, {"1920 x 1080 (Full HD)", {1920, 1080}}, {"Custom", {0, 0}}};
constexpr int custom_size = 3;
constexpr const char* format_labels[] = {"MP4 (H.264)", "GIF", "PNG sequence (a folder)"};
constexpr VideoFormat formats[] = {VideoFormat::mp4, VideoFormat::gif, VideoFormat::png_sequence};

// The output's name with the format's extension (none for a PNG sequence's folder).
std::string with_extension(const std::string& path, VideoFormat f) {
    core::fs::path p = path.empty() ? core::fs::path("anatomy") : core::fs::path(path);
    p.replace_extension(f == VideoFormat::mp4 ? ".mp4" : f == VideoFormat::gif ? ".gif" : "");
    return p.string();
}

std::string minutes_seconds(double s) {
    const int total = static_cast<int>(std::lround(std::max(s, 0.0)));
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%d:%02d", total / 60, total % 60);
    return buf;
}

}  // namespace

struct VideoExportPanel::State {
    int what = 0;             // 0: a stretch, 1: the story
    int stretch_index = -1;   // the library's clip to export (-1: the one on screen, else the first)
    int side = 0;             // 0 right, 1 left
    bool cue = false;         // the posterior-tilt cue holds the pelvis
    bool cue_chosen = false;  // the user set the cue: keep it
    int size_index = 1;
    int custom[2] = {1280, 720};
    int fps = 30;
    int format_index = 0;
    bool captions = true;
    int caption_size = 0;  // 0 automatic (small below 720p), 1 small, 2 normal, 3 large
    char output[512] = "anatomy.mp4";
    bool output_chosen = false;  // the user named it: keep it when the stretch changes
    FileDialog dialog;

    // A running export: its own world and renderer, sharing the viewer's shaders.
    std::unique_ptr<scene::World> world;
    std::unique_ptr<gfx::Renderer> renderer;
    std::unique_ptr<VideoExport> job;
    bool finishing = false;
    double started_s = 0.0;
    int outcome = 0;         // the last export: 1 written, -1 failed or cancelled
    bool was_shown = false;  // to bring the window to the front when it opens
    bool drawn = false;      // drawn since the last tick
};

VideoExportPanel::VideoExportPanel(VideoPanelDeps deps) : st_(std::make_unique<State>()), d_(std::move(deps)) {}

VideoExportPanel::~VideoExportPanel() { end(); }

// [SECTION] Starting, advancing, ending

void VideoExportPanel::start() {
    State& v = *st_;
    const scene::StretchState* stretch = d_.stretch();
    VideoRequest rq;
    rq.format = formats[v.format_index];
    rq.output = with_extension(v.output, rq.format);
    std::snprintf(v.output, sizeof(v.output), "%s", rq.output.string().c_str());
    rq.size = v.size_index == custom_size ? glm::ivec2(v.custom[0], v.custom[1]) : size_choices[v.size_index].size;
    rq.fps = v.fps;
    rq.captions = v.captions;
    if (v.caption_size > 0) rq.caption_scale = std::array<float, 3>{0.75f, 1.0f, 1.3f}[static_cast<std::size_t>(v.caption_size - 1)];
    rq.color_mode = d_.display().color_mode;
    rq.layers = d_.display().layers;
    rq.follow = *d_.follow;
    if (v.what == 0) {
        if (!stretch || v.stretch_index < 0 || v.stretch_index >= static_cast<int>(stretch->library().size())) {
            d_.notify("Choose a stretch to export, or the story", true);
            return;
        }
        rq.stretch = stretch->library().info(static_cast<std::size_t>(v.stretch_index)).id;
        rq.left_side = v.side == 1;
        rq.cue = v.cue;
        rq.posture = d_.posture().settings();  // the tightness the pelvis gives way to, as on screen
    }
    try {
        v.world = std::make_unique<scene::World>();
        v.renderer = std::make_unique<gfx::Renderer>(*d_.shaders);
        v.job = std::make_unique<VideoExport>(rq, *v.renderer, *v.world);
        v.finishing = false;
        v.started_s = platform::now_s();
    } catch (const core::Error& e) {
        end();
        d_.notify(std::string("Video export failed: ") + e.what(), true);
    }
}

void VideoExportPanel::tick(const PanelContext&) {
    State& v = *st_;
    if (!v.drawn) v.was_shown = false;  // closed (or hidden by the presentation): centred when it comes back
    v.drawn = false;
    if (auto p = v.dialog.draw()) {
        std::snprintf(v.output, sizeof(v.output), "%s", with_extension(p->string(), formats[v.format_index]).c_str());
        v.output_chosen = true;
    }
    if (!v.job) return;
    try {
        if (!v.finishing) {
            // Frames until the budget is spent (at least one): on a software renderer one HD frame
            // takes about 0.1 s, so the UI keeps several frames a second.
            constexpr double budget_s = 0.05;
            const double begun = platform::now_s();
            do {
                v.job->render_next();
            } while (!v.job->all_rendered() && platform::now_s() - begun < budget_s);
            if (!v.job->all_rendered()) return;
            v.job->begin_finish();
            v.finishing = true;
        }
        if (!v.job->poll_finish()) return;
        const VideoRequest& rq = v.job->request();
        const glm::ivec2 size = video_frame_size(rq.format, rq.size);
        char what[160];
        std::snprintf(what, sizeof(what), " (%s, %d x %d, %d frames at %d fps, in %s)", video_format_name(rq.format), size.x, size.y,
                      v.job->frame_count(), rq.fps, minutes_seconds(platform::now_s() - v.started_s).c_str());
        d_.notify("Exported " + rq.output.string() + what, false);
        end();
        v.outcome = 1;
    } catch (const core::Error& e) {
        end();  // removes whatever was written
        d_.notify(std::string("Video export failed: ") + e.what(), true);
    }
}

void VideoExportPanel::end() {
    State& v = *st_;
    v.outcome = -1;              // the caller sets 1 after a finished export
    if (v.job) v.job->cancel();  // no-op once finished
    v.job.reset();
    v.renderer.reset();
    v.world.reset();
    v.finishing = false;
}

void VideoExportPanel::start_scripted(const core::fs::path& output, glm::ivec2 size, int fps) {
    State& v = *st_;
    const scene::StretchState* stretch = d_.stretch();
    VideoFormat f = VideoFormat::mp4;
    try {
        f = video_format_for(output);
    } catch (const core::Error& e) {
        v.outcome = -1;
        d_.notify(std::string("Video export failed: ") + e.what(), true);
        return;
    }
    for (int i = 0; i < static_cast<int>(std::size(formats)); ++i)
        if (formats[i] == f) v.format_index = i;
    std::snprintf(v.output, sizeof(v.output), "%s", output.c_str());
    v.output_chosen = true;
    v.size_index = custom_size;
    v.custom[0] = size.x;
    v.custom[1] = size.y;
    v.fps = std::clamp(fps, 1, 120);
    v.what = stretch && stretch->showing_clip() ? 0 : 1;
    if (v.what == 0) {  // the stretch on screen, its side and cue, as the option promises
        v.stretch_index = stretch->player().selected();
        v.side = stretch->player().side() == anim::Side::left ? 1 : 0;
        v.cue = stretch->cue();
        v.cue_chosen = true;
    }
    start();
    if (!v.job) v.outcome = -1;
}

bool VideoExportPanel::scripted_done(int& exit_code) const {
    if (st_->job) return false;
    exit_code = st_->outcome == 1 ? 0 : 1;
    return true;
}

bool VideoExportPanel::running() const { return st_->job != nullptr; }

std::optional<Panel::Job> VideoExportPanel::job() const {
    if (!running()) return std::nullopt;
    return Job{"a video export", 0.0};
}

// [SECTION] The window

void VideoExportPanel::draw(const PanelContext&, bool& open) {
    State& v = *st_;
    v.drawn = true;
    const scene::StretchState* stretch = d_.stretch();

    const bool stretch_on_screen = stretch && stretch->showing_clip();
    const bool running = v.job != nullptr;
    const bool any_tight =
        std::any_of(d_.posture().target().tightness.begin(), d_.posture().target().tightness.end(), [](float t) { return t > 0.0f; });
    if (!v.was_shown && !running && stretch) {
        // Opened now: the stretch on screen (its side and cue), else the first of the library; the
        // story when no stretch plays and nothing was chosen before.
        if (stretch_on_screen) {
            v.stretch_index = stretch->player().selected();
            v.side = stretch->player().side() == anim::Side::left ? 1 : 0;
            v.what = 0;
        } else if (v.stretch_index < 0) {
            v.stretch_index = 0;
            v.what = 1;
        }
        // Tight muscles tip the pelvis unless it is held: the cue is on unless the user said otherwise.
        if (!v.cue_chosen) v.cue = stretch_on_screen ? (stretch->cue() || any_tight) : any_tight;
    }
    if (!v.output_chosen && !running) {
        // A name that says what it is, until the user picks one.
        std::string name = "pelvic-tilt-story";
        if (v.what == 0 && stretch && v.stretch_index >= 0) {
            name = stretch->library().info(static_cast<std::size_t>(v.stretch_index)).id;
            name += v.side == 1 ? "-left" : "-right";
            std::replace(name.begin(), name.end(), '_', '-');  // a file name, not the clip's id
        }
        std::snprintf(v.output, sizeof(v.output), "%s", with_extension(name, formats[v.format_index]).c_str());
    }

    const float em = ImGui::GetFontSize();

    if (!v.was_shown) {
        // Opened now (menu or --export-video): in front, in the middle of the window.
        const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
        ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowFocus();
        v.was_shown = true;
    }
    // Sized to its content: every choice and the Export button always in view.
    if (!ImGui::Begin("Export video", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    ImGui::BeginDisabled(running);
    ImGui::TextDisabled("What");
    ImGui::BeginDisabled(!stretch);
    ImGui::RadioButton("A stretch", &v.what, 0);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::RadioButton("The guided story (as in the presentation, F5)", &v.what, 1);
    if (v.what == 0 && stretch && stretch->library().size() > 0) {
        const anim::Library& lib = stretch->library();
        v.stretch_index = std::clamp(v.stretch_index, 0, static_cast<int>(lib.size()) - 1);
        ImGui::SetNextItemWidth(em * 22);
        if (ImGui::BeginCombo("##clip", lib.info(static_cast<std::size_t>(v.stretch_index)).name.c_str(), ImGuiComboFlags_HeightLarge)) {
            for (std::size_t i = 0; i < lib.size(); ++i)
                if (ImGui::Selectable(lib.info(i).name.c_str(), static_cast<int>(i) == v.stretch_index)) {
                    v.stretch_index = static_cast<int>(i);
                    v.output_chosen = false;
                }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        const char* sides[] = {"Right side", "Left side"};
        ImGui::SetNextItemWidth(em * 7);
        if (ImGui::Combo("##side", &v.side, sides, 2)) v.output_chosen = false;
        if (ImGui::Checkbox("Posterior-tilt cue (the pelvis held as the clip shows)", &v.cue)) v.cue_chosen = true;
        if (any_tight && v.cue && !v.cue_chosen)
            ImGui::TextDisabled("On because the posture has tight muscles: without it the pelvis tips, as the video would show.");
        ImGui::TextDisabled("From start to end, with its props and the posture's tightness.");
    }
    ImGui::Separator();

    ImGui::SetNextItemWidth(em * 12);
    if (ImGui::BeginCombo("Size", size_choices[v.size_index].label)) {
        for (int i = 0; i < static_cast<int>(std::size(size_choices)); ++i)
            if (ImGui::Selectable(size_choices[i].label, i == v.size_index)) v.size_index = i;
        ImGui::EndCombo();
    }
    if (v.size_index == custom_size) {
        ImGui::SetNextItemWidth(em * 12);
        if (ImGui::InputInt2("Pixels", v.custom)) {
            v.custom[0] = std::clamp(v.custom[0], 16, 8192);
            v.custom[1] = std::clamp(v.custom[1], 16, 8192);
        }
    }
    ImGui::SetNextItemWidth(em * 12);
    if (ImGui::InputInt("Frames a second", &v.fps, 5, 10)) v.fps = std::clamp(v.fps, 1, 120);
    ImGui::SetNextItemWidth(em * 12);
    if (ImGui::Combo("Format", &v.format_index, format_labels, static_cast<int>(std::size(format_labels))))
        std::snprintf(v.output, sizeof(v.output), "%s", with_extension(v.output, formats[v.format_index]).c_str());
    if (formats[v.format_index] == VideoFormat::gif) ImGui::TextDisabled("GIFs are large: 640 x 360 at 15 fps suits a message.");
    ImGui::Checkbox("Caption (step text and titles)", &v.captions);
    if (v.captions) {
        ImGui::SameLine();
        const char* caption_sizes[] = {"Automatic", "Small", "Normal", "Large"};
        ImGui::SetNextItemWidth(em * 7);
        ImGui::Combo("Text size", &v.caption_size, caption_sizes, 4);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Automatic: small below 720 pixels high, where a normal caption would hide the body");
    }
    ImGui::SetNextItemWidth(-em * 6);
    if (ImGui::InputText("##output", v.output, sizeof(v.output))) v.output_chosen = true;
    ImGui::SameLine();
    if (ImGui::Button("Choose...")) {
        const VideoFormat f = formats[v.format_index];
        const std::vector<std::string> ext = f == VideoFormat::mp4   ? std::vector<std::string>{".mp4"}
                                             : f == VideoFormat::gif ? std::vector<std::string>{".gif"}
                                                                     : std::vector<std::string>{};
        v.dialog.open(FileDialog::Mode::save, f == VideoFormat::png_sequence ? "Export video (a folder for the frames)" : "Export video", ext, ".",
                      core::fs::path(v.output).filename().string());
    }
    ImGui::EndDisabled();
    ImGui::Separator();

    if (!running) {
        if (ImGui::Button("Export", ImVec2(em * 6, 0))) start();
        ImGui::SameLine();
        ImGui::TextDisabled("Rendered frame by frame; the viewer stays usable.");
    } else {
        const int done = v.job->frames_done(), total = v.job->frame_count();
        char overlay[96];
        std::string step;
        if (v.finishing) {
            step = v.job->finishing_step();
            std::snprintf(overlay, sizeof(overlay), "%s...", step.empty() ? "Finishing" : step.c_str());
        } else {
            std::snprintf(overlay, sizeof(overlay), "frame %d of %d", done, total);
        }
        ImGui::ProgressBar(total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.0f, ImVec2(-1, 0), overlay);
        const double elapsed = platform::now_s() - v.started_s;
        if (!v.finishing && done > 0)
            ImGui::TextDisabled("%s so far, about %s left", minutes_seconds(elapsed).c_str(),
                                minutes_seconds(elapsed / done * (total - done)).c_str());
        if (ImGui::Button("Cancel", ImVec2(em * 6, 0))) {
            end();
            d_.notify("Video export cancelled: nothing was written", false);
        }
    }
    ImGui::End();
}

}  // namespace ui
