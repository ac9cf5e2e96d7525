#include "anim/safety.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <set>

namespace anim {

namespace {
constexpr const char* action_names[] = {"skip", "modify", "ask"};

std::string required_text(const core::JsonNode& n) {
    std::string s = n.string();
    if (n.is_string() && s.empty()) n.problem("empty text");
    return s;
}
}  // namespace

const char* to_string(PrecautionAction a) { return action_names[static_cast<int>(a)]; }

std::optional<PrecautionAction> parse_precaution_action(std::string_view s) {
    for (int i = 0; i < 3; ++i)
        if (s == action_names[i]) return static_cast<PrecautionAction>(i);
    return std::nullopt;
}

const Condition* Safety::find(std::string_view id) const {
    for (const auto& c : conditions)
        if (c.id == id) return &c;
    return nullptr;
}

std::vector<std::string> Safety::condition_ids() const {
    std::vector<std::string> out;
    for (const auto& c : conditions) out.push_back(c.id);
    return out;
}

Safety parse_safety(const std::string& json_text, const std::string& file) {
    core::JsonReader r(file, json_text);
    const auto root = r.root();
    core::check_keys(root, {"format", "about", "rule", "rule_short", "red_flags", "conditions"});
    if (root["format"].string() != "anatomy-safety-1") root["format"].problem("expected \"anatomy-safety-1\"");
    Safety s;
    s.rule = required_text(root["rule"]);
    s.rule_short = required_text(root["rule_short"]);
    // A caption line: longer ones wrap over the picture at small export sizes.
    if (s.rule_short.size() > 90) root["rule_short"].problem("at most 90 characters (it is a caption line)");
    const auto flags = root["red_flags"];
    core::check_keys(flags, {"intro", "items", "source"});
    s.red_flags_intro = required_text(flags["intro"]);
    s.red_flags = flags["items"].strings();
    if (flags["items"].is_array() && s.red_flags.empty()) flags["items"].problem("expected at least one red flag");
    s.red_flags_source = required_text(flags["source"]);
    std::set<std::string> ids;
    for (const auto& cn : root["conditions"].items()) {
        core::check_keys(cn, {"id", "name", "description", "source", "every_stretch"});
        Condition c;
        c.id = required_text(cn["id"]);
        if (!c.id.empty() && !ids.insert(c.id).second) cn["id"].problem("condition \"" + c.id + "\" is defined twice");
        c.name = required_text(cn["name"]);
        c.description = required_text(cn["description"]);
        c.source = required_text(cn["source"]);
        if (cn.has("every_stretch")) {
            const auto en = cn["every_stretch"];
            core::check_keys(en, {"action", "text"});
            Precaution p;
            p.condition = c.id;
            p.action = *parse_precaution_action(en["action"].string_one_of({"skip", "modify", "ask"}, "ask"));
            p.text = required_text(en["text"]);
            c.every_stretch = p;
        }
        s.conditions.push_back(std::move(c));
    }
    if (root["conditions"].is_array() && s.conditions.empty()) root["conditions"].problem("expected at least one condition");
    r.finish();
    return s;
}

const Safety& default_safety() {
    static const Safety s = [] {
        const core::fs::path path = core::asset_dir() / "safety" / "safety.json";
        return parse_safety(core::read_file(path), path.string());
    }();
    return s;
}

Suitability suitability(const std::vector<Precaution>& clip_precautions, const Safety& safety, const std::vector<std::string>& conditions) {
    Suitability out;
    auto has = [&](const std::string& id) { return std::find(conditions.begin(), conditions.end(), id) != conditions.end(); };
    for (const auto& p : clip_precautions)
        if (has(p.condition)) out.because.push_back(p);
    auto clip_names = [&](const std::string& id) {
        return std::any_of(out.because.begin(), out.because.end(), [&](const Precaution& p) { return p.condition == id; });
    };
    for (const auto& c : safety.conditions)  // a clip's own precaution for a condition replaces the general one
        if (c.every_stretch && has(c.id) && !clip_names(c.id)) out.because.push_back(*c.every_stretch);
    for (const auto& p : out.because)
        if (p.action != PrecautionAction::modify) out.suitable = false;
    return out;
}

}  // namespace anim
