#include "scene/search.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <set>

namespace scene {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string words_of(std::string id) {
    for (auto& c : id)
        if (c == '_') c = ' ';
    return id;
}

// "hamstrings" finds "hamstring" and the other way round: the query without a plural "s" too.
bool matches(const std::string& text, const std::string& q, const std::string& q_singular) {
    const std::string t = lower(text);
    return t.find(q) != std::string::npos || (!q_singular.empty() && t.find(q_singular) != std::string::npos);
}

std::string side_of(const std::string& id) {
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_r") == 0) return "_r";
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_l") == 0) return "_l";
    return "";
}

}  // namespace

std::string pretty_bone_name(std::string name) {
    const std::string side = side_of(name);
    if (!side.empty()) name.resize(name.size() - 2);
    name = words_of(name);
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name + (side == "_r" ? " (right)" : side == "_l" ? " (left)" : "");
}

std::vector<Synonym> parse_synonyms(const std::string& json_text, const std::string& file) {
    core::JsonReader r(file, json_text);
    const auto root = r.root();
    core::check_keys(root, {"format", "about", "terms"});
    if (root["format"].string() != "anatomy-synonyms-1") root["format"].problem("expected \"anatomy-synonyms-1\"");
    std::vector<Synonym> out;
    for (const auto& t : root["terms"].items()) {
        core::check_keys(t, {"words", "means"});
        Synonym s;
        for (const auto& w : t["words"].strings()) s.words.push_back(lower(w));
        s.means = t["means"].strings();
        const auto means = t["means"].items();
        for (std::size_t i = 0; i < s.means.size() && i < means.size(); ++i) {
            const auto& m = s.means[i];
            if (m.rfind("group:", 0) != 0 && m.rfind("muscle:", 0) != 0 && m.rfind("bone:", 0) != 0)
                means[i].problem("expected group:ID, muscle:ID or bone:NAME");
        }
        if (t["words"].is_array() && s.words.empty()) t["words"].problem("expected at least one word");
        out.push_back(std::move(s));
    }
    r.finish();
    return out;
}

const std::vector<Synonym>& default_synonyms() {
    static const std::vector<Synonym> s = [] {
        try {
            const auto path = core::asset_dir() / "search" / "synonyms.json";
            return parse_synonyms(core::read_file(path), path.string());
        } catch (const core::Error&) {
            return std::vector<Synonym>{};  // names still work; `anatomy validate`-style checks live in the tests
        }
    }();
    return s;
}

std::vector<SearchHit> search(const SearchInput& in, std::string_view query) {
    std::vector<SearchHit> hits;
    std::string q = lower(query);
    while (!q.empty() && q.back() == ' ') q.pop_back();
    while (!q.empty() && q.front() == ' ') q.erase(q.begin());
    if (q.empty() || !in.catalogue) return hits;
    const std::string q1 = q.size() > 3 && q.back() == 's' ? q.substr(0, q.size() - 1) : "";
    const anat::MuscleCatalogue& cat = *in.catalogue;

    // What the everyday words mean.
    std::set<std::string> groups, bases, bones;
    if (in.synonyms)
        for (const auto& s : *in.synonyms)
            for (const auto& w : s.words)
                if (w.find(q) != std::string::npos || q.find(w) != std::string::npos || (!q1.empty() && w.find(q1) != std::string::npos)) {
                    if (q.size() < 3 && w != q) continue;  // two letters match too much ("ab"), unless exact
                    for (const auto& m : s.means) {
                        if (m.rfind("group:", 0) == 0) groups.insert(m.substr(6));
                        if (m.rfind("muscle:", 0) == 0) bases.insert(m.substr(7));
                        if (m.rfind("bone:", 0) == 0) bones.insert(m.substr(5));
                    }
                }
    for (const auto& g : cat.groups)
        if (matches(g.name, q, q1) || matches(words_of(g.id), q, q1)) groups.insert(g.id);

    for (const auto& g : cat.groups)
        if (groups.count(g.id)) hits.push_back({SearchHit::Kind::group, g.id, g.name + " (group)"});
    std::set<std::string> target_muscles;  // for the stretches
    for (const auto& m : cat.muscles) {
        const bool by_group =
            groups.count(m.group) > 0 || std::any_of(m.also_in.begin(), m.also_in.end(), [&](const auto& a) { return groups.count(a) > 0; });
        if (matches(m.name, q, q1) || matches(words_of(m.base_id), q, q1) || bases.count(m.base_id) || by_group) {
            hits.push_back({SearchHit::Kind::muscle, m.id, m.display_name()});
            target_muscles.insert(m.id);
        }
    }
    for (const auto& b : in.bones) {
        const std::string side = side_of(b);
        const std::string base = side.empty() ? b : b.substr(0, b.size() - 2);
        if (matches(pretty_bone_name(b), q, q1) || bones.count(base)) hits.push_back({SearchHit::Kind::bone, b, pretty_bone_name(b)});
    }
    if (in.stretches)
        for (std::size_t i = 0; i < in.stretches->size(); ++i) {
            const auto& s = in.stretches->info(i);
            bool hit = matches(s.name, q, q1) || matches(words_of(s.group), q, q1) || groups.count(s.group) > 0;
            for (const auto& t : s.targets) hit = hit || target_muscles.count(t) > 0;  // what it stretches
            if (hit) hits.push_back({SearchHit::Kind::stretch, s.id, s.name});
        }
    return hits;
}

std::string search_coverage(const SearchInput& in) {
    std::string groups;
    if (in.catalogue)
        for (const auto& g : in.catalogue->groups) groups += (groups.empty() ? "" : ", ") + g.name;
    const std::size_t muscles = in.catalogue ? in.catalogue->muscles.size() / 2 : 0;
    return "The model has " + std::to_string(muscles) + " muscles a side (" + groups + "), the bones of the skeleton" +
           (in.stretches ? ", and " + std::to_string(in.stretches->size()) + " stretches" : std::string()) +
           ". Try a muscle or bone name, a group, or words like \"back of thigh\" or \"pelvis\".";
}

}  // namespace scene
