// anatomy muscles [--json] [--stature M] [--mass KG]: the muscle catalogue, sized for a body.
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
    float stature_m = 1.75f;
    float body_mass_kg = 72.0f;
};

int run_muscles(const MusclesOptions& o) {
    anat::SkeletonParams params;
    params.stature_m = o.stature_m;
    params.body_mass_kg = o.body_mass_kg;
    const anat::Skeleton skeleton = anat::build_default_skeleton(params);
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
            j["volume_cm3"] = m.volume_cm3;
            j["reference_volume_cm3"] = m.reference_volume_cm3;
            j["reference_volume_source"] = m.volume.source;
            list.push_back(j);
        }
        std::cout << list.dump(2) << "\n";
        return app::exit_ok;
    }
    std::printf("%-26s %-28s %-6s %-15s %10s %9s\n", "id", "name", "side", "group", "neutral mm", "volume cm3");
    for (const auto& m : c.muscles)
        std::printf("%-26s %-28s %-6s %-15s %10.1f %9.0f\n", m.id.c_str(), m.name.c_str(), m.side == anat::Side::right ? "right" : "left",
                    m.group.c_str(), static_cast<double>(m.neutral_length_m * 1000.0f), static_cast<double>(m.volume_cm3));
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
    sub->add_flag("--json", o->json, "Print a JSON list: id, name, side, group, neutral_length_m, parameters, volumes and texts");
    sub->add_option("--stature", o->stature_m, "Stature in metres (lengths and volumes)")->check(CLI::Range(1.2f, 2.2f))->capture_default_str();
    sub->add_option("--mass", o->body_mass_kg, "Body mass in kilograms (volumes)")->check(CLI::Range(30.0f, 200.0f))->capture_default_str();
    return {sub, [o] { return run_muscles(*o); }};
});

const bool registered_validate = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("validate", "Check a muscle catalogue file and report every problem with its place");
    auto o = std::make_shared<ValidateOptions>();
    sub->add_option("file", o->file, "The catalogue file (JSON)")->required()->check(CLI::ExistingFile);
    return {sub, [o] { return run_validate(*o); }};
});

}  // namespace
