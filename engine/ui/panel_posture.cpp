// ui/panel_posture.cpp: the Posture panel (sliders, presets, undo, per-muscle fine-tuning, live
// measurements with a plain-words reading) and the "About the model" page.
#include "ui/viewer_impl.hpp"

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

}  // namespace

void Viewer::draw_posture_panel() {
    const float em = ImGui::GetFontSize();
    if (!begin_column_window("Posture and stretches (F2)", &settings_.show_posture_panel, true, 0.0f, 1.0f, 23.0f)) return;
    (void)em;
    if (ImGui::BeginTabBar("##body_tabs")) {
        if (ImGui::BeginTabItem("Posture", nullptr, select_posture_tab_ ? ImGuiTabItemFlags_SetSelected : 0)) {
            draw_posture_tab();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Stretches", nullptr, select_stretch_tab_ ? ImGuiTabItemFlags_SetSelected : 0)) {
            draw_stretches_tab();
            ImGui::EndTabItem();
        }
        select_posture_tab_ = select_stretch_tab_ = false;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

void Viewer::draw_posture_tab() {
    const float em = ImGui::GetFontSize();

    biomech::PostureSettings s = posture_->settings();
    // Presets.
    ImGui::TextDisabled("Preset");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-em * 0.5f);
    const biomech::PosturePreset* current = nullptr;  // the preset the sliders match, if any
    for (const auto& p : presets_)
        if (p.settings == s) current = &p;
    if (ImGui::BeginCombo("##preset", current ? current->name.c_str() : "Choose a pattern...")) {
        for (const auto& p : presets_) {
            if (ImGui::Selectable(p.name.c_str(), &p == current)) set_posture(p.settings, true);
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
        help_marker([&] { return group_tooltip(world_->body().catalogue(), g); });
        ImGui::SetNextItemWidth(-em * 0.5f);
        const bool strength = biomech::is_strength_group(g);
        if (ImGui::SliderFloat("##v", &v, 0.0f, 100.0f, strength ? "%.0f  (100 = normal)" : "%.0f  (0 = normal)", ImGuiSliderFlags_AlwaysClamp)) {
            if (!dragging_slider_) {
                drag_start_ = posture_->settings();
                dragging_slider_ = true;
            }
            s[g] = v;
            set_posture(s, false);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag, or Ctrl+click to type a value");
        if (ImGui::IsItemActive()) any_active = true;
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            posture_->commit_undo_point(drag_start_);
            dragging_slider_ = false;
        }
        ImGui::PopID();
    }
    if (!any_active && dragging_slider_ && !ImGui::IsAnyItemActive()) dragging_slider_ = false;

    if (ImGui::CollapsingHeader("Per-muscle fine-tuning")) {
        ImGui::TextWrapped("Extra tightness for one muscle, added to its group (both sides).");
        for (auto g : biomech::all_posture_groups) {
            if (biomech::is_strength_group(g)) continue;
            for (const auto& base : biomech::posture_group_muscles(world_->body().catalogue(), g)) {
                float v = 0.0f;
                for (const auto& [id, value] : s.muscle_tightness)
                    if (id == base) v = value;
                const int mi = world_->body().catalogue().find(base + "_r");
                const std::string label = mi >= 0 ? world_->body().catalogue().muscles[static_cast<std::size_t>(mi)].name : base;
                ImGui::PushID(base.c_str());
                ImGui::SetNextItemWidth(em * 8);
                if (ImGui::SliderFloat("##m", &v, 0.0f, 100.0f, "%.0f", ImGuiSliderFlags_AlwaysClamp)) {
                    if (!dragging_slider_) {
                        drag_start_ = posture_->settings();
                        dragging_slider_ = true;
                    }
                    auto& list = s.muscle_tightness;
                    bool found = false;
                    for (auto& [id, value] : list)
                        if (id == base) {
                            value = v;
                            found = true;
                        }
                    if (!found) list.emplace_back(base, v);
                    set_posture(s, false);
                }
                if (ImGui::IsItemDeactivatedAfterEdit()) {
                    posture_->commit_undo_point(drag_start_);
                    dragging_slider_ = false;
                }
                ImGui::SameLine();
                ImGui::TextUnformatted(label.c_str());
                ImGui::PopID();
            }
        }
    }

    if (ImGui::Button("Reset")) set_posture({}, true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to neutral (undoable)");
    ImGui::SameLine();
    ImGui::BeginDisabled(!posture_->can_undo());
    if (ImGui::Button("Undo")) posture_->undo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Ctrl+Z");
    ImGui::SameLine();
    ImGui::BeginDisabled(!posture_->can_redo());
    if (ImGui::Button("Redo")) posture_->redo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Ctrl+Y");

    // Live measurements.
    ImGui::Separator();
    const auto& m = measures_;
    const auto reading = biomech::read_clinical_tilt(m.pelvic_tilt_clinical_deg);
    const ImVec4 reading_color = reading.level == 0 ? ImVec4(0.55f, 0.85f, 0.55f, 1) : ImVec4(0.98f, 0.74f, 0.35f, 1);
    if (ImGui::BeginTable("measures", 2, ImGuiTableFlags_SizingStretchProp)) {
        // Every measure of biomech::measure_table(), in its overlay's colour, with its sign
        // convention and typical range under its name.
        auto color_of = [](const std::string& key) {
            if (key == "pelvic_tilt_clinical_deg") return scene::overlay_color_asis_psis;
            if (key == "pelvic_tilt_deg") return scene::overlay_color_tilt;
            if (key == "sacral_slope_deg") return scene::overlay_color_sacral;
            if (key == "lumbar_lordosis_deg") return scene::overlay_color_lumbar;
            return glm::vec4(0.85f, 0.85f, 0.9f, 1.0f);
        };
        for (const auto& info : biomech::measure_table()) {
            if (std::string(info.key) == "knee_flexion_deg") continue;  // standing knees barely move: not worth a row
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(to_im(color_of(info.key)), "%s", info.label);
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
    if (!posture_->target().converged) ImGui::TextColored(ImVec4(1, 0.55f, 0.45f, 1), "The solver did not converge; showing its best estimate.");
    ImGui::TextDisabled("A mechanical model, not a diagnosis.");
    if (ImGui::SmallButton("About the model")) panels_.set_open("About the model", true);  // its own line: it never clips

    ImGui::Separator();
    ImGui::Checkbox("Overlays (M)", &shown_.show_overlays);
    ImGui::SameLine();
    ImGui::Checkbox("Neutral ghost (G)", &shown_.ghost);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the neutral posture as a translucent ghost to compare");
    if (shown_.show_overlays && ImGui::TreeNode("Which overlays")) {
        ImGui::Checkbox("ASIS-PSIS line", &shown_.overlays.asis_psis);
        ImGui::Checkbox("Sacral slope", &shown_.overlays.sacral_slope);
        ImGui::Checkbox("Pelvic tilt (PT)", &shown_.overlays.pelvic_tilt);
        ImGui::Checkbox("Lumbar curve", &shown_.overlays.lumbar_curve);
        ImGui::Checkbox("Plumb line", &shown_.overlays.plumb_line);
        ImGui::TreePop();
    }
}

}  // namespace ui
