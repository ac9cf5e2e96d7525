// ui/viewer.hpp: the interactive viewer (SDL window, ImGui shell, orbit camera).
#pragma once

#include <string>

namespace ui {

struct ViewerOptions {
    std::string model;             // optional model file to open at start
    std::string profile;           // optional patient profile to open at start (a double-click on a .anatomy file)
    int quit_after_frames = 0;     // >0: close after this many frames (smoke tests)
    std::string ui_screenshot;     // with quit_after_frames: save the whole window, UI included, as PNG
    int presentation_step = 0;     // >0: start the guided presentation at this step (1-based)
    std::string compare;           // "neutral" or "programme": start side by side
    std::string preset;            // a posture preset to start with
    std::string stretch;           // a stretch to start playing (its id)
    std::string stretch_side;      // "left" or "right" (default)
    float stretch_time_s = -1.0f;  // >=0: show the stretch paused at this time
    // Export the stretch on screen (or, with no stretch, the guided story) through the Export
    // video window at start, then close: 0 when the file was written, 1 when it failed.
    std::string export_video;  // output file (.mp4, .gif) or folder (a PNG sequence)
    std::string export_size = "1280x720";
    int export_fps = 30;
    bool performance = false;   // open the performance window (F12) at start
    double quit_after_s = 0.0;  // >0: close after this many seconds (idle tests: unlike frames, time passes when idle)
    std::string frame_log;      // a file listing the time (s from start) of every presented frame, written at exit
    // Walk through the panels and windows in several states, write the text drawn and any window
    // whose content is cut off to this file, then close (a test aid: panel_audit.cpp).
    std::string ui_audit;
    std::string window_size;  // "WIDTHxHEIGHT": the window's size at start (not saved)
    std::string measure;      // an image (.png, .jpg) or a landmarks file (.json) to open in the measuring window at start
};

// Runs until the window closes. With no display, prints how to run instead and returns 1.
int run_viewer(const ViewerOptions& options);

}  // namespace ui
