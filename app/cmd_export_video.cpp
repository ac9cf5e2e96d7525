// anatomy export-video: a stretch demo or the guided story as MP4, GIF or a PNG sequence,
// rendered offscreen frame by frame at a fixed frame rate and encoded by ffmpeg.
#include "command.hpp"
#include "posture_options.hpp"

#include "core/error.hpp"
#include "platform/window.hpp"
#include "ui/snapshot.hpp"
#include "ui/video_export.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace {

struct Options {
    std::string output;
    std::string stretch;
    std::string story;
    std::string side = "right";
    std::string size = "1280x720";
    int fps = 30;
    float step_s = 6.0f;
    bool png = false, cue = false, follow = false, no_captions = false;
    std::string caption_size;
    app::PostureOptions posture;
    CLI::Option* story_option = nullptr;
    CLI::Option* side_option = nullptr;
};

const CLI::Validator size_validator(
    [](std::string& s) { return ui::parse_size(s) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1280x720 (16 to 16384 each)"; }, "WxH", "size");

// Ctrl+C (or a kill) stops after the frame being made, and the partial output is removed.
volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

class InterruptGuard {
public:
    InterruptGuard() {
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int_);
        sigaction(SIGTERM, &sa, &old_term_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction old_int_ {
    }, old_term_{};
};

// "frame 12 of 300" on stderr: rewritten in place on a terminal, a line every tenth otherwise
// (logs stay short).
class Progress {
public:
    Progress() : tty_(::isatty(STDERR_FILENO) != 0) {}
    bool operator()(int done, int total) {
        if (tty_) {
            std::fprintf(stderr, "\rframe %d of %d", done, total);
            if (done == total) std::fprintf(stderr, "\n");
        } else if (done == 1 || done == total || done * 10 / total != (done - 1) * 10 / total) {
            std::fprintf(stderr, "frame %d of %d\n", done, total);
        }
        std::fflush(stderr);
        return interrupted == 0;
    }

private:
    bool tty_;
};

int run(const Options& o) {
    ui::VideoRequest r;
    r.output = o.output;
    r.format = ui::video_format_for(r.output, o.png);
    const glm::ivec2 asked = *ui::parse_size(o.size);
    r.size = ui::video_frame_size(r.format, asked);
    if (r.size != asked)
        std::cerr << "note: MP4 needs even sides: " << asked.x << "x" << asked.y << " becomes " << r.size.x << "x" << r.size.y << "\n";
    r.fps = o.fps;
    r.stretch = o.stretch;
    if (o.story_option->count() > 0 && !o.story.empty()) r.story = o.story;
    if (o.side_option->count() > 0) r.left_side = o.side == "left";
    r.cue = o.cue;
    r.follow = o.follow;
    r.captions = !o.no_captions;
    if (!o.caption_size.empty()) r.caption_scale = ui::parse_caption_size(o.caption_size);
    r.story_step_s = o.step_s;
    if (r.stretch.empty() && o.posture.any())
        throw core::Error("--preset and --set pose the body for --stretch; the story sets its own posture at each step");
    r.posture = o.posture.settings();

    InterruptGuard guard;
    interrupted = 0;
    Progress progress;
    const double start_s = platform::now_s();
    int frames = 0;
    const bool complete = ui::export_video(r, [&](int done, int total) {
        frames = total;
        return progress(done, total);
    });
    if (!complete) {
        std::cerr << "\ncancelled: nothing was written\n";
        return app::exit_failure;
    }
    const double took_s = platform::now_s() - start_s;
    std::cout << "wrote " << r.output.string() << " (" << ui::video_format_name(r.format) << ", " << r.size.x << "x" << r.size.y << ", " << frames
              << " frames at " << r.fps << " fps)\n";
    char speed[96];
    std::snprintf(speed, sizeof(speed), "%.1f s, %.1f frames a second\n", took_s, took_s > 0.0 ? frames / took_s : 0.0);
    std::cerr << "took " << speed;
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand(
        "export-video", "Render a stretch demo or the guided story offscreen as MP4, GIF or a PNG sequence (needs ffmpeg for MP4 and GIF)");
    auto o = std::make_shared<Options>();
    auto* what = sub->add_option_group("what", "What to export (one of)");
    what->add_option("--stretch", o->stretch, "A stretch demo, from its start to its end (ids: anatomy stretches)");
    o->story_option = what->add_option("--story", o->story, "The guided story: assets/story/pelvic_tilt.json, or this story file")->expected(0, 1);
    what->require_option(1);
    sub->add_option("-o,--output", o->output, "Output: .mp4 (H.264), .gif, or a folder (a name without an extension) for a PNG sequence")->required();
    sub->add_option("--fps", o->fps, "Frames a second")->check(CLI::Range(1, 120))->capture_default_str();
    sub->add_option("--size", o->size, "Frame size in pixels, WIDTHxHEIGHT (MP4 rounds odd sides down)")
        ->check(size_validator)
        ->capture_default_str();
    sub->add_flag("--png", o->png, "Write a PNG sequence into the output folder, whatever its name");
    o->side_option = sub->add_option("--side", o->side, "The side stretched, left or right (the story: the side its camera sees)")
                         ->check(CLI::IsMember({"left", "right"}))
                         ->capture_default_str();
    sub->add_flag("--cue", o->cue, "The posterior-tilt cue holds the pelvis (tight muscles cannot tip it)");
    sub->add_flag("--follow", o->follow, "The camera follows the body when it moves far (kneeling, lying down) and holds still through a hold");
    sub->add_flag("--no-caption", o->no_captions, "No caption (the step text, the story's titles)");
    sub->add_option("--caption-size", o->caption_size, "Caption text: small, normal or large (default: small below 720 pixels high, else normal)")
        ->check(CLI::IsMember({"small", "normal", "large"}));
    sub->add_option("--step-seconds", o->step_s, "The story: how long each step without a stretch lasts")
        ->check(CLI::Range(1.0, 120.0))
        ->capture_default_str();
    app::add_posture_options(sub, o->posture);
    return {sub, [o] { return run(*o); }};
});

}  // namespace
