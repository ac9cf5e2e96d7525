// ui/stretch_widgets.hpp: what the Stretches tab and the player bar both draw: the phases'
// colours and a wrapped tooltip.
#pragma once

#include "anim/clip.hpp"

#include <imgui.h>

namespace ui {

// A phase's colour on the timeline, its chip and the plot's hold bands.
inline ImU32 phase_color(anim::Phase p, float alpha = 1.0f) {
    const int a = static_cast<int>(alpha * 255.0f);
    switch (p) {
        case anim::Phase::setup: return IM_COL32(120, 135, 160, a);
        case anim::Phase::move: return IM_COL32(80, 185, 190, a);
        case anim::Phase::hold: return IM_COL32(245, 180, 70, a);
        case anim::Phase::returning: return IM_COL32(165, 140, 215, a);
    }
    return IM_COL32(200, 200, 200, a);
}

// `text` wrapped at 24 ems while the last item is hovered.
inline void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

}  // namespace ui
