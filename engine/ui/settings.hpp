// ui/settings.hpp: the viewer's settings, kept in the user's config folder between runs
// ($XDG_CONFIG_HOME/anatomy/settings.json). A broken file is reported and replaced by defaults;
// it never stops the app.
#pragma once

#include "core/files.hpp"

#include <string>
#include <vector>

namespace ui {

struct Settings {
    int window_width = 1440;
    int window_height = 900;
    bool window_maximized = false;
    float ui_scale = 0.0f;  // 0: pick from the display's DPI on first run
    bool show_status_bar = true;
    bool show_axes_gizmo = true;
    bool show_floor = true;
    bool fxaa = true;
    bool show_posture_panel = true;
    bool show_layers_panel = true;
    bool show_inspector_panel = true;
    bool show_overlays = true;
    bool show_stretch_panel = true;
    bool stretch_loop = true;                // the stretch player loops (counting repetitions)
    bool stretch_follow = true;              // the camera follows the body during a stretch
    bool stretch_mute_others = true;         // a stretch demo mutes the muscles it does not stretch
    bool patient_mode = false;               // plain words: no internal ids, sources or alarming numbers
    int color_mode = 0;                      // scene::ColorMode
    std::vector<std::string> recent_models;  // most recent first, at most 8
    std::vector<std::string> recent_profiles;

    void add_recent_model(const std::string& path);
    void add_recent_profile(const std::string& path);
};

// Parses settings JSON; unknown keys are ignored, bad values named in `problems` and defaulted.
Settings parse_settings(const std::string& text, const std::string& file, std::vector<std::string>& problems);
std::string serialize_settings(const Settings& s);

core::fs::path settings_path();
// Loads from settings_path(); logs a warning for each problem.
Settings load_settings();
// Writes atomically; logs (does not throw) on failure.
void save_settings(const Settings& s);

}  // namespace ui
