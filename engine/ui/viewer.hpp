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
};

// Runs until the window closes. With no display, prints how to run instead and returns 1.
int run_viewer(const ViewerOptions& options);

}  // namespace ui
