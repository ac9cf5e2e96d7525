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
        const core::Json j = app::posture_json(catalogue, settings, r);
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
