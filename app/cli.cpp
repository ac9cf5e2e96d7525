#include "cli.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "scene/snapshot.hpp"
#include "ui/viewer.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace app {

namespace {

constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

// "--size 1600x900" as a CLI11 validator, so a bad value is a usage error (exit 2).
const CLI::Validator size_validator(
    [](std::string& s) { return scene::parse_size(s) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1600x900 (16 to 16384 each)"; },
    "WxH", "size");
const CLI::Validator view_validator(
    [](std::string& s) { return core::parse_view_preset(s) ? std::string() : "expected anterior, posterior, left, right or superior"; },
    "VIEW", "view");

}  // namespace

int run(int argc, char** argv) {
    CLI::App cli{"Anatomy: a real-time 3D anatomy visualiser for the hip flexors, hamstrings and pelvic tilt.\n"
                 "With no command, opens the viewer.",
                 "anatomy"};
    cli.require_subcommand(0, 1);
    cli.fallthrough(false);

    // anatomy (viewer)
    ui::ViewerOptions viewer;
    cli.add_option("--model", viewer.model, "Open this model file (glTF, GLB, OBJ, FBX) in the viewer")->check(CLI::ExistingFile);
    cli.add_option("--quit-after-frames", viewer.quit_after_frames, "Close the viewer after N frames (smoke tests)")
        ->check(CLI::Range(1, 100000));
    cli.add_option("--ui-screenshot", viewer.ui_screenshot, "With --quit-after-frames: save the window, UI included, as PNG");

    // anatomy snapshot
    auto* snap = cli.add_subcommand("snapshot", "Render one frame offscreen (no display needed) and write a PNG");
    scene::SnapshotOptions so;
    std::string so_size = "1600x900", so_view = "anterior", so_model;
    snap->add_option("-o,--output", so.output, "Output PNG file")->required();
    snap->add_option("--size", so_size, "Image size in pixels, WIDTHxHEIGHT")->check(size_validator)->capture_default_str();
    snap->add_option("--view", so_view, "anterior, posterior, left, right or superior")->check(view_validator)->capture_default_str();
    snap->add_option("--model", so_model, "Render this model file instead of the anatomy")->check(CLI::ExistingFile);
    snap->add_flag("--transparent", so.transparent, "Transparent background (no gradient, no floor; shadow kept)");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        cli.exit(e);  // prints the reason and the usage
        return exit_usage;
    }

    try {
        if (*snap) {
            so.size = *scene::parse_size(so_size);
            so.view = *core::parse_view_preset(so_view);
            if (!so_model.empty()) so.model = so_model;
            scene::take_snapshot(so);
            std::cout << "wrote " << so.output.string() << " (" << so.size.x << "x" << so.size.y << ")\n";
            return 0;
        }
        return ui::run_viewer(viewer);
    } catch (const core::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "error: unexpected failure: " << e.what() << "\n";
        return exit_failure;
    }
}

}  // namespace app
