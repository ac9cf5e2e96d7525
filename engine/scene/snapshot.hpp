// scene/snapshot.hpp: renders one frame offscreen (no display needed) and writes a PNG.
#pragma once

#include "core/camera.hpp"
#include "core/files.hpp"

#include <optional>

namespace scene {

struct SnapshotOptions {
    core::fs::path output;
    glm::ivec2 size{1600, 900};
    core::ViewPreset view = core::ViewPreset::anterior;
    std::optional<core::fs::path> model;
    bool transparent = false;
};

// Throws core::Error (bad model, GL failure, unwritable output); never leaves a partial PNG.
void take_snapshot(const SnapshotOptions& options);

// Parses "1600x900" (each side 16..16384). Returns nullopt on anything else.
std::optional<glm::ivec2> parse_size(const std::string& text);

}  // namespace scene
