#include "scene/story.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

namespace scene {

Story parse_story(const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);
    auto root = r.root();
    if (root["format"].string() != "anatomy-story-1") root["format"].problem("expected \"anatomy-story-1\"");
    Story s;
    s.title = root["title"].string();
    for (const auto& n : root["steps"].items()) {
        StoryStep st;
        st.title = n["title"].string();
        st.text = n["text"].string();
        st.preset = n["preset"].string();
        const std::string view = n["view"].string_one_of({"anterior", "posterior", "left", "right", "superior"}, "left");
        st.view = core::parse_view_preset(view).value_or(core::ViewPreset::left);
        st.focus = n["focus"].string();
        st.distance_m = static_cast<float>(n["distance_m"].number(0.3, 10.0, 1.8));
        st.overlays = {false, false, false, false, false, true};
        std::vector<std::string> overlay_ids;
        for (const auto& info : overlay_table()) overlay_ids.emplace_back(info.id);
        for (const auto& o : n["overlays"].items()) {
            const std::string k = o.string_one_of(overlay_ids, "");
            if (const OverlayInfo* info = find_overlay(k)) {
                st.overlays.*info->shown = true;
                st.any_overlay = true;
            }
        }
        st.highlight = n["highlight"].strings();
        if (n.has("ghost")) st.ghost = n.get("ghost").boolean();
        if (n.has("stretch")) st.stretch = n.get("stretch").string();
        if (n.has("compare")) {
            auto c = n.get("compare");
            st.compare = StoryCompare{c["group"].string(), static_cast<float>(c["lengthen_percent"].number(0.0, 25.0, 10.0))};
        }
        s.steps.push_back(std::move(st));
    }
    if (s.steps.empty() && root.has("steps")) root["steps"].problem("a story needs at least one step");
    r.finish();
    return s;
}

Story load_default_story() {
    const auto path = core::asset_dir() / "story" / "pelvic_tilt.json";
    return parse_story(core::read_file(path), path.string());
}

bool story_step_shows_arms(const StoryStep& st) {
    const bool side_view = st.view == core::ViewPreset::left || st.view == core::ViewPreset::right;
    return !(side_view && !st.highlight.empty() && st.stretch.empty());
}

core::OrbitCamera story_camera(const StoryStep& st, const anat::Skeleton& skeleton, std::span<const core::Rigid> world, core::OrbitCamera cam,
                               bool compare, float caption_share) {
    glm::vec3 focus = world.empty() ? cam.target : world[0].translation;
    if (const int j = skeleton.find_joint(st.focus); j >= 0 && static_cast<std::size_t>(j) < world.size()) {
        focus = world[static_cast<std::size_t>(j)].translation;
    } else if (const int l = skeleton.find_landmark(st.focus); l >= 0) {
        const auto& L = skeleton.landmarks[static_cast<std::size_t>(l)];
        if (static_cast<std::size_t>(L.joint) < world.size()) focus = world[static_cast<std::size_t>(L.joint)].apply(L.position);
    }
    cam.set_preset(st.view);
    cam.target = focus;
    cam.distance_m = st.distance_m * (compare ? 1.25f : 1.0f);  // two half-width views need more room
    const float half_height_m = cam.distance_m * std::tan(cam.fov_y_rad * 0.5f);
    cam.target -= cam.up() * (caption_share * half_height_m);
    return cam;
}

}  // namespace scene
