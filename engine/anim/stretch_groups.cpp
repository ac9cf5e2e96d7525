#include "anim/stretch_groups.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <set>

namespace anim {

std::vector<StretchGroup> parse_stretch_groups(const std::string& json_text, const std::string& file) {
    core::JsonReader r(file, json_text);
    const auto root = r.root();
    core::check_keys(root, {"format", "about", "groups"});
    if (root["format"].string() != "anatomy-stretch-groups-1") root["format"].problem("expected \"anatomy-stretch-groups-1\"");
    std::vector<StretchGroup> groups;
    std::set<std::string> ids;
    for (const auto& gn : root["groups"].items()) {
        core::check_keys(gn, {"id", "name", "handout"});
        StretchGroup g;
        g.id = gn["id"].string();
        if (g.id.empty() && gn["id"].is_string()) gn["id"].problem("expected a group id");
        if (!g.id.empty() && !ids.insert(g.id).second) gn["id"].problem("group \"" + g.id + "\" is listed twice");
        g.name = gn["name"].string();
        if (g.name.empty() && gn["name"].is_string()) gn["name"].problem("expected the name the library shows");
        g.handout = gn.get("handout").boolean(false);
        groups.push_back(std::move(g));
    }
    if (root["groups"].is_array() && groups.empty()) root["groups"].problem("expected at least one group");
    r.finish();
    return groups;
}

const std::vector<StretchGroup>& default_stretch_groups() {
    static const std::vector<StretchGroup> groups = [] {
        const auto path = core::asset_dir() / "anim" / "stretch_groups.json";
        return parse_stretch_groups(core::read_file(path), path.string());
    }();
    return groups;
}

std::vector<std::string> stretch_group_ids(const std::vector<StretchGroup>& groups) {
    std::vector<std::string> ids;
    for (const auto& g : groups) ids.push_back(g.id);
    return ids;
}

std::size_t stretch_group_rank(const std::vector<StretchGroup>& groups, const std::string& id) {
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].id == id) return i;
    return groups.size();
}

std::string stretch_group_name(const std::vector<StretchGroup>& groups, const std::string& id) {
    const std::size_t i = stretch_group_rank(groups, id);
    return i < groups.size() ? groups[i].name : std::string();
}

}  // namespace anim
