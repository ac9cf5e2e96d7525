// anatomy fit --pelvic-incidence DEG --pelvic-tilt DEG --lumbar-lordosis DEG [--stature M] [--json]:
// a body with the patient's pelvic incidence (and stature) standing at the measured tilt and
// lordosis: the muscle settings closest to normal that reproduce them, for the best pattern and
// the closest different ones. What could produce the posture in the model, not a diagnosis.
#include "command.hpp"
#include "posture_options.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "biomech/posture_fit.hpp"
#include "core/json.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct Options {
    float pelvic_incidence_deg = 0.0f, pelvic_tilt_deg = 0.0f, lumbar_lordosis_deg = 0.0f, stature_m = 1.75f;
    bool json = false;
};

constexpr const char* caveat =
    "What could produce this posture in the model, not a diagnosis: in real people, posture is only weakly linked to muscle length.";

double tidy(float v) { return std::round(static_cast<double>(v) * 100.0) / 100.0; }

// The settings the pattern changed from normal, e.g. "hip_flexors 78"; "normal settings" if none.
std::string settings_words(const biomech::FitResult& f) {
    const biomech::PostureSettings normal;
    std::string out;
    for (auto g : f.pattern->groups) {
        if (std::abs(f.settings[g] - normal[g]) < 0.5f) continue;
        char part[80];
        std::snprintf(part, sizeof(part), "%s%s %.0f", out.empty() ? "" : ", ", biomech::posture_group_id(g), static_cast<double>(f.settings[g]));
        out += part;
    }
    return out.empty() ? "normal settings" : out;
}

core::Json fit_json(const biomech::FitResult& f) {
    core::Json settings;
    for (auto g : biomech::all_posture_groups) settings[biomech::posture_group_id(g)] = tidy(f.settings[g]);
    return {{"pattern", f.pattern->id},
            {"name", f.pattern->name},
            {"settings", settings},
            {"pelvic_tilt_deg", tidy(f.posture.measures.pelvic_tilt_deg)},
            {"lumbar_lordosis_deg", tidy(f.posture.measures.lumbar_lordosis_deg)},
            {"residual_pelvic_tilt_deg", tidy(f.residual_pelvic_tilt_deg)},
            {"residual_lumbar_lordosis_deg", tidy(f.residual_lumbar_lordosis_deg)},
            {"reproduces", f.reproduces()}};
}

int run(const Options& o) {
    if (o.pelvic_tilt_deg >= o.pelvic_incidence_deg) {
        std::fprintf(stderr,
                     "error: a pelvic tilt of %.1f degrees is not possible with a pelvic incidence of %.1f: the sacral slope (PI - PT) "
                     "would be %.1f, and it must be above 0\n",
                     static_cast<double>(o.pelvic_tilt_deg), static_cast<double>(o.pelvic_incidence_deg),
                     static_cast<double>(o.pelvic_incidence_deg - o.pelvic_tilt_deg));
        return app::exit_usage;
    }
    const anat::Skeleton skeleton = anat::build_default_skeleton({o.stature_m, o.pelvic_incidence_deg});
    const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const biomech::PostureSolver solver(skeleton, catalogue);
    const biomech::FitTarget target{o.pelvic_tilt_deg, o.lumbar_lordosis_deg};
    const std::vector<biomech::FitResult> fits = biomech::fit_posture(solver, target);
    const biomech::FitResult& best = fits.front();
    // The alternatives: the next patterns that reproduce the posture too (or, when none does, the
    std::vector<const biomech::FitResult*> alternatives;
    // next closest), up to three, each with settings of its own (two patterns can land on the same).
    auto seen = [&](const biomech::FitResult& f) {
        if (f.settings == best.settings) return true;
        for (const auto* a : alternatives)
            if (a->settings == f.settings) return true;
        return false;
    };
    for (std::size_t i = 1; i < fits.size() && alternatives.size() < 3; ++i)
        if ((fits[i].reproduces() || !best.reproduces()) && !seen(fits[i])) alternatives.push_back(&fits[i]);
    const std::string why = best.reproduces() ? std::string() : biomech::why_unreachable(best, target);
    if (o.json) {
        core::Json j = app::posture_json(catalogue, best.settings, best.posture);
        j["pattern"] = best.pattern->id;
        j["pattern_name"] = best.pattern->name;
        j["residual_pelvic_tilt_deg"] = tidy(best.residual_pelvic_tilt_deg);
        j["residual_lumbar_lordosis_deg"] = tidy(best.residual_lumbar_lordosis_deg);
        j["reproduces"] = best.reproduces();
        if (!why.empty()) j["why"] = why;
        core::Json alt = core::Json::array();
        for (const auto* a : alternatives) alt.push_back(fit_json(*a));
        j["alternatives"] = alt;
        j["target"] = {{"pelvic_incidence_deg", o.pelvic_incidence_deg},
                       {"pelvic_tilt_deg", o.pelvic_tilt_deg},
                       {"lumbar_lordosis_deg", o.lumbar_lordosis_deg},
                       {"stature_m", o.stature_m}};
        j["caveat"] = caveat;
        std::cout << j.dump(2) << "\n";
    } else {
        std::printf("Patient: pelvic incidence %.1f, pelvic tilt %.1f, lumbar lordosis %.1f degrees; stature %.2f m\n",
                    static_cast<double>(o.pelvic_incidence_deg), static_cast<double>(o.pelvic_tilt_deg), static_cast<double>(o.lumbar_lordosis_deg),
                    static_cast<double>(o.stature_m));
        auto line = [](const biomech::FitResult& f) {
            std::printf("  %s: %s\n    pelvic tilt %.1f (%+.1f), lumbar lordosis %.1f (%+.1f)\n", f.pattern->name.c_str(), settings_words(f).c_str(),
                        static_cast<double>(f.posture.measures.pelvic_tilt_deg), static_cast<double>(f.residual_pelvic_tilt_deg),
                        static_cast<double>(f.posture.measures.lumbar_lordosis_deg), static_cast<double>(f.residual_lumbar_lordosis_deg));
        };
        std::printf(best.reproduces() ? "Best fit in the model:\n" : "The model cannot reach this posture; the closest:\n");
        line(best);
        if (!alternatives.empty()) std::printf(best.reproduces() ? "Other patterns that also produce it:\n" : "Next closest:\n");
        for (const auto* a : alternatives) line(*a);
        if (!why.empty()) std::printf("Why: %s.\n", why.c_str());
        std::printf("%s\n", caveat);
    }
    return best.reproduces() ? app::exit_ok : app::exit_failure;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand(
        "fit", "Fit the model to a patient: the muscle settings closest to normal that reproduce a measured pelvic tilt and lordosis");
    auto o = std::make_shared<Options>();
    sub->add_option("--pelvic-incidence", o->pelvic_incidence_deg, "The patient's pelvic incidence, degrees (measure-image gives it)")
        ->required()
        ->check(CLI::Range(30.0f, 85.0f));
    sub->add_option("--pelvic-tilt", o->pelvic_tilt_deg, "The measured pelvic tilt (PT), degrees, backward tilt positive")
        ->required()
        ->check(CLI::Range(-20.0f, 50.0f));
    sub->add_option("--lumbar-lordosis", o->lumbar_lordosis_deg, "The measured L1-S1 lordosis, degrees, a hollow back positive")
        ->required()
        ->check(CLI::Range(0.0f, 100.0f));
    sub->add_option("--stature", o->stature_m, "Stature in metres")->check(CLI::Range(1.2f, 2.2f))->capture_default_str();
    sub->add_flag("--json", o->json, "Print JSON: settings, the solved posture (the keys of posture --json), residuals and alternatives");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
