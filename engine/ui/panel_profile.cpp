// ui/panel_profile.cpp: the patient profile window (File > Patient profile and notes): the
// patient's label, free notes, the notes pinned to muscles and bones, the conditions that mark
// stretches as unsuitable, and saving or opening the profile's file.
#include "ui/panels.hpp"

#include "scene/profile.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace ui {

namespace {

class ProfilePanel : public Panel {
public:
    explicit ProfilePanel(ProfilePanelDeps deps) : d_(std::move(deps)) {}
    std::string_view title() const override { return "Patient profile"; }
    Menu menu() const override { return Menu::none; }
    void draw(const PanelContext& context, bool& open) override;

private:
    ProfilePanelDeps d_;
};

void ProfilePanel::draw(const PanelContext&, bool& open) {
    scene::Profile& profile = *d_.profile;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 26, em * 24), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Patient profile", &open)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    ImGui::PushTextWrapPos(0.0f);  // popped before End: every line wraps at the window's edge
    ImGui::TextDisabled("%s", d_.path->empty() ? "Not saved yet" : d_.path->c_str());
    ImGui::SetNextItemWidth(-em * 4.5f);  // room for its label
    if (ImGui::InputText("Patient", &profile.patient)) scene::clamp_text(profile.patient, scene::max_patient_chars);
    ImGui::TextDisabled("Notes");
    // The profile's own text, however long (a fixed buffer cut a loaded profile's longer notes at
    // the first edit); no longer than a profile may hold.
    if (ImGui::InputTextMultiline("##notes", &profile.notes, ImVec2(-1, em * 6))) scene::clamp_text(profile.notes, scene::max_note_chars);
    ImGui::Separator();
    ImGui::Checkbox("Show pinned notes", d_.show_notes);
    int remove = -1;
    for (std::size_t i = 0; i < profile.annotations.size(); ++i) {
        const auto& a = profile.annotations[i];
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::SmallButton("x")) remove = static_cast<int>(i);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this note");
        ImGui::SameLine();
        const scene::Selection target{a.target == scene::Annotation::Target::muscle ? scene::Selection::Kind::muscle : scene::Selection::Kind::bone,
                                      a.id};
        ImGui::TextWrapped("%s: %s", d_.label(target).c_str(), a.text.c_str());
        ImGui::PopID();
    }
    if (remove >= 0) profile.annotations.erase(profile.annotations.begin() + remove);
    if (profile.annotations.empty()) ImGui::TextDisabled("Select a muscle or bone, then \"Add note\" in the Inspector.");
    ImGui::Separator();
    draw_condition_checklist(profile.conditions);
    ImGui::Separator();
    if (ImGui::Button("Save")) d_.save();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d_.path->empty() ? "Choose where to save it" : d_.path->c_str());
    ImGui::SameLine();
    if (ImGui::Button("Save as...")) d_.save_as();
    ImGui::SameLine();
    if (ImGui::Button("Open...")) d_.open();
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_profile_panel(ProfilePanelDeps deps) { return std::make_unique<ProfilePanel>(std::move(deps)); }

}  // namespace ui
