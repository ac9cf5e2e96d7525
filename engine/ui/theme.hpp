// ui/theme.hpp: the ImGui look (a calm dark theme) and the DejaVu Sans font at the user's scale.
#pragma once

struct ImFont;

namespace ui {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* large = nullptr;  // headings, presentation mode
};

// Rebuilds the font atlas at `scale` (call before NewFrame; the GL backend must re-upload it).
Fonts load_fonts(float scale);
// Resets colours and sizes, then scales sizes by `scale`.
void apply_theme(float scale);

}  // namespace ui
