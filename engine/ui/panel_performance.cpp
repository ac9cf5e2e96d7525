// ui/panel_performance.cpp: the performance window (F12): the frame-time graph, whether the loop
// is idle, each stage's time, what was drawn, and the switch that keeps the interface's pixels.
#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace ui {

namespace {

class PerformancePanel : public Panel {
public:
    PerformancePanel(std::function<PerformanceReadout()> read, std::function<void(bool)> set_keep_interface)
        : read_(std::move(read)), set_keep_interface_(std::move(set_keep_interface)) {}
    std::string_view title() const override { return "Performance"; }
    Menu menu() const override { return Menu::tools; }
    SDL_Keycode key() const override { return SDLK_F12; }
    std::string_view key_name() const override { return "F12"; }
    std::string_view key_help() const override { return "Performance: frame-time graph and per-stage times"; }
    void draw(const PanelContext&, bool& open) override;

private:
    std::function<PerformanceReadout()> read_;
    std::function<void(bool)> set_keep_interface_;
};

void PerformancePanel::draw(const PanelContext&, bool& open) {
    const float em = ImGui::GetFontSize();
    const float width = em * 22;  // fixed content width: the window sizes itself to it
    if (!ImGui::Begin("Performance (F12)", &open, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    const PerformanceReadout r = read_();
    const std::vector<float>& history = r.frame_ms;
    float worst = 0.0f, sum = 0.0f;
    for (float v : history) {
        worst = std::max(worst, v);
        sum += v;
    }
    const float avg = history.empty() ? 0.0f : sum / static_cast<float>(history.size());
    char overlay[64];
    std::snprintf(overlay, sizeof(overlay), "avg %.1f ms, worst %.1f ms", static_cast<double>(avg), static_cast<double>(worst));
    const float top = std::max(33.4f, worst * 1.1f);
    // An explicit width: 1.86's plot draws nothing for a negative ("fill the row") one.
    ImGui::PlotLines("##frames", history.data(), static_cast<int>(history.size()), 0, overlay, 0.0f, top, ImVec2(width, em * 5));
    ImGui::TextDisabled("Line at the top: %.0f ms; 16.7 ms is 60 frames a second.", static_cast<double>(top));
    // What the loop does: it draws only while something moves; otherwise it waits for input.
    if (!r.busy_reason.empty())
        ImGui::Text("Drawing every frame: %s", r.busy_reason.c_str());
    else
        ImGui::Text("Idle between changes: draws only on input or a timer");
    ImGui::TextDisabled("Skipped while idle: %.0f frames (at 60 a second), %.0f s", r.idle_s * 60.0, r.idle_s);
    if (ImGui::BeginTable("stages", 2, ImGuiTableFlags_RowBg, ImVec2(width, 0))) {
        ImGui::TableSetupColumn("stage", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("ms", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
        struct Row {
            const char* name;
            float ms;
            const char* tip;
        };
        const Row rows[] = {
            {"Events and input", r.stages.events, "Window, mouse and keyboard events"},
            {"Posture and camera", r.stages.update, "The posture solve after a change, the stretch player, the camera's motion"},
            {"Simulation", r.stages.simulate, "Kinematics, muscle paths and muscle mechanics"},
            {"Muscle meshes and draw lists", r.stages.geometry, "The muscles' swept meshes, the skin's pose and what to draw"},
            {"Rendering (waited for)", r.stages.render, "Drawing the 3D view; while this window is open the frame waits for it, so it is timed here"},
            {"Interface", r.stages.ui, "Laying out the panels and sending their triangles"},
            {"Presenting", r.stages.present,
             "Showing the frame. On a software renderer this includes drawing the interface's pixels, most of its cost"},
            {"Whole frame", r.stages.total, "Everything from one frame to the next"},
        };
        for (const Row& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.name);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.tip);
            ImGui::TableNextColumn();
            ImGui::Text("%6.2f ms", static_cast<double>(row.ms));
        }
        ImGui::EndTable();
    }
    const gfx::RenderStats& rs = r.render;
    ImGui::TextDisabled("%zu triangles sent, %zu draw calls", rs.triangles, rs.draw_calls);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Sent to the rasteriser. Another %zu faced away from the camera and were dropped before sending;\n"
            "%zu meshes were drawn at a coarser level of detail (they are small on screen).",
            rs.triangles_culled, rs.coarse_draws);
    ImGui::TextDisabled("Interface last frame: %d triangles in %d draw calls", r.ui_triangles, r.ui_draw_calls);
    bool keep = r.keep_interface;
    if (ImGui::Checkbox("Keep the interface's pixels", &keep)) set_keep_interface_(keep);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Draw again only the parts of the panels that changed (faster on a software renderer).\n"
            "Off: every triangle of the interface is drawn every frame.");
    if (keep) {
        const auto& us = r.layer;
        ImGui::TextDisabled("Interface drawn again: %ld of %ld triangles, %.0f%% of the window", us.triangles_sent, us.triangles,
                            static_cast<double>(us.redrawn_share) * 100.0);
    }
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_performance_panel(std::function<PerformanceReadout()> read, std::function<void(bool)> set_keep_interface) {
    return std::make_unique<PerformancePanel>(std::move(read), std::move(set_keep_interface));
}

}  // namespace ui
