// ui/viewer.hpp: the interactive viewer (SDL window, ImGui shell, orbit camera).
#pragma once

#include <string>

namespace ui {

struct ViewerOptions {
    std::string model;          // optional model file to open at start
    int quit_after_frames = 0;  // >0: close after this many frames (smoke tests)
    std::string ui_screenshot;  // with quit_after_frames: save the whole window, UI included, as PNG
    int presentation_step = 0;  // >0: start the guided presentation at this step (1-based)
    std::string compare;        // "neutral" or "programme": start side by side
    std::string preset;         // a posture preset to start with
    std::string stretch;        // a stretch to start playing (its id)
    std::string stretch_side;   // "left" or "right" (default)
    float stretch_time_s = -1.0f;  // >=0: show the stretch paused at this time
};

// Runs until the window closes. With no display, prints how to run instead and returns 1.
int run_viewer(const ViewerOptions& options);

}  // namespace ui
