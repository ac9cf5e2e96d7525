// anim/library.hpp: every stretch clip in assets/stretches/, each for both sides.
#pragma once

#include "anim/clip.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace anim {

class Library {
public:
    Library() = default;

    // Loads every *.json in `dir` (each file's id must be its file name). Order: by group
    // (hip_flexors, hamstrings, gluteals, lumbar), then by file name. Throws core::Error listing
    // every problem of every file.
    static Library load(const Rig& rig, const std::filesystem::path& dir, const ClipOptions& options = {});
    // assets/stretches/.
    static Library load_default(const Rig& rig);

    // Adds a parsed clip (and makes its mirror image).
    void add(const Rig& rig, Clip clip);

    std::size_t size() const { return right_.size(); }
    bool empty() const { return right_.empty(); }
    // The clip with `side` stretched: the file's clip for its side (or for side "both"), else
    // its mirror image.
    const Clip& clip(std::size_t index, Side side = Side::right) const;
    const StretchInfo& info(std::size_t index) const { return right_.at(index).info; }
    // Index of the clip with this id, or -1.
    int find(std::string_view id) const;

private:
    std::vector<Clip> right_, left_;
};

}  // namespace anim
