#include "anim/library.hpp"

#include "anim/stretch_groups.hpp"

#include "core/error.hpp"
#include "core/files.hpp"

#include <algorithm>

namespace anim {

Library Library::load(const Rig& rig, const std::filesystem::path& dir, const ClipOptions& options) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    if (ec) throw core::Error(dir.string() + ": cannot list the stretch clips: " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<Clip> clips;
    std::string problems;
    for (const auto& f : files) {
        try {
            ClipOptions o = options;
            o.expected_id = f.stem().string();
            clips.push_back(parse_clip(rig, core::read_file(f), f.string(), o));
        } catch (const core::Error& e) {
            problems += (problems.empty() ? "" : "\n") + std::string(e.what());
        }
    }
    if (!problems.empty()) throw core::Error(problems);
    // Grouped in the groups' order (assets/anim/stretch_groups.json), by file name within a group.
    const std::vector<std::string> order = options.group_ids.empty() ? stretch_group_ids(default_stretch_groups()) : options.group_ids;
    auto rank = [&](const std::string& g) { return std::find(order.begin(), order.end(), g) - order.begin(); };
    std::stable_sort(clips.begin(), clips.end(), [&](const Clip& a, const Clip& b) { return rank(a.info.group) < rank(b.info.group); });
    Library lib;
    for (auto& c : clips) lib.add(rig, std::move(c));
    return lib;
}

Library Library::load_default(const Rig& rig) { return load(rig, core::asset_dir() / "stretches"); }

void Library::add(const Rig& rig, Clip clip) {
    left_.push_back(clip.info.side == ClipSide::both ? clip : mirror_clip(rig, clip));
    right_.push_back(std::move(clip));
}

const Clip& Library::clip(std::size_t index, Side side) const { return side == Side::right ? right_.at(index) : left_.at(index); }

int Library::find(std::string_view id) const {
    for (std::size_t i = 0; i < right_.size(); ++i)
        if (right_[i].info.id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace anim
