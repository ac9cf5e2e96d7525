// anatomy stretch-report ID [--side left|right] [--json] [--preset P] [--set G=V] [--cue]: how
// much a stretch lengthens each muscle during its hold (0 = standing, 1 = the normal end range).
#include "command.hpp"
#include "posture_options.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "biomech/posture.hpp"
#include "biomech/stretch_analysis.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct Options {
    std::string id;
    std::string side = "right";
    bool json = false;
    bool cue = false;
    app::PostureOptions posture;
};

double round4(float v) { return std::round(static_cast<double>(v) * 1e4) / 1e4; }

int run(const Options& o) {
    const anat::Skeleton skeleton = anat::build_default_skeleton();
    const anim::Rig rig = anim::load_default_rig(skeleton);
    const anim::Library lib = anim::Library::load_default(rig);
    const int index = lib.find(o.id);
    if (index < 0) {
        std::string ids;
        for (std::size_t i = 0; i < lib.size(); ++i) ids += (ids.empty() ? "" : ", ") + lib.info(i).id;
        throw core::Error("no stretch \"" + o.id + "\" (one of: " + ids + ")");
    }
    const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(rig.skeleton);
    biomech::StretchReportOptions ro;
    ro.side = o.side == "left" ? anim::Side::left : anim::Side::right;
    ro.posterior_tilt_cue = o.cue;
    const biomech::PostureSettings settings = o.posture.settings();
    if (o.posture.any()) ro.tightness = biomech::PostureSolver(rig.skeleton, catalogue).tightness_for(settings);
    const biomech::StretchReport r = biomech::analyse_stretch(rig, catalogue, lib, static_cast<std::size_t>(index), ro);
    const anim::Clip& clip = lib.clip(static_cast<std::size_t>(index), ro.side);
    auto role = [&](const std::string& id) {
        if (std::find(clip.info.targets.begin(), clip.info.targets.end(), id) != clip.info.targets.end()) return "target";
        if (std::find(clip.info.secondary.begin(), clip.info.secondary.end(), id) != clip.info.secondary.end()) return "secondary";
        return "other";
    };

    if (o.json) {
        core::Json muscles = core::Json::object();
        for (const auto& m : r.muscles) {
            const auto& mu = catalogue.muscles[m.muscle];
            muscles[mu.id] = {{"peak_relative_elongation", round4(m.peak_hold)},
                              {"peak_length_change_percent", round4(m.peak_hold_change_percent)},
                              {"peak_relative_elongation_whole_clip", round4(m.peak)},
                              {"role", role(mu.id)}};
        }
        core::Json out = {{"id", r.id},
                          {"name", clip.info.name},
                          {"side", o.side},
                          {"duration_s", round4(r.duration_s)},
                          {"hold_s", round4(r.hold_s)},
                          {"posterior_tilt_cue", o.cue},
                          {"max_pelvis_compensation_deg", round4(r.max_compensation_deg)},
                          {"targets", clip.info.targets},
                          {"secondary", clip.info.secondary},
                          {"muscles", muscles}};
        std::cout << out.dump(2) << "\n";
        return app::exit_ok;
    }
    std::printf("%s (%s side): peak stretch during the %.0f s hold\n", clip.info.name.c_str(), o.side.c_str(), static_cast<double>(r.hold_s));
    std::printf("0 %% = length standing upright, 100 %% = length at the end of a normal range of motion\n\n");
    std::printf("%-26s %-10s %8s %9s\n", "muscle", "role", "stretch", "length");
    // Targets and secondary first, then every other muscle lengthened by more than a quarter.
    std::vector<const biomech::MuscleElongation*> rows;
    for (const char* wanted : {"target", "secondary", "other"})
        for (const auto& m : r.muscles)
            if (std::string(role(catalogue.muscles[m.muscle].id)) == wanted && (std::string(wanted) != "other" || m.peak_hold > 0.25f))
                rows.push_back(&m);
    for (const auto* m : rows) {
        const auto& mu = catalogue.muscles[m->muscle];
        std::printf("%-26s %-10s %7.0f%% %+8.1f%%\n", mu.id.c_str(), role(mu.id), static_cast<double>(100.0f * m->peak_hold),
                    static_cast<double>(m->peak_hold_change_percent));
    }
    if (r.max_compensation_deg > 0.05f)
        std::printf("\nTight muscles tip the pelvis by up to %.1f deg (without the posterior-tilt cue).\n",
                    static_cast<double>(r.max_compensation_deg));
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("stretch-report", "How much a stretch lengthens each muscle during its hold (JSON with --json)");
    auto o = std::make_shared<Options>();
    sub->add_option("id", o->id, "The stretch (ids: anatomy stretches)")->required();
    sub->add_option("--side", o->side, "The side stretched: left or right")->check(CLI::IsMember({"left", "right"}))->capture_default_str();
    sub->add_flag("--json", o->json, "Print JSON: per muscle id, peak_relative_elongation during the hold");
    sub->add_flag("--cue", o->cue, "The posterior-tilt cue holds the pelvis (tight muscles cannot tip it)");
    app::add_posture_options(sub, o->posture);
    return {sub, [o] { return run(*o); }};
});

}  // namespace
