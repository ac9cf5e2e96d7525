// ui/panel_note.cpp: "Add note" (the Inspector's button): a question over the window that pins a
// short note to the selected muscle or bone in the patient's profile.
#include "ui/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace ui {

namespace {

class NotePanel : public Panel {
public:
    explicit NotePanel(NotePanelDeps deps) : d_(std::move(deps)) {}
    std::string_view title() const override { return "Add note"; }
    Menu menu() const override { return Menu::none; }
    bool modal() const override { return true; }
    void draw(const PanelContext& context, bool& open) override;

private:
    NotePanelDeps d_;
    std::string text_;
    bool asked_ = false;  // the popup was opened for this showing
};

void NotePanel::draw(const PanelContext&, bool& open) {
    if (!asked_) {
        ImGui::OpenPopup("Add note");
        text_.clear();
        asked_ = true;
    }
    bool still_open = false;
    if (ImGui::BeginPopupModal("Add note", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        still_open = true;
        audit_capture_window();
        const scene::Selection sel = d_.selection();
        const bool pinnable = sel.kind == scene::Selection::Kind::muscle || sel.kind == scene::Selection::Kind::bone;
        const bool full = d_.annotations->size() >= scene::max_annotations;
        if (!pinnable)
            ImGui::TextUnformatted("Select a muscle or a bone first, then add a note to it.");
        else if (full)
            ImGui::Text("The profile holds %zu notes, as many as a profile may: remove one first.", d_.annotations->size());
        else
            ImGui::Text("Pin a note to %s", d_.label(sel).c_str());
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::BeginDisabled(!pinnable || full);
        const bool enter = ImGui::InputText("##note", &text_, ImGuiInputTextFlags_EnterReturnsTrue);
        scene::clamp_text(text_, scene::max_annotation_chars);
        const bool pin = ImGui::Button("Pin") || enter;
        ImGui::EndDisabled();
        if (pin && pinnable && !full && !text_.empty()) {
            d_.annotations->push_back(
                {sel.kind == scene::Selection::Kind::muscle ? scene::Annotation::Target::muscle : scene::Annotation::Target::bone, sel.id, text_});
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!still_open) {  // pinned, cancelled or Esc
        open = false;
        asked_ = false;
    }
}

}  // namespace

std::unique_ptr<Panel> make_note_panel(NotePanelDeps deps) { return std::make_unique<NotePanel>(std::move(deps)); }

}  // namespace ui
