// ui/panel_posture.cpp: the Posture and stretches column (F2). Its Posture tab: presets, sliders
// with undo, per-muscle fine-tuning, live measurements with a plain-words reading, and which
// overlays are drawn.
#include "ui/panels.hpp"

#include "scene/overlays.hpp"

#include <imgui.h>

#include <cstdio>

namespace ui {

namespace {

// The muscles a slider acts on (from the catalogue's posture groups) and what its numbers mean.
std::string group_tooltip(const anat::MuscleCatalogue& catalogue, biomech::PostureGroup g) {
    std::string names;
    for (const auto& base : biomech::posture_group_muscles(catalogue, g)) {
        const int i = catalogue.find(base + "_r");
        if (i >= 0) names += (names.empty() ? "" : ", ") + catalogue.muscles[static_cast<std::size_t>(i)].name;
    }
    if (!biomech::is_strength_group(g)) return names + ".\n0 = normal length; 100 = fibres 25 % shorter at rest.";
    const std::string evidence = g == biomech::PostureGroup::abdominals
                                     ? "An abdominal strengthening trial changed strength but not pelvic tilt or the lumbar curve."
                                     : "In relaxed standing these muscles are nearly silent, and weakness is not a lower resting pull.";
    return names + ": a resting pull, a model assumption.\n" + evidence + "\n100 = the model's normal; 0 = none.";
}

// A "(?)" whose text is made only while it is hovered (not every frame).
template <typename MakeText>
void help_marker(MakeText make_text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
        ImGui::TextUnformatted(make_text().c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

ImVec4 to_im(glm::vec4 c) { return ImVec4(c.r, c.g, c.b, c.a); }

class PosturePanel : public Panel {
public:
    explicit PosturePanel(PosturePanelDeps deps) : d_(std::move(deps)), shown_(*d_.shown) {}
    std::string_view title() const override { return "Posture and stretches panel"; }
    SDL_Keycode key() const override { return SDLK_F2; }
    std::string_view key_name() const override { return "F2"; }
    bool needs_anatomy() const override { return true; }
    bool column() const override { return true; }
    void draw(const PanelContext& context, bool& open) override;

private:
    void draw_posture_tab();
    // A slider moved: solve for `s`, recording the settings before the drag once for undo.
    void drag(const biomech::PostureSettings& s);
    void released();

    PosturePanelDeps d_;
    scene::Shown& shown_;
    biomech::PostureSettings drag_start_;
    bool dragging_slider_ = false;
};

void PosturePanel::drag(const biomech::PostureSettings& s) {
    scene::PostureState& posture = d_.posture();
    if (!dragging_slider_) {
        drag_start_ = posture.settings();
        dragging_slider_ = true;
    }
    posture.set_settings(s, false);
}

void PosturePanel::released() {
    d_.posture().commit_undo_point(drag_start_);
    dragging_slider_ = false;
}

}  // namespace

void PosturePanel::draw(const PanelContext& context, bool& open) {
    if (!context.begin_column || !context.begin_column("Posture and stretches (F2)", &open, true, 0.0f, 1.0f, 23.0f)) return;
    if (ImGui::BeginTabBar("##body_tabs")) {
        bool& to_posture = *d_.select_posture_tab;
        bool& to_stretches = *d_.select_stretch_tab;
        if (ImGui::BeginTabItem("Posture", nullptr, to_posture ? ImGuiTabItemFlags_SetSelected : 0)) {
            draw_posture_tab();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Stretches", nullptr, to_stretches ? ImGuiTabItemFlags_SetSelected : 0)) {
            if (d_.draw_stretches) d_.draw_stretches(context);
            ImGui::EndTabItem();
        }
        to_posture = to_stretches = false;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

void PosturePanel::draw_posture_tab() {
    const float em = ImGui::GetFontSize();
    scene::PostureState& posture = d_.posture();
    const anat::MuscleCatalogue& catalogue = d_.catalogue();

    biomech::PostureSettings s = posture.settings();
    // Presets.
    ImGui::TextDisabled("Preset");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-em * 0.5f);
    const biomech::PosturePreset* current = nullptr;  // the preset the sliders match, if any
    for (const auto& p : *d_.presets)
        if (p.settings == s) current = &p;
    if (ImGui::BeginCombo("##preset", current ? current->name.c_str() : "Choose a pattern...")) {
        for (const auto& p : *d_.presets) {
            if (ImGui::Selectable(p.name.c_str(), &p == current)) posture.set_settings(p.settings, true);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em * 24.0f);
                ImGui::TextUnformatted(p.description.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
        ImGui::EndCombo();
    }
    if (current && current->id != "neutral") {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(current->description.c_str());
        if (!current->caveat.empty()) ImGui::TextDisabled("%s", current->caveat.c_str());
        ImGui::PopTextWrapPos();
    }
    // Sliders that look like sliders; Ctrl+click types a value.
    bool any_active = false;
    for (auto g : biomech::all_posture_groups) {
        float v = s[g];
        ImGui::PushID(static_cast<int>(g));
        ImGui::TextUnformatted(biomech::posture_group_name(g));
        help_marker([&] { return group_tooltip(catalogue, g); });
        ImGui::SetNextItemWidth(-em * 0.5f);
        const bool strength = biomech::is_strength_group(g);
        if (ImGui::SliderFloat("##v", &v, 0.0f, 100.0f, strength ? "%.0f  (100 = normal)" : "%.0f  (0 = normal)", ImGuiSliderFlags_AlwaysClamp)) {
            s[g] = v;
            drag(s);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag, or Ctrl+click to type a value");
        if (ImGui::IsItemActive()) any_active = true;
        if (ImGui::IsItemDeactivatedAfterEdit()) released();
        ImGui::PopID();
    }
    if (!any_active && dragging_slider_ && !ImGui::IsAnyItemActive()) dragging_slider_ = false;

    if (ImGui::CollapsingHeader("Per-muscle fine-tuning")) {
        ImGui::TextWrapped("Extra tightness for one muscle, added to its group (both sides).");
        for (auto g : biomech::all_posture_groups) {
            if (biomech::is_strength_group(g)) continue;
            for (const auto& base : biomech::posture_group_muscles(catalogue, g)) {
                float v = 0.0f;
                for (const auto& [id, value] : s.muscle_tightness)
                    if (id == base) v = value;
                const int mi = catalogue.find(base + "_r");
                const std::string label = mi >= 0 ? catalogue.muscles[static_cast<std::size_t>(mi)].name : base;
                ImGui::PushID(base.c_str());
                ImGui::SetNextItemWidth(em * 8);
                if (ImGui::SliderFloat("##m", &v, 0.0f, 100.0f, "%.0f", ImGuiSliderFlags_AlwaysClamp)) {
                    auto& list = s.muscle_tightness;
                    bool found = false;
                    for (auto& [id, value] : list)
                        if (id == base) {
                            value = v;
                            found = true;
                        }
                    if (!found) list.emplace_back(base, v);
                    drag(s);
                }
                if (ImGui::IsItemDeactivatedAfterEdit()) released();
                ImGui::SameLine();
                ImGui::TextUnformatted(label.c_str());
                ImGui::PopID();
            }
        }
    }

    if (ImGui::Button("Reset")) posture.set_settings({}, true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to neutral (undoable)");
    ImGui::SameLine();
    ImGui::BeginDisabled(!posture.can_undo());
    if (ImGui::Button("Undo")) posture.undo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Ctrl+Z");
    ImGui::SameLine();
    ImGui::BeginDisabled(!posture.can_redo());
    if (ImGui::Button("Redo")) posture.redo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Ctrl+Y");

    // Live measurements.
    ImGui::Separator();
    const auto& m = *d_.measures;
    const auto reading = biomech::read_clinical_tilt(m.pelvic_tilt_clinical_deg);
    const ImVec4 reading_color = reading.level == 0 ? ImVec4(0.55f, 0.85f, 0.55f, 1) : ImVec4(0.98f, 0.74f, 0.35f, 1);
    if (ImGui::BeginTable("measures", 2, ImGuiTableFlags_SizingStretchProp)) {
        // Every measure of biomech::measure_table(), in its overlay's colour, with its sign
        // convention and typical range under its name.
        for (const auto& info : biomech::measure_table()) {
            if (std::string(info.key) == "knee_flexion_deg") continue;  // standing knees barely move: not worth a row
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(to_im(scene::measure_color(info.key)), "%s", info.label);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.tooltip);
            std::string note = info.sign;
            if (info.typical[0]) note += std::string(note.empty() ? "" : ", ") + info.typical;
            if (!note.empty()) ImGui::TextDisabled("  %s", note.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%6.1f\xC2\xB0", static_cast<double>(m.*info.value));
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("PI = PT + SS:  %.1f = %.1f + %.1f", static_cast<double>(m.pelvic_incidence_deg), static_cast<double>(m.pelvic_tilt_deg),
                        static_cast<double>(m.sacral_slope_deg));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(reading_color, "Pelvic tilt is %s.", reading.words);
    ImGui::PopTextWrapPos();
    if (!posture.target().converged) ImGui::TextColored(ImVec4(1, 0.55f, 0.45f, 1), "The solver did not converge; showing its best estimate.");
    ImGui::TextDisabled("A mechanical model, not a diagnosis.");
    if (ImGui::SmallButton("About the model")) d_.about_model();  // its own line: it never clips

    ImGui::Separator();
    ImGui::Checkbox("Overlays (M)", &shown_.show_overlays);
    ImGui::SameLine();
    ImGui::Checkbox("Neutral ghost (G)", &shown_.ghost);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the neutral posture as a translucent ghost to compare");
    if (shown_.show_overlays && ImGui::TreeNode("Which overlays")) {
        for (const auto& o : scene::overlay_table()) ImGui::Checkbox(o.label, &(shown_.overlays.*o.shown));
        ImGui::TreePop();
    }
}

std::unique_ptr<Panel> make_posture_panel(PosturePanelDeps deps) { return std::make_unique<PosturePanel>(std::move(deps)); }

}  // namespace ui
