// anatomy muscles [--json]: the muscle catalogue.
// anatomy validate FILE: checks a muscle catalogue file and lists every problem with its place.
#include "command.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "core/files.hpp"
#include "core/json.hpp"
#include "core/log.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct MusclesOptions {
    bool json = false;
};

int run_muscles(const MusclesOptions& o) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const anat::MuscleCatalogue c = anat::load_default_muscle_catalogue(skeleton);
    if (o.json) {
        core::Json list = core::Json::array();
        for (const auto& m : c.muscles) {
            core::Json j;
            j["id"] = m.id;
            j["name"] = m.name;
            j["side"] = m.side == anat::Side::right ? "right" : "left";
            j["group"] = m.group;
            j["also_in"] = m.also_in;
            j["neutral_length_m"] = m.neutral_length_m;
            j["end_range_length_m"] = m.end_length_m;
            j["max_isometric_force_n"] = m.params.f_max_n;
            j["optimal_fibre_length_m"] = m.params.l_opt_m;
            j["tendon_slack_length_m"] = m.params.l_ts_m;
            j["pennation_deg"] = core::rad_to_deg(m.params.pennation_rad);
            j["origin"] = m.origin;
            j["insertion"] = m.insertion;
            j["action"] = m.action;
            j["innervation"] = m.innervation;
            j["note"] = m.note;
            j["source"] = m.params.source;
            list.push_back(j);
        }
        std::cout << list.dump(2) << "\n";
        return app::exit_ok;
    }
    std::printf("%-26s %-28s %-6s %-15s %10s\n", "id", "name", "side", "group", "neutral mm");
    for (const auto& m : c.muscles)
        std::printf("%-26s %-28s %-6s %-15s %10.1f\n", m.id.c_str(), m.name.c_str(), m.side == anat::Side::right ? "right" : "left", m.group.c_str(),
                    static_cast<double>(m.neutral_length_m * 1000.0f));
    return app::exit_ok;
}

struct ValidateOptions {
    std::string file;
};

int run_validate(const ValidateOptions& o) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const auto problems = anat::validate_muscle_catalogue(core::read_file(o.file), o.file, skeleton);
    if (problems.empty()) {
        std::cout << o.file << ": valid muscle catalogue\n";
        return app::exit_ok;
    }
    for (const auto& p : problems) std::cerr << p << "\n";
    std::cerr << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " in " << o.file << "\n";
    return app::exit_failure;
}

const bool registered_muscles = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("muscles", "List the muscle catalogue (both sides)");
    auto o = std::make_shared<MusclesOptions>();
    sub->add_flag("--json", o->json, "Print a JSON list: id, name, side, group, neutral_length_m, parameters and texts");
    return {sub, [o] { return run_muscles(*o); }};
});

const bool registered_validate = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("validate", "Check a muscle catalogue file and report every problem with its place");
    auto o = std::make_shared<ValidateOptions>();
    sub->add_option("file", o->file, "The catalogue file (JSON)")->required()->check(CLI::ExistingFile);
    return {sub, [o] { return run_validate(*o); }};
});

}  // namespace
