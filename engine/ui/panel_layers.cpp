// ui/panel_layers.cpp: the Layers panel (skeleton, skin, each muscle group, left and right, with
// show / only / show all, x-ray and the colour mode) and the colour legend.
#include "ui/viewer_impl.hpp"

#include <imgui.h>

#include <algorithm>

namespace ui {

namespace {
ImVec4 im(glm::vec3 c) { return ImVec4(c.r, c.g, c.b, 1.0f); }
}  // namespace

void Viewer::draw_layers_panel() {
    const float em = ImGui::GetFontSize();
    if (!begin_column_window("Layers (F3)", &settings_.show_layers_panel, false, 0.0f, settings_.show_inspector_panel ? 0.5f : 1.0f, 21.0f)) return;
    auto& L = world_->display.layers;
    const auto& catalogue = world_->body().catalogue();

    ImGui::Checkbox("Skeleton", &L.skeleton);
    ImGui::SameLine(em * 7);
    ImGui::Checkbox("Skin", &L.skin);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A translucent body outline");
    ImGui::SameLine(em * 12);
    ImGui::Checkbox("Muscles", &L.muscles);
    ImGui::Checkbox("Left side", &L.left);
    ImGui::SameLine(em * 7);
    ImGui::Checkbox("Right side", &L.right);
    ImGui::Checkbox("X-ray (X)", &L.xray);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ghost everything except the selected or isolated muscles");
    ImGui::SameLine(em * 7);
    ImGui::Checkbox("Arms", &L.arms);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Untick to hide the arm bones: from the side they cover the pelvis and the hip flexors");

    ImGui::Separator();
    ImGui::TextDisabled("Muscle groups");
    for (const auto& g : catalogue.groups) {
        ImGui::PushID(g.id.c_str());
        // Ticked only while some of the group is on screen: after "Only", the other groups untick.
        auto in_group = [&](const std::string& id) {
            const int i = catalogue.find(id);
            return i >= 0 && catalogue.muscles[static_cast<std::size_t>(i)].in_group(g.id);
        };
        const bool isolating = !L.isolated_muscles.empty();
        bool visible = !L.hidden_groups.count(g.id) && (!isolating || std::any_of(L.isolated_muscles.begin(), L.isolated_muscles.end(), in_group));
        ImGui::ColorButton("##c", im(g.color), ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoBorder, ImVec2(em * 0.8f, em * 0.8f));
        ImGui::SameLine();
        // The two buttons sit at the right edge (past the longest name that fits), so they fit a
        // narrow column; a name too long for the room left ends in an ellipsis, whole in its tooltip.
        const ImGuiStyle& st = ImGui::GetStyle();
        const float buttons_w = ImGui::CalcTextSize("Only").x + ImGui::CalcTextSize("Select").x + 4.0f * st.FramePadding.x + st.ItemSpacing.x;
        const float buttons_x = std::max(em * 9.6f, ImGui::GetWindowContentRegionMax().x - buttons_w);
        const float label_w = buttons_x - (ImGui::GetCursorPosX() + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + st.ItemSpacing.x);
        const std::string label = fit_text(g.name, label_w);
        if (ImGui::Checkbox((label + "###vis").c_str(), &visible)) {
            if (visible) {
                L.hidden_groups.erase(g.id);
                if (isolating)  // join the muscles on show
                    for (const auto& m : catalogue.muscles)
                        if (m.in_group(g.id)) L.isolated_muscles.insert(m.id);
            } else {
                L.hidden_groups.insert(g.id);
            }
        }
        if (label != g.name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", g.name.c_str());
        ImGui::SameLine(buttons_x);
        if (ImGui::SmallButton("Only")) {
            L.isolated_muscles.clear();
            for (const auto& m : catalogue.muscles)
                if (m.in_group(g.id)) L.isolated_muscles.insert(m.id);
            L.muscles = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show only the %s (Esc to undo)", g.name.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Select")) select({scene::Selection::Kind::group, g.id});
        ImGui::PopID();
    }
    if (!L.isolated_muscles.empty()) {
        ImGui::TextColored(ImVec4(0.98f, 0.74f, 0.35f, 1), "Showing only %zu muscles", L.isolated_muscles.size());
    }
    if (!L.hidden_muscles.empty()) ImGui::TextDisabled("%zu muscles hidden", L.hidden_muscles.size());
    if (ImGui::Button("Show all (Shift+H)")) {
        L = scene::Layers{};
    }

    ImGui::Separator();
    ImGui::TextDisabled("Colour muscles (C)");
    int mode = static_cast<int>(world_->display.color_mode);
    const char* names[] = {"Anatomical", "By group", "By stretch", "By tightness", "By passive tension"};
    const char* tips[] = {"Natural muscle red", "One colour per group", "How far each muscle is toward its normal end range",
                          "The tightness set in the Posture panel", "Passive force relative to each muscle's strength"};
    for (int i = 0; i < 5; ++i) {
        if (ImGui::RadioButton(names[i], mode == i)) mode = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[i]);
    }
    world_->display.color_mode = static_cast<scene::ColorMode>(mode);
    ImGui::End();
}

void Viewer::draw_legend() {
    const auto mode = world_->display.color_mode;
    if (mode == scene::ColorMode::anatomical || mode == scene::ColorMode::group) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float status = settings_.show_status_bar ? ImGui::GetFrameHeight() * 1.5f : 0.0f;
    const float above_player = player_bar_height_ > 0.0f ? player_bar_height_ + em * 0.4f : 0.0f;
    const ImVec4 sr = scene_rect_points();
    ImGui::SetNextWindowPos(ImVec2(sr.x + sr.z * 0.5f, vp->Pos.y + vp->Size.y - status - em * 0.6f - above_player), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##legend", nullptr, flags)) {
        audit_capture_window();
        const char* title = mode == scene::ColorMode::stretch     ? "Stretch toward the normal end range"
                            : mode == scene::ColorMode::tightness ? "Tightness set in the Posture panel"
                                                                  : "Passive tension (share of the muscle's strength)";
        const char* lo = mode == scene::ColorMode::stretch ? "neutral" : mode == scene::ColorMode::tightness ? "0" : "none";
        const char* hi = mode == scene::ColorMode::stretch ? "end range" : mode == scene::ColorMode::tightness ? "100" : "25 %+";
        ImGui::TextUnformatted(title);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = em * 16, h = em * 0.8f;
        constexpr int steps = 32;
        for (int i = 0; i < steps; ++i) {
            const float t0 = static_cast<float>(i) / steps, t1 = static_cast<float>(i + 1) / steps;
            const glm::vec3 c = scene::Body::heat_color(t0 / (1.0f / 1.2f) > 1.2f ? 1.2f : t0 * 1.2f);
            dl->AddRectFilled(ImVec2(p.x + w * t0, p.y), ImVec2(p.x + w * t1 + 1, p.y + h), ImGui::ColorConvertFloat4ToU32(im(c)));
        }
        ImGui::Dummy(ImVec2(w, h));
        ImGui::TextDisabled("%s", lo);
        ImGui::SameLine(w - ImGui::CalcTextSize(hi).x + ImGui::GetStyle().WindowPadding.x);
        ImGui::TextDisabled("%s", hi);
    }
    ImGui::End();
}

}  // namespace ui
