#include "ui/settings.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"

#include <algorithm>

namespace ui {

namespace {
void add_recent(std::vector<std::string>& list, const std::string& path) {
    constexpr std::size_t max_recent = 8;
    list.erase(std::remove(list.begin(), list.end(), path), list.end());
    list.insert(list.begin(), path);
    if (list.size() > max_recent) list.resize(max_recent);
}
}  // namespace

void Settings::add_recent_profile(const std::string& path) { add_recent(recent_profiles, path); }

void Settings::add_recent_model(const std::string& path) { add_recent(recent_models, path); }

Settings parse_settings(const std::string& text, const std::string& file, std::vector<std::string>& problems) {
    Settings s;
    try {
        core::JsonReader r(file, text);
        auto root = r.root();
        if (!root.is_object()) {
            problems.push_back(file + ": expected a JSON object; using defaults");
            return s;
        }
        if (root.has("window_width")) s.window_width = root.get("window_width").integer(320, 16384, s.window_width);
        if (root.has("window_height")) s.window_height = root.get("window_height").integer(240, 16384, s.window_height);
        if (root.has("window_maximized")) s.window_maximized = root.get("window_maximized").boolean(s.window_maximized);
        if (root.has("ui_scale")) s.ui_scale = static_cast<float>(root.get("ui_scale").number(0.0, 4.0, s.ui_scale));
        if (root.has("show_status_bar")) s.show_status_bar = root.get("show_status_bar").boolean(true);
        if (root.has("show_axes_gizmo")) s.show_axes_gizmo = root.get("show_axes_gizmo").boolean(true);
        if (root.has("show_floor")) s.show_floor = root.get("show_floor").boolean(true);
        if (root.has("fxaa")) s.fxaa = root.get("fxaa").boolean(true);
        if (root.has("show_posture_panel")) s.show_posture_panel = root.get("show_posture_panel").boolean(true);
        if (root.has("show_layers_panel")) s.show_layers_panel = root.get("show_layers_panel").boolean(true);
        if (root.has("show_inspector_panel")) s.show_inspector_panel = root.get("show_inspector_panel").boolean(true);
        if (root.has("show_overlays")) s.show_overlays = root.get("show_overlays").boolean(true);
        if (root.has("show_stretch_panel")) s.show_stretch_panel = root.get("show_stretch_panel").boolean(true);
        if (root.has("stretch_loop")) s.stretch_loop = root.get("stretch_loop").boolean(true);
        if (root.has("stretch_follow")) s.stretch_follow = root.get("stretch_follow").boolean(true);
        if (root.has("stretch_mute_others")) s.stretch_mute_others = root.get("stretch_mute_others").boolean(true);
        if (root.has("patient_mode")) s.patient_mode = root.get("patient_mode").boolean(false);
        if (root.has("color_mode")) s.color_mode = root.get("color_mode").integer(0, 4, 0);
        for (auto [key, list] : {std::pair{"recent_models", &s.recent_models}, {"recent_profiles", &s.recent_profiles}}) {
            if (!root.has(key)) continue;
            for (const auto& item : root.get(key).items()) {
                std::string p = item.string();
                if (!p.empty() && p.size() < 4096 && list->size() < 8) list->push_back(p);
            }
        }
        problems.insert(problems.end(), r.problems().begin(), r.problems().end());
    } catch (const core::Error& e) {
        problems.push_back(std::string(e.what()) + "; using defaults");
        return Settings{};
    }
    return s;
}

std::string serialize_settings(const Settings& s) {
    core::Json j;
    j["window_width"] = s.window_width;
    j["window_height"] = s.window_height;
    j["window_maximized"] = s.window_maximized;
    j["ui_scale"] = s.ui_scale;
    j["show_status_bar"] = s.show_status_bar;
    j["show_axes_gizmo"] = s.show_axes_gizmo;
    j["show_floor"] = s.show_floor;
    j["fxaa"] = s.fxaa;
    j["show_posture_panel"] = s.show_posture_panel;
    j["show_layers_panel"] = s.show_layers_panel;
    j["show_inspector_panel"] = s.show_inspector_panel;
    j["show_overlays"] = s.show_overlays;
    j["show_stretch_panel"] = s.show_stretch_panel;
    j["stretch_loop"] = s.stretch_loop;
    j["stretch_follow"] = s.stretch_follow;
    j["stretch_mute_others"] = s.stretch_mute_others;
    j["patient_mode"] = s.patient_mode;
    j["color_mode"] = s.color_mode;
    j["recent_models"] = s.recent_models;
    j["recent_profiles"] = s.recent_profiles;
    return j.dump(2) + "\n";
}

core::fs::path settings_path() { return core::config_dir() / "settings.json"; }

Settings load_settings() {
    const auto path = settings_path();
    std::error_code ec;
    if (!core::fs::exists(path, ec)) return {};
    std::vector<std::string> problems;
    Settings s;
    try {
        s = parse_settings(core::read_file(path), path.string(), problems);
    } catch (const core::Error& e) {
        problems.push_back(e.what());
    }
    for (const auto& p : problems) core::log_warning("settings: " + p);
    return s;
}

void save_settings(const Settings& s) {
    try {
        core::write_file_atomic(settings_path(), serialize_settings(s));
    } catch (const core::Error& e) {
        core::log_warning(std::string("could not save settings: ") + e.what());
    }
}

}  // namespace ui
