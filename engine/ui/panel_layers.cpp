// ui/panel_layers.cpp: the Layers panel (F3): skeleton, skin, muscles, each side, the arms,
// x-ray, each muscle group with show / only / select, show all, and the colour mode.
#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>

namespace ui {

namespace {

ImVec4 im(glm::vec3 c) { return ImVec4(c.r, c.g, c.b, 1.0f); }

class LayersPanel : public Panel {
public:
    explicit LayersPanel(LayersPanelDeps deps)
        : display_(*deps.display), catalogue_(std::move(deps.catalogue)), select_(std::move(deps.select)), inspector_open_(*deps.inspector_open) {}
    std::string_view title() const override { return "Layers panel"; }
    SDL_Keycode key() const override { return SDLK_F3; }
    std::string_view key_name() const override { return "F3"; }
    bool needs_anatomy() const override { return true; }
    bool column() const override { return true; }
    void draw(const PanelContext& context, bool& open) override;

private:
    scene::Display& display_;
    std::function<const anat::MuscleCatalogue&()> catalogue_;
    std::function<void(const scene::Selection&)> select_;
    const bool& inspector_open_;
};

void LayersPanel::draw(const PanelContext& context, bool& open) {
    const float em = ImGui::GetFontSize();
    // The right column's top half, or all of it without the inspector.
    if (!context.begin_column || !context.begin_column("Layers (F3)", &open, false, 0.0f, inspector_open_ ? 0.5f : 1.0f, 21.0f)) return;
    auto& L = display_.layers;
    const auto& catalogue = catalogue_();

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
        if (ImGui::SmallButton("Select")) select_({scene::Selection::Kind::group, g.id});
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
    int mode = static_cast<int>(display_.color_mode);
    const char* names[] = {"Anatomical", "By group", "By stretch", "By tightness", "By passive tension"};
    const char* tips[] = {"Natural muscle red", "One colour per group", "How far each muscle is toward its normal end range",
                          "The tightness set in the Posture panel", "Passive force relative to each muscle's strength"};
    for (int i = 0; i < 5; ++i) {
        if (ImGui::RadioButton(names[i], mode == i)) mode = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[i]);
    }
    display_.color_mode = static_cast<scene::ColorMode>(mode);
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_layers_panel(LayersPanelDeps deps) { return std::make_unique<LayersPanel>(std::move(deps)); }

}  // namespace ui
