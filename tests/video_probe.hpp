// tests/video_probe.hpp: what ffprobe says about a video (frames decoded, size), for the video
// export tests.
#pragma once

#include "core/files.hpp"
#include "core/json.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

struct VideoProbe {
    int frames = -1;
    int width = 0, height = 0;
};

inline bool have_ffmpeg() { return std::system("command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1") == 0; }

// Decodes every frame (-count_frames), so the count is what a player shows, not the header's
// claim. nullopt when ffprobe cannot read the file.
inline std::optional<VideoProbe> probe_video(const core::fs::path& file) {
    const std::string cmd = "ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames,width,height -of json '" +
                            file.string() + "' 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return std::nullopt;
    std::string out;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), buf.size(), p)) out += buf.data();
    if (pclose(p) != 0) return std::nullopt;
    try {
        const core::Json j = core::parse_json("ffprobe", out);
        const auto& s = j.at("streams").at(0);
        VideoProbe v;
        v.frames = std::stoi(s.at("nb_read_frames").get<std::string>());
        v.width = s.at("width").get<int>();
        v.height = s.at("height").get<int>();
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}
