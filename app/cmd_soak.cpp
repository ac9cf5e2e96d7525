// anatomy soak [--minutes M | --cycles N] [--size WxH]: renders offscreen for a long time, cycling
// every posture preset and every stretch on both sides, and checks that nothing accumulates: no
// OpenGL errors, no growth in live GL objects, no growth in resident memory after the first
// cycle (which fills caches). Exit 1 with the reason when something does.
#include "command.hpp"

#include "biomech/presets.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "gfx/objects.hpp"
#include "gfx/render_target.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/posture_state.hpp"
#include "scene/compose.hpp"
#include "scene/props.hpp"
#include "scene/stretch_state.hpp"
#include "scene/world.hpp"
#include "ui/snapshot.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

namespace {

struct Options {
    double minutes = 3.0;
    int cycles = 0;  // > 0: run this many cycles instead of a time
    std::string size = "1280x720";
    float step_s = 0.75f;  // clip seconds between rendered frames
    CLI::Option* minutes_option = nullptr;
};

// Resident memory now, from /proc (Linux), in MB.
double resident_mb() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    statm >> pages_total >> pages_resident;
    return static_cast<double>(pages_resident) * 4096.0 / (1024.0 * 1024.0);
}

class Soak {
public:
    Soak(glm::ivec2 size, float clip_step_s)
        : clip_step_s_(clip_step_s), window_(desc()), shaders_(core::shader_dir()), renderer_(shaders_), target_(size, GL_RGBA8, true), size_(size) {
        posture_ = std::make_unique<scene::PostureState>(world_.body().skeleton(), world_.body().catalogue());
        stretch_ = std::make_unique<scene::StretchState>(world_.body().skeleton(), world_.body().catalogue());
        presets_ = biomech::load_default_presets();
        world_.display.layers.skin = true;  // every layer on
    }

    // One pass through every preset (gliding there) and every stretch on both sides (a frame
    // every `clip_step_s` of clip time), rendering each frame. Returns the frames rendered.
    int cycle() {
        int frames = 0;
        constexpr float dt = 1.0f / 30.0f;
        for (const auto& p : presets_) {
            posture_->set_settings(p.settings, true);
            for (int i = 0; i < 15; ++i, ++frames) {
                posture_->update(dt);
                render(posture_->displayed_pose());
            }
        }
        while (posture_->undo()) {}
        for (std::size_t c = 0; c < stretch_->library().size(); ++c) {
            for (anim::Side side : {anim::Side::right, anim::Side::left}) {
                stretch_->player().set_side(side);
                stretch_->set_cue(side == anim::Side::left);
                stretch_->start(static_cast<int>(c), posture_->displayed_pose());
                const float clip_step_s = clip_step_s_;
                const float duration = stretch_->player().duration_s();
                for (float t = 0.0f; t < duration; t += clip_step_s, ++frames) {
                    stretch_->update(clip_step_s, posture_->displayed_pose(), posture_->target().tightness);
                    render(stretch_->pose());
                }
                stretch_->stop();
                stretch_->update(1.0f, posture_->displayed_pose(), posture_->target().tightness);
            }
        }
        return frames;
    }

    std::string gl_errors_seen() const { return errors_; }

private:
    static platform::WindowDesc desc() {
        platform::WindowDesc d;
        d.title = "anatomy soak";
        d.width = 64;
        d.height = 64;
        d.offscreen = true;
        return d;
    }

    void render(const anat::Pose& pose) {
        scene::Body& body = world_.body();
        if (stretch_->showing_clip()) {
            world_.display.emphasised.clear();
            for (std::size_t i : stretch_->targets()) world_.display.emphasised.insert(body.catalogue().muscles[i].id);
        }
        gfx::FrameDesc frame;
        scene::ViewContent content;
        content.pose = &pose;
        content.tightness = &posture_->target().tightness;
        content.props_of = stretch_.get();
        content.props = &props_;
        scene::compose_view(world_, content, frame);
        frame.camera.set_preset(core::ViewPreset::right);
        frame.camera.frame_box(world_.bounds(), static_cast<float>(size_.x) / static_cast<float>(size_.y));
        renderer_.render(frame, target_.fbo(), {0, 0, size_.x, size_.y});
        // Now and then the read-back path too (image export, snapshots).
        if (++frame_count_ % 97 == 0) (void)renderer_.render_to_image(frame, size_);
        if (const std::string e = gfx::gl_errors(); !e.empty() && errors_.size() < 2000) errors_ += e + "\n";
    }

    float clip_step_s_;
    platform::Window window_;
    gfx::ShaderLibrary shaders_;
    gfx::Renderer renderer_;
    gfx::RenderTarget target_;
    glm::ivec2 size_;
    scene::World world_;
    scene::PropRenderer props_;
    std::unique_ptr<scene::PostureState> posture_;
    std::unique_ptr<scene::StretchState> stretch_;
    std::vector<biomech::PosturePreset> presets_;
    long frame_count_ = 0;
    std::string errors_;
};

int run(const Options& o) {
    const glm::ivec2 size = *ui::parse_size(o.size);
    if (o.cycles > 0 && o.minutes_option->count() > 0) throw core::Error("give --minutes or --cycles, not both");
    Soak soak(size, o.step_s);
    const auto start = std::chrono::steady_clock::now();
    auto minutes = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / 60.0; };
    // The first cycle fills caches (shader variants, font atlas, allocator pools): measure from
    // the end of it.
    int frames = soak.cycle();
    const double base_mb = resident_mb();
    const int base_gl = gfx::live_gl_objects_total();
    std::fprintf(stderr, "cycle 1: %d frames, %.1f MB resident, %d GL objects\n", frames, base_mb, base_gl);
    int cycles = 1;
    double peak_growth_mb = 0.0;
    int max_gl = base_gl;
    while (o.cycles > 0 ? cycles < o.cycles : minutes() < o.minutes) {
        frames += soak.cycle();
        ++cycles;
        const double mb = resident_mb();
        peak_growth_mb = std::max(peak_growth_mb, mb - base_mb);
        max_gl = std::max(max_gl, gfx::live_gl_objects_total());
        std::fprintf(stderr, "cycle %d: %d frames in %.1f min, %.1f MB resident (%+.1f), %d GL objects\n", cycles, frames, minutes(), mb,
                     mb - base_mb, gfx::live_gl_objects_total());
    }
    const double end_growth_mb = resident_mb() - base_mb;
    std::printf("soak: %d cycles, %d frames in %.1f min; resident memory %+.1f MB after the first cycle (peak %+.1f); GL objects %d -> %d\n", cycles,
                frames, minutes(), end_growth_mb, peak_growth_mb, base_gl, gfx::live_gl_objects_total());
    std::string problems;
    if (!soak.gl_errors_seen().empty()) problems += "OpenGL errors:\n" + soak.gl_errors_seen();
    if (max_gl > base_gl) problems += "live GL objects grew from " + std::to_string(base_gl) + " to " + std::to_string(max_gl) + "\n";
    // Allocators keep freed pages; a few MB of settling is noise, a steady climb is a leak.
    constexpr double allowed_growth_mb = 8.0;
    if (end_growth_mb > allowed_growth_mb) problems += "resident memory grew by " + std::to_string(end_growth_mb) + " MB\n";
    if (!problems.empty()) throw core::Error("soak failed:\n" + problems);
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("soak", "Render offscreen for minutes, cycling every preset and stretch; fail on GL errors or growth");
    auto o = std::make_shared<Options>();
    o->minutes_option = sub->add_option("--minutes", o->minutes, "How long to run")->check(CLI::Range(0.0, 24.0 * 60.0))->capture_default_str();
    sub->add_option("--cycles", o->cycles, "Run this many full cycles instead (at least 2 to compare)")->check(CLI::Range(1, 100000));
    sub->add_option("--step", o->step_s, "Seconds of each stretch clip between rendered frames")
        ->check(CLI::Range(0.05, 60.0))
        ->capture_default_str();
    sub->add_option("--size", o->size, "Frame size, WIDTHxHEIGHT")
        ->check(CLI::Validator([](std::string& s) { return ui::parse_size(s) ? std::string() : "expected WIDTHxHEIGHT"; }, "WxH", "size"))
        ->capture_default_str();
    return {sub, [o] { return run(*o); }};
});

}  // namespace
