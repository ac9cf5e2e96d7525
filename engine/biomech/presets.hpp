// biomech/presets.hpp: named posture presets (assets/posture/presets.json), validated on load.
#pragma once

#include "biomech/posture.hpp"

#include <string>
#include <vector>

namespace biomech {

struct PosturePreset {
    std::string id, name, description;
    std::string caveat;  // the file's "caveat", shown with every preset (what the patterns are, and are not)
    PostureSettings settings;
};

// Parses and validates; throws core::Error listing every problem with the file and the field.
std::vector<PosturePreset> load_presets(const std::string& json_text, const std::string& file);
std::vector<PosturePreset> load_default_presets();
const PosturePreset* find_preset(const std::vector<PosturePreset>& presets, const std::string& id);

}  // namespace biomech
