#include "biomech/presets.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <regex>
#include <set>

namespace biomech {

std::vector<PosturePreset> load_presets(const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);
    auto root = r.root();
    if (root["format"].string() != "anatomy-presets-1") root["format"].problem("expected \"anatomy-presets-1\"");
    std::vector<PosturePreset> out;
    std::set<std::string> ids;
    const std::string caveat = root.get("caveat").string();
    static const std::regex id_re("^[a-z][a-z0-9_]*$");
    for (const auto& pn : root["presets"].items()) {
        PosturePreset p;
        p.id = pn["id"].string();
        const core::JsonNode n = p.id.empty() ? pn : pn.labelled(p.id);
        if (!p.id.empty() && !std::regex_match(p.id, id_re)) n["id"].problem("ids are snake_case");
        if (!ids.insert(p.id).second) n["id"].problem("duplicate preset \"" + p.id + "\"");
        p.name = n["name"].string();
        p.description = n["description"].string();
        p.caveat = caveat;
        for (const auto& [key, v] : n["groups"].members()) {
            const auto g = parse_posture_group(key);
            if (!g) {
                v.problem("unknown group \"" + key + "\"");
                continue;
            }
            p.settings[*g] = static_cast<float>(v.number(0.0, 100.0, p.settings[*g]));
        }
        if (n.has("muscles"))
            for (const auto& [key, v] : n.get("muscles").members())
                p.settings.muscle_tightness.emplace_back(key, static_cast<float>(v.number(0.0, 100.0)));
        out.push_back(std::move(p));
    }
    if (out.empty() && root.has("presets")) root["presets"].problem("needs at least one preset");
    r.finish();
    return out;
}

std::vector<PosturePreset> load_default_presets() {
    const auto path = core::asset_dir() / "posture" / "presets.json";
    return load_presets(core::read_file(path), path.string());
}

const PosturePreset* find_preset(const std::vector<PosturePreset>& presets, const std::string& id) {
    for (const auto& p : presets)
        if (p.id == id) return &p;
    return nullptr;
}

}  // namespace biomech
