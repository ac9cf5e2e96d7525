// anim/stretch_groups.hpp: the groups stretch clips belong to, as data
// (assets/anim/stretch_groups.json): their ids, the names the library shows, their order, and
// which ones the patient handout suggests a stretch from.
#pragma once

#include <string>
#include <vector>

namespace anim {

struct StretchGroup {
    std::string id;    // a clip's "group"
    std::string name;  // "Hip flexors and quadriceps"
    bool handout = false;
};

// Throws core::Error naming the file and the field.
std::vector<StretchGroup> parse_stretch_groups(const std::string& json_text, const std::string& file);
// assets/anim/stretch_groups.json, read once per process.
const std::vector<StretchGroup>& default_stretch_groups();
std::vector<std::string> stretch_group_ids(const std::vector<StretchGroup>& groups);
// The group's place in the list (groups.size() when it is not there) and its name ("" likewise).
std::size_t stretch_group_rank(const std::vector<StretchGroup>& groups, const std::string& id);
std::string stretch_group_name(const std::vector<StretchGroup>& groups, const std::string& id);

}  // namespace anim
