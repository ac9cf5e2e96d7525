// anatomy snapshot: render one frame offscreen and write a PNG.
#include "command.hpp"
#include "list_options.hpp"
#include "posture_options.hpp"

#include "core/error.hpp"
#include "ui/snapshot.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

namespace {

struct Options {
    ui::SnapshotRequest request;
    std::string size = "1600x900";
    std::string view = "anterior";
    std::string model;
    std::string color = "anatomical";
    std::string highlight;
    std::string only;
    bool hide_arms = false;
    std::string layers = "skeleton,muscles";
    app::PostureOptions posture;
    std::string profile;
    std::string side = "right";
    CLI::Option* view_option = nullptr;
    CLI::Option* time_option = nullptr;
    std::optional<float> yaw, pitch, distance;
};

const CLI::Validator size_validator(
    [](std::string& s) { return ui::parse_size(s) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1600x900 (16 to 16384 each)"; }, "WxH", "size");
const CLI::Validator view_validator(
    [](std::string& s) { return core::parse_view_preset(s) ? std::string() : "expected anterior, posterior, left, right or superior"; }, "VIEW",
    "view");

int run(Options& o) {
    auto& r = o.request;
    r.size = *ui::parse_size(o.size);
    r.view = *core::parse_view_preset(o.view);
    if (!o.model.empty()) r.model = o.model;
    const std::map<std::string, scene::ColorMode> modes = {{"anatomical", scene::ColorMode::anatomical},
                                                           {"group", scene::ColorMode::group},
                                                           {"stretch", scene::ColorMode::stretch},
                                                           {"tightness", scene::ColorMode::tightness},
                                                           {"tension", scene::ColorMode::tension}};
    r.color_mode = modes.at(o.color);
    r.highlight = app::split_list(o.highlight);
    r.only = app::split_list(o.only);
    r.arms = !o.hide_arms;
    const auto layers = app::split_list(o.layers);
    r.skeleton = std::find(layers.begin(), layers.end(), "skeleton") != layers.end();
    r.muscles = std::find(layers.begin(), layers.end(), "muscles") != layers.end();
    r.skin = std::find(layers.begin(), layers.end(), "skin") != layers.end();
    r.posture = o.posture.settings();
    if (!o.profile.empty()) {
        if (o.posture.any()) throw core::Error("--profile sets the posture: use it without --preset and --set");
        r.profile = o.profile;
    }
    r.view_given = o.view_option->count() > 0;
    r.yaw_deg = o.yaw;
    r.pitch_deg = o.pitch;
    r.distance_m = o.distance;
    r.stretch_left = o.side == "left";
    if (r.stretch.empty() && o.time_option->count() > 0) throw core::Error("--time needs --stretch");
    ui::take_snapshot(r);
    std::cout << "wrote " << r.output.string() << " (" << r.size.x << "x" << r.size.y << ")\n";
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("snapshot", "Render one frame offscreen (no display needed) and write a PNG");
    auto o = std::make_shared<Options>();
    sub->add_option("-o,--output", o->request.output, "Output PNG file")->required();
    sub->add_option("--size", o->size, "Image size in pixels, WIDTHxHEIGHT")->check(size_validator)->capture_default_str();
    o->view_option =
        sub->add_option("--view", o->view, "anterior, posterior, left, right or superior (with --stretch: the stretched side, turned to the front)")
            ->check(view_validator)
            ->capture_default_str();
    sub->add_option("--model", o->model, "Render this model file instead of the anatomy")->check(CLI::ExistingFile);
    sub->add_flag("--transparent", o->request.transparent, "Transparent background (no gradient, no floor; shadow kept)");
    app::add_posture_options(sub, o->posture);
    sub->add_option("--color", o->color, "Muscle colours: anatomical, group, stretch, tightness, tension")
        ->check(CLI::IsMember({"anatomical", "group", "stretch", "tightness", "tension"}))
        ->capture_default_str();
    sub->add_option("--highlight", o->highlight, "Comma list of muscle groups or muscle ids to highlight and label, e.g. hip_flexors,hamstrings");
    sub->add_flag("--xray", o->request.xray, "Ghost everything but the highlighted muscles");
    sub->add_flag("--overlays", o->request.overlays, "Draw the posture measurements: ASIS-PSIS, sacral slope, pelvic tilt, lumbar curve, plumb line");
    sub->add_flag("--ghost", o->request.ghost, "Show the neutral posture as a translucent ghost");
    sub->add_option("--profile", o->profile, "A patient profile: its posture settings and pinned notes")->check(CLI::ExistingFile);
    sub->add_option("--layers", o->layers, "Comma list of layers to draw: skeleton, muscles, skin")
        ->check(app::layers_validator(false))
        ->capture_default_str();
    sub->add_option("--stretch", o->request.stretch,
                    "Show the body in this stretch (ids: anatomy stretches), its targets highlighted, with its props");
    o->time_option = sub->add_option("--time", o->request.stretch_time_s, "With --stretch: the moment to show, seconds from its start")
                         ->check(CLI::Range(0.0, 3600.0));
    sub->add_option("--side", o->side, "With --stretch: the side stretched, left or right")
        ->check(CLI::IsMember({"left", "right"}))
        ->capture_default_str();
    sub->add_flag("--hide-arms", o->hide_arms, "Hide the arm bones (from the side they cover the pelvis and the hip flexors)");
    sub->add_option("--only", o->only, "Comma list of muscle groups or muscle ids: draw only these muscles (as the Layers panel's Only)");
    sub->add_option("--focus", o->request.focus,
                    "Frame a close-up: pelvis, lumbar, hip_r, hip_l, knee_r, knee_l, or a joint of the rig (femur_r, L3, ...)");
    sub->add_option("--yaw", o->yaw, "Camera angle about the vertical, degrees: 0 looks at the front, 90 at the left side, -90 at the right")
        ->check(CLI::Range(-360.0f, 360.0f));
    sub->add_option("--pitch", o->pitch, "Camera elevation, degrees: 0 level, positive from above")->check(CLI::Range(-89.0f, 89.0f));
    sub->add_option("--distance", o->distance, "Camera distance from the framed centre, metres")->check(CLI::Range(0.05f, 20.0f));
    sub->add_flag("--cue", o->request.stretch_cue, "With --stretch: the posterior-tilt cue holds the pelvis (tight muscles cannot tip it)");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
