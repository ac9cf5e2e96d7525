// anatomy snapshot: render one frame offscreen and write a PNG.
#include "command.hpp"

#include "scene/snapshot.hpp"

#include <iostream>
#include <memory>

namespace {

struct Options {
    scene::SnapshotOptions snapshot;
    std::string size = "1600x900";
    std::string view = "anterior";
    std::string model;
};

// "--size 1600x900" as a CLI11 validator, so a bad value is a usage error (exit 2).
const CLI::Validator size_validator(
    [](std::string& s) { return scene::parse_size(s) ? std::string() : "expected WIDTHxHEIGHT, e.g. 1600x900 (16 to 16384 each)"; },
    "WxH", "size");
const CLI::Validator view_validator(
    [](std::string& s) { return core::parse_view_preset(s) ? std::string() : "expected anterior, posterior, left, right or superior"; },
    "VIEW", "view");

int run(Options& o) {
    o.snapshot.size = *scene::parse_size(o.size);
    o.snapshot.view = *core::parse_view_preset(o.view);
    if (!o.model.empty()) o.snapshot.model = o.model;
    scene::take_snapshot(o.snapshot);
    std::cout << "wrote " << o.snapshot.output.string() << " (" << o.snapshot.size.x << "x" << o.snapshot.size.y << ")\n";
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("snapshot", "Render one frame offscreen (no display needed) and write a PNG");
    auto o = std::make_shared<Options>();
    sub->add_option("-o,--output", o->snapshot.output, "Output PNG file")->required();
    sub->add_option("--size", o->size, "Image size in pixels, WIDTHxHEIGHT")->check(size_validator)->capture_default_str();
    sub->add_option("--view", o->view, "anterior, posterior, left, right or superior")->check(view_validator)->capture_default_str();
    sub->add_option("--model", o->model, "Render this model file instead of the anatomy")->check(CLI::ExistingFile);
    sub->add_flag("--transparent", o->snapshot.transparent, "Transparent background (no gradient, no floor; shadow kept)");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
