// anatomy stretches [--json] [--condition ID[,ID]]: the stretch library, as a table or as JSON for
// scripts and the UI; with --condition, which clips suit a patient with those conditions and why.
#include "command.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "anim/library.hpp"
#include "anim/safety.hpp"
#include "core/json.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct Options {
    bool json = false;
    std::vector<std::string> conditions;
};

core::Json to_json(const anim::Precaution& p) { return {{"condition", p.condition}, {"action", anim::to_string(p.action)}, {"text", p.text}}; }

core::Json to_json(const std::vector<anim::Precaution>& ps) {
    core::Json out = core::Json::array();
    for (const auto& p : ps) out.push_back(to_json(p));
    return out;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string reps_text(const anim::Reps& r) { return r.min == r.max ? std::to_string(r.min) : std::to_string(r.min) + "-" + std::to_string(r.max); }

// Metres and seconds to a tenth of a millimetre: no float noise (0.449999988) in the output.
double tidy(float v) { return std::round(static_cast<double>(v) * 1e4) / 1e4; }
core::Json tidy(const glm::vec3& v) { return {tidy(v.x), tidy(v.y), tidy(v.z)}; }

core::Json to_json(const anim::Clip& clip) {
    const anim::StretchInfo& i = clip.info;
    core::Json props = core::Json::array();
    for (const auto& p : clip.props) {
        core::Json j = {{"id", p.id}, {"type", anim::to_string(p.type)}, {"optional", p.optional}};
        if (p.type == anim::PropType::strap) {
            j["attach"] = p.attach;
            j["length_m"] = tidy(p.length_m);
        } else {
            j["position_m"] = tidy(p.position_m);
            j["size_m"] = tidy(p.size_m);
            if (p.type == anim::PropType::wall) j["normal"] = tidy(p.normal);
        }
        props.push_back(j);
    }
    return {{"id", i.id},
            {"name", i.name},
            {"group", i.group},
            {"position", anim::to_string(i.position)},
            {"side", anim::to_string(i.side)},
            {"targets", i.targets},
            {"secondary", i.secondary},
            {"difficulty", i.difficulty},
            {"hold_s", tidy(i.hold_s)},
            {"reps", {{"min", i.reps.min}, {"max", i.reps.max}}},
            {"duration_s", tidy(clip.duration_s())},
            {"props", props},
            {"steps", i.steps},
            {"cues", i.cues},
            {"mistakes", i.mistakes},
            {"dosage", i.dosage},
            {"evidence", i.evidence},
            {"sources", i.sources},
            {"how_it_stretches", i.how_it_stretches},
            {"precautions", to_json(i.precautions)}};
}

int run(const Options& o) {
    const anim::Safety& safety = anim::default_safety();
    for (const auto& c : o.conditions)
        if (!safety.find(c)) {
            std::string known;
            for (const auto& id : safety.condition_ids()) known += (known.empty() ? "" : ", ") + id;
            std::cerr << "anatomy stretches: unknown condition \"" << c << "\" (known: " << known << ")\n";
            return app::exit_usage;
        }
    const anim::Rig rig = anim::load_default_rig(anat::build_default_skeleton());
    const anim::Library lib = anim::Library::load_default(rig);
    const bool judge = !o.conditions.empty();
    if (o.json) {
        core::Json out = core::Json::array();
        for (std::size_t i = 0; i < lib.size(); ++i) {
            core::Json j = to_json(lib.clip(i));
            if (judge) {
                const anim::Suitability s = anim::suitability(lib.info(i).precautions, safety, o.conditions);
                j["suitable"] = s.suitable;
                j["because"] = to_json(s.because);
            }
            out.push_back(std::move(j));
        }
        std::cout << out.dump(2) << "\n";
        return app::exit_ok;
    }
    if (judge) {
        std::printf("%-28s %-9s %s\n", "id", "suits", "why");
        int suitable = 0;
        for (std::size_t i = 0; i < lib.size(); ++i) {
            const anim::Suitability s = anim::suitability(lib.info(i).precautions, safety, o.conditions);
            suitable += s.suitable ? 1 : 0;
            std::printf("%-28s %-9s %s\n", lib.info(i).id.c_str(), s.suitable ? (s.because.empty() ? "yes" : "modified") : "no",
                        s.because.empty() ? "" : s.because.front().text.c_str());
            for (std::size_t k = 1; k < s.because.size(); ++k) std::printf("%-28s %-9s %s\n", "", "", s.because[k].text.c_str());
        }
        std::printf("%d of %zu stretches suit these conditions. %s\n", suitable, lib.size(), safety.rule.c_str());
        return app::exit_ok;
    }
    std::printf("%-28s %-44s %-9s %-11s %5s %5s %5s  %s\n", "id", "name", "position", "group", "hold", "reps", "level", "targets (right side)");
    for (std::size_t i = 0; i < lib.size(); ++i) {
        const anim::StretchInfo& s = lib.info(i);
        const std::string name = s.name.size() > 44 ? s.name.substr(0, 41) + "..." : s.name;
        std::printf("%-28s %-44s %-9s %-11s %4.0fs %5s %5d  %s\n", s.id.c_str(), name.c_str(), anim::to_string(s.position), s.group.c_str(),
                    static_cast<double>(s.hold_s), reps_text(s.reps).c_str(), s.difficulty, join(s.targets, ", ").c_str());
    }
    std::printf("%zu stretches. Names, steps, cues and props: anatomy stretches --json\n", lib.size());
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand("stretches", "List the stretch library (assets/stretches)");
    auto o = std::make_shared<Options>();
    sub->add_flag("--json", o->json,
                  "Print a JSON list: id, name, group, position, side, targets, secondary, difficulty, hold_s, reps, props, steps, cues, "
                  "mistakes, how_it_stretches, precautions (and suitable, because with --condition)");
    sub->add_option("--condition", o->conditions, "Mark which stretches suit a patient with these conditions (comma list of condition ids)")
        ->delimiter(',');
    return {sub, [o] { return run(*o); }};
});

}  // namespace
