// anatomy export-scene: the posed body (bones, muscles, optionally the skin) as binary glTF.
#include "command.hpp"
#include "list_options.hpp"
#include "posture_options.hpp"

#include "core/error.hpp"
#include "ui/scene_export.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Options {
    ui::SceneExportRequest request;
    std::string layers = "skeleton,muscles";
    app::PostureOptions posture;
    std::string side = "right";
};

// A .glb name: anything else would hold glTF binary under a misleading name.
const CLI::Validator glb_validator(
    [](std::string& s) -> std::string {
        std::string ext = std::filesystem::path(s).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return ext == ".glb" ? std::string() : "expected a file name ending in .glb";
    },
    "FILE.glb", "glb");

int run(Options& o) {
    auto& r = o.request;
    const auto layers = app::split_list(o.layers);
    auto has = [&](const char* layer) { return std::find(layers.begin(), layers.end(), layer) != layers.end(); };
    r.skeleton = has("skeleton");
    r.muscles = has("muscles");
    r.skin = has("skin");
    r.posture = o.posture.settings();
    r.stretch_left = o.side == "left";
    ui::export_scene(r);
    std::cout << "wrote " << r.output.string() << "\n";
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("export-scene", "Write the posed body (bones, muscles, optionally the skin) as binary glTF (.glb)");
    auto o = std::make_shared<Options>();
    sub->add_option("-o,--output", o->request.output, "Output file (.glb): metres, +Y up, nodes named as in the app (femur_r, psoas_r)")
        ->required()
        ->check(glb_validator);
    app::add_posture_options(sub, o->posture);
    auto* stretch =
        sub->add_option("--stretch", o->request.stretch,
                        "Pose the body in this stretch (ids: anatomy stretches); its targets coloured by stretch, the other muscles muted");
    sub->add_option("--time", o->request.stretch_time_s, "With --stretch: the moment to pose, seconds from its start")
        ->check(CLI::Range(0.0, 3600.0))
        ->needs(stretch);
    sub->add_option("--side", o->side, "With --stretch: the side stretched, left or right")
        ->check(CLI::IsMember({"left", "right"}))
        ->needs(stretch)
        ->capture_default_str();
    sub->add_option("--layers", o->layers, "Comma list of layers to export: skeleton, muscles, skin")
        ->check(app::layers_validator(true))
        ->capture_default_str();
    return {sub, [o] { return run(*o); }};
});

}  // namespace
