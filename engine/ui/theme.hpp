// ui/theme.hpp: the ImGui look (a calm dark theme) and the DejaVu Sans font at the user's scale.
#pragma once

#include <string>

struct ImFont;

namespace ui {

// SameLine() when a button labelled `next_label` still fits on this line, else nothing (it goes
// on the next line): rows of buttons that wrap in a narrow panel instead of being cut off.
void same_line_if_fits(const char* next_label);
// The interface audit's text capture (panel_audit.cpp, --ui-audit): while a sink is set, every
// window that calls audit_capture_window() at the start of its contents has the text it draws
// appended to the sink (through ImGui's log, which each top-level window's End() finishes).
void set_audit_capture(std::string* sink);  // nullptr: off
void audit_capture_window();

// `text` cut to `width` pixels with "..." (whole UTF-8 characters), or as it is when it fits.
std::string fit_text(const std::string& text, float width);

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* large = nullptr;  // headings, presentation mode
};

// Rebuilds the font atlas at `scale` (call before NewFrame; the GL backend must re-upload it).
Fonts load_fonts(float scale);
// Resets colours and sizes, then scales sizes by `scale`.
void apply_theme(float scale);

}  // namespace ui
