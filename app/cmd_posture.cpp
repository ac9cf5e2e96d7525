// anatomy posture [--preset NAME] [--set GROUP=VALUE ...] [--json]: the standing posture the
// settings produce, with the clinical measurements and per-muscle lengths and passive forces.
#include "command.hpp"
#include "posture_options.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "biomech/posture.hpp"
#include "core/json.hpp"

#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct Options {
    app::PostureOptions posture;
    bool json = false;
};

int run(const Options& o) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const biomech::PostureSolver solver(skeleton, catalogue);
    const biomech::PostureSettings settings = o.posture.settings();
    const biomech::PostureResult r = solver.solve(settings);
    const auto& m = r.measures;
    const auto reading = biomech::read_clinical_tilt(m.pelvic_tilt_clinical_deg);
    if (o.json) {
        core::Json j;
        for (const auto& info : biomech::measure_table()) j[info.key] = m.*info.value;
        j["converged"] = r.converged;
        j["iterations"] = r.iterations;
        j["reading"] = reading.words;
        core::Json groups;
        for (auto g : biomech::all_posture_groups) groups[biomech::posture_group_id(g)] = settings[g];
        j["settings"] = groups;
        core::Json muscles = core::Json::array();
        for (std::size_t i = 0; i < catalogue.muscles.size(); ++i) {
            core::Json mj;
            mj["id"] = catalogue.muscles[i].id;
            mj["length_m"] = r.muscle_length_m[i];
            mj["neutral_length_m"] = catalogue.muscles[i].neutral_length_m;
            mj["passive_force_n"] = r.passive_force_n[i];
            mj["tightness"] = r.tightness[i] * 100.0f;
            muscles.push_back(mj);
        }
        j["muscles"] = muscles;
        std::cout << j.dump(2) << "\n";
    } else {
        for (const auto& info : biomech::measure_table()) {
            std::string note = info.sign;
            if (info.typical[0]) note += std::string(note.empty() ? "" : ", ") + info.typical;
            std::printf("%-26s %6.1f deg%s\n", info.label, static_cast<double>(m.*info.value), note.empty() ? "" : ("  (" + note + ")").c_str());
        }
        std::printf("Pelvic tilt is %s. PI = PT + SS.\n", reading.words);
        std::printf("%s after %d iterations\n", r.converged ? "Converged" : "Did not converge", r.iterations);
    }
    return r.converged ? app::exit_ok : app::exit_failure;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("posture", "Solve the standing posture for muscle tightness and strength settings");
    auto o = std::make_shared<Options>();
    app::add_posture_options(sub, o->posture);
    sub->add_flag("--json", o->json, "Print JSON: the clinical angles, convergence and per-muscle lengths and passive forces");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
