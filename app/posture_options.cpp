#include "posture_options.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"

#include <charconv>

namespace app {

namespace {

struct Assignment {
    std::string key;
    float value = 0.0f;
};

std::optional<Assignment> parse_assignment(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    Assignment a;
    a.key = text.substr(0, eq);
    const std::string v = text.substr(eq + 1);
    double d = 0.0;
    const auto res = std::from_chars(v.data(), v.data() + v.size(), d);
    if (res.ec != std::errc() || res.ptr != v.data() + v.size() || !(d >= 0.0 && d <= 100.0)) return std::nullopt;
    a.value = static_cast<float>(d);
    return a;
}

bool known_key(const std::string& key) {
    if (biomech::parse_posture_group(key)) return true;
    // Per-muscle fine-tuning: any muscle of the posture groups, by base id.
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(anat::build_default_skeleton());
    for (auto g : biomech::all_posture_groups)
        for (const auto& m : biomech::posture_group_muscles(catalogue, g))
            if (m == key && !biomech::is_strength_group(g)) return true;
    return false;
}

}  // namespace

biomech::PostureSettings PostureOptions::settings() const {
    biomech::PostureSettings s;
    if (!preset.empty()) {
        const auto presets = biomech::load_default_presets();
        const auto* p = biomech::find_preset(presets, preset);
        if (!p) throw core::Error("unknown preset \"" + preset + "\"");
        s = p->settings;
    }
    for (const auto& text : sets) {
        const auto a = parse_assignment(text);
        if (!a) throw core::Error("--set " + text + ": expected GROUP=VALUE with VALUE from 0 to 100");
        if (auto g = biomech::parse_posture_group(a->key))
            s[*g] = a->value;
        else
            s.muscle_tightness.emplace_back(a->key, a->value);
    }
    return s;
}

void add_posture_options(CLI::App* sub, PostureOptions& o) {
    static const CLI::Validator preset_validator(
        [](std::string& name) -> std::string {
            try {
                const auto presets = biomech::load_default_presets();
                if (biomech::find_preset(presets, name)) return {};
                std::string list;
                for (const auto& p : presets) list += (list.empty() ? "" : ", ") + p.id;
                return "unknown preset \"" + name + "\"; expected one of: " + list;
            } catch (const core::Error& e) {
                return e.what();
            }
        },
        "PRESET", "preset");
    static const CLI::Validator set_validator(
        [](std::string& text) -> std::string {
            const auto a = parse_assignment(text);
            if (!a) return "expected GROUP=VALUE with VALUE from 0 to 100, e.g. hip_flexors=60";
            if (!known_key(a->key))
                return "unknown group \"" + a->key +
                       "\"; expected hip_flexors, rectus_femoris, hamstrings, back_extensors (tightness), glutes, abdominals (strength), "
                       "or a muscle of those groups (psoas, iliacus, ...)";
            return {};
        },
        "GROUP=VALUE", "set");
    sub->add_option("--preset", o.preset, "Posture preset: neutral, tight_hip_flexors, tight_hamstrings, lower_crossed, flat_back, sway_back")
        ->check(preset_validator);
    sub->add_option("--set", o.sets,
                    "GROUP=VALUE, repeatable. Tightness 0-100 (0 normal): hip_flexors, rectus_femoris, hamstrings, back_extensors; "
                    "strength 0-100 (100 normal): glutes, abdominals; or one muscle's extra tightness, e.g. psoas=30")
        ->check(set_validator);
}

core::Json posture_json(const anat::MuscleCatalogue& catalogue, const biomech::PostureSettings& settings, const biomech::PostureResult& r) {
    core::Json j;
    for (const auto& info : biomech::measure_table()) j[info.key] = r.measures.*info.value;
    j["converged"] = r.converged;
    j["iterations"] = r.iterations;
    j["reading"] = biomech::read_clinical_tilt(r.measures.pelvic_tilt_clinical_deg).words;
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
    return j;
}

}  // namespace app
