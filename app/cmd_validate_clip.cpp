// anatomy validate-clip FILE: checks one stretch clip (fields, names, ranges) and then how it moves
// (joint limits, contacts, floor), printing every problem with its place.
#include "command.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "anim/clip_check.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace {

struct Options {
    std::string file;
};

int run(const Options& o) {
    const anim::Rig rig = anim::load_default_rig(anat::build_default_skeleton());
    anim::ClipOptions options;
    options.expected_id = std::filesystem::path(o.file).stem().string();
    anim::Clip clip;
    try {
        clip = anim::parse_clip(rig, core::read_file(o.file), o.file, options);
    } catch (const core::Error& e) {
        std::cout << e.what() << "\n";
        return app::exit_failure;
    }
    const auto problems = anim::check_clip_motion(rig, clip);
    for (const auto& p : problems) std::cout << p << "\n";
    if (!problems.empty()) return app::exit_failure;
    std::cout << "ok: " << o.file << " (" << clip.keys.size() << " keyframes, " << clip.duration_s() << " s)\n";
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("validate-clip", "Check a stretch clip file: every problem with its place; exit 1 if any");
    auto o = std::make_shared<Options>();
    sub->add_option("file", o->file, "The clip (JSON, see README, Stretches)")->required()->check(CLI::ExistingFile);
    return {sub, [o] { return run(*o); }};
});

}  // namespace
