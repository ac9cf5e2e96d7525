#include "ui/labels.hpp"

#include <imgui.h>

#include <algorithm>
#include <optional>

namespace ui {

void draw_world_labels(ImDrawList* dl, const core::OrbitCamera& cam, glm::vec2 size, float ppp, const std::vector<scene::OverlayLabel>& labels,
                       const glm::vec3& centre, float scale, glm::vec2 origin_px) {
    const float em = ImGui::GetFontSize() * scale;
    auto to_screen = [&](const glm::vec3& p) -> std::optional<ImVec2> {
        const auto px = cam.project(p, size);
        if (!px) return std::nullopt;
        return ImVec2((px->x + origin_px.x) * ppp, (px->y + origin_px.y) * ppp);
    };
    const auto c = to_screen(centre);
    // Stack labels on each side so they never overlap.
    float next_y[2] = {-1e9f, -1e9f};
    std::vector<std::size_t> order(labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto pa = to_screen(labels[a].anchor), pb = to_screen(labels[b].anchor);
        return (pa ? pa->y : 0.0f) < (pb ? pb->y : 0.0f);
    });
    for (std::size_t i : order) {
        const auto& l = labels[i];
        const auto a = to_screen(l.anchor);
        if (!a) continue;
        const float side = (c && a->x < c->x) ? -1.0f : 1.0f;
        const int s = side > 0 ? 1 : 0;
        const ImU32 color = ImGui::ColorConvertFloat4ToU32(ImVec4(l.color.r, l.color.g, l.color.b, 1.0f));
        const ImVec2 ts = ImGui::CalcTextSize(l.text.c_str());
        const ImVec2 text_size(ts.x * scale, ts.y * scale);
        float y = a->y - em * 1.2f;
        y = std::max(y, next_y[s]);
        next_y[s] = y + text_size.y + em * 0.7f;
        const float x = a->x + side * em * 4.0f;
        const ImVec2 box_min(side > 0 ? x : x - text_size.x - em * 0.6f, y - text_size.y * 0.5f - em * 0.2f);
        const ImVec2 box_max(box_min.x + text_size.x + em * 0.6f, box_min.y + text_size.y + em * 0.4f);
        dl->AddLine(*a, ImVec2(side > 0 ? box_min.x : box_max.x, y), color, 1.5f * scale);
        dl->AddCircleFilled(*a, 3.0f * scale, color);
        dl->AddRectFilled(box_min, box_max, IM_COL32(18, 20, 24, 215), 4.0f * scale);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(box_min.x + em * 0.3f, box_min.y + em * 0.2f), color, l.text.c_str());
    }
}

}  // namespace ui
