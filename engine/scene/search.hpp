// scene/search.hpp: one search over what the app shows: muscles, muscle groups, bones and
// stretches, by name, id, group, everyday words (assets/search/synonyms.json) and, for stretches,
// the muscles they target. GL-free: the Inspector and the stretch library both call it.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "anim/library.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace scene {

struct Synonym {
    std::vector<std::string> words;  // lower case
    std::vector<std::string> means;  // "group:hamstrings", "muscle:psoas", "bone:hip_bone"
};
// Parses synonyms.json; throws core::Error "file: /path: what".
std::vector<Synonym> parse_synonyms(const std::string& json_text, const std::string& file);
// assets/search/synonyms.json, read once; empty (search by names only) if it cannot be read.
const std::vector<Synonym>& default_synonyms();

struct SearchHit {
    enum class Kind { group, muscle, bone, stretch };
    Kind kind = Kind::muscle;
    std::string id;     // group id, muscle id, bone name, or stretch id
    std::string label;  // what to show
};

struct SearchInput {
    const anat::MuscleCatalogue* catalogue = nullptr;
    std::vector<std::string> bones;  // bone names (hip_bone_r, ...)
    const anim::Library* stretches = nullptr;
    const std::vector<Synonym>* synonyms = nullptr;
};

// Hits in a stable order: groups, muscles, bones, stretches. An empty query finds nothing.
std::vector<SearchHit> search(const SearchInput& in, std::string_view query);
// What the model covers, for a search that found nothing.
std::string search_coverage(const SearchInput& in);
// "Hip bone (right)" from "hip_bone_r".
std::string pretty_bone_name(std::string name);

}  // namespace scene
