#include "cli.hpp"

#include "command.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "core/log.hpp"
#include "ui/snapshot.hpp"
#include "ui/viewer.hpp"

#include <iostream>

namespace app {

std::vector<CommandFactory>& command_factories() {
    static std::vector<CommandFactory> factories;
    return factories;
}

bool register_command(CommandFactory factory) {
    command_factories().push_back(std::move(factory));
    return true;
}

int run(int argc, char** argv) {
    CLI::App cli{
        "Anatomy: a real-time 3D anatomy visualiser for the hip flexors, hamstrings and pelvic tilt.\n"
        "With no command, opens the viewer.",
        "anatomy"};
    cli.require_subcommand(0, 1);
    cli.set_version_flag(
        "--version", [] { return core::version_line(); }, "Print the version and the source revision, then exit");

    // anatomy (the viewer)
    ui::ViewerOptions viewer;
    cli.add_option("profile", viewer.profile, "A patient profile to open (.anatomy or .json), e.g. from a double-click in the file manager")
        ->check(CLI::ExistingFile)
        ->type_name("PROFILE");
    cli.add_option("--model", viewer.model, "Open this model file (glTF, GLB, OBJ, FBX) in the viewer")->check(CLI::ExistingFile);
    cli.add_option("--quit-after-frames", viewer.quit_after_frames, "Close the viewer after N frames (smoke tests)")->check(CLI::Range(1, 100000));
    cli.add_option("--ui-screenshot", viewer.ui_screenshot,
                   "With --quit-after-frames or --quit-after-seconds: save the window, UI included, as PNG, before closing");
    cli.add_option("--present", viewer.presentation_step, "Start the guided presentation at this step (1-based)")->check(CLI::Range(1, 100));
    cli.add_option("--compare", viewer.compare, "Start side by side: neutral (neutral | current) or programme (before | after)")
        ->check(CLI::IsMember({"neutral", "programme"}));
    cli.add_option("--preset", viewer.preset, "Start with a posture preset (see anatomy posture --help)");
    cli.add_option("--stretch", viewer.stretch, "Start playing a stretch (ids: anatomy stretches)");
    cli.add_option("--side", viewer.stretch_side, "With --stretch: the side stretched")->check(CLI::IsMember({"left", "right"}));
    cli.add_option("--export-video", viewer.export_video,
                   "Export the stretch on screen (or the guided story) through the Export video window, then close");
    cli.add_option("--export-size", viewer.export_size, "With --export-video: frame size, WIDTHxHEIGHT")
        ->check(CLI::Validator([](std::string& v) { return ui::parse_size(v) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1280x720"; }, "WxH"))
        ->capture_default_str();
    cli.add_option("--export-fps", viewer.export_fps, "With --export-video: frames a second")->check(CLI::Range(1, 120))->capture_default_str();
    cli.add_option("--quit-after-seconds", viewer.quit_after_s, "Close the viewer after S seconds (tests of the idle viewer)")
        ->check(CLI::Range(0.1, 3600.0));
    cli.add_option("--frame-log", viewer.frame_log, "Write the time of every presented frame to FILE at exit (tests of the idle viewer)");
    cli.add_option("--ui-audit", viewer.ui_audit,
                   "Walk through the panels and windows, write the text drawn and any cut-off window to FILE, then close (tests)");
    cli.add_option("--window-size", viewer.window_size, "The window's size at start, WIDTHxHEIGHT (not saved)")
        ->check(CLI::Validator([](std::string& v) { return ui::parse_size(v) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1280x720"; }, "WxH"));
    cli.add_option("--measure", viewer.measure,
                   "Open the measuring window with this lateral image (PNG, JPEG) or landmarks file (.json, anatomy-landmarks-1)")
        ->check(CLI::ExistingFile);
    cli.add_flag("--performance", viewer.performance, "Open the performance window (frame-time graph, per-stage times; F12) at start");
    cli.add_option("--time", viewer.stretch_time_s, "With --stretch: show it paused at this time (seconds)")->check(CLI::Range(0.0, 3600.0));

    std::vector<CommandRun> commands;
    for (const auto& factory : command_factories()) commands.push_back(factory(cli));

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        cli.exit(e);  // prints the reason and the usage
        return exit_usage;
    }

    try {
        for (const auto& c : commands)
            if (c.subcommand && c.subcommand->parsed()) return c.run();
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
