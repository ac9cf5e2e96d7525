// [SECTION] Unsaved work: the autosave, the offer to restore it after a crash, and the question
// before closing with unsaved profile changes (ui/viewer_impl.hpp; the file format and the timing
// are scene/autosave.hpp's).
#include "core/error.hpp"
#include "core/log.hpp"
#include "platform/window.hpp"
#include "ui/viewer_impl.hpp"

#include <SDL.h>

namespace ui {

scene::Profile Viewer::current_work() const {
    scene::Profile w = profile_;
    w.posture = posture_->settings();
    w.radiograph = radiograph_->record();
    return w;
}

bool Viewer::has_unsaved_work() const { return !scene::same_work(current_work(), saved_work_); }

bool Viewer::quit_needs_question() const {
    if (!has_unsaved_work()) return false;
    // A profile's changes, or anything typed (a posture tried out with no profile open is not
    // worth a question; the autosave still keeps it until the clean exit).
    const bool typed = profile_.patient != saved_work_.patient || profile_.notes != saved_work_.notes ||
                       profile_.annotations != saved_work_.annotations || profile_.conditions != saved_work_.conditions;
    return typed || !profile_path_.empty();
}

void Viewer::request_quit() {
    if (quit_needs_question())
        quit_question_ = true;
    else
        running_ = false;
}

void Viewer::mark_work_saved() { saved_work_ = current_work(); }

void Viewer::update_autosave(double now) {
    if (!autosaver_) return;
    const std::string before = autosaver_->last_error();
    const scene::Profile work = current_work();
    autosaver_->update(profile_path_, work, !scene::same_work(work, saved_work_), now);
    if (!autosaver_->last_error().empty() && autosaver_->last_error() != before) notify(autosaver_->last_error(), true);
}

void Viewer::restore_autosave() {
    if (!restore_offer_) return;
    const scene::AutosaveRecord rec = std::move(*restore_offer_);
    restore_offer_.reset();
    // What the work is compared with: its file as it is now, or a fresh start.
    saved_work_ = scene::Profile{};
    saved_work_.posture = biomech::PostureSettings{};
    if (!rec.profile_path.empty()) {
        try {
            saved_work_ = scene::load_profile(rec.profile_path);
        } catch (const core::Error&) {
            // The file is gone or broken: everything restored counts as unsaved.
        }
    }
    profile_ = rec.profile;
    profile_path_ = rec.profile_path;
    set_posture(profile_.posture, true);
    radiograph_->restore(profile_.radiograph, [this](const std::string& t, bool e) { notify(t, e); });
    posture_->snap();
    autosaver_->set_paused(false);
    const std::string what = rec.profile_path.empty() ? std::string("a profile not saved yet") : rec.profile_path;
    core::log_info("Restored unsaved work (" + what + ") from " + autosaver_->path().string());
    notify("Restored unsaved work (" + what + "). Save it from File > Patient profile.", false);
    panels_.set_open("Patient profile", true);
}

bool Viewer::handle_prompt_key(const SDL_KeyboardEvent& key) {
    if (!restore_offer_ && !quit_question_) return false;
    const bool enter = key.keysym.sym == SDLK_RETURN || key.keysym.sym == SDLK_KP_ENTER;
    const bool escape = key.keysym.sym == SDLK_ESCAPE;
    if (restore_offer_) {
        if (enter) restore_autosave();  // Escape: the question stays; it needs an answer
    } else if (quit_question_) {
        if (escape) quit_question_ = false;
        if (enter) {
            quit_question_ = false;
            if (profile_path_.empty()) {
                quit_after_save_ = true;
                open_profile_dialog(true);
            } else {
                save_profile_to(profile_path_);
                if (!has_unsaved_work()) running_ = false;
            }
        }
    }
    return true;  // no shortcut acts behind an open question
}

namespace {
void centre_next_window() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 22, 0), ImVec2(ImGui::GetFontSize() * 32, FLT_MAX));
}
}  // namespace

void Viewer::draw_unsaved_work_prompts() {
    const float em = ImGui::GetFontSize();
    constexpr const char* restore_title = "Restore unsaved work?";
    if (restore_offer_ && !ImGui::IsPopupOpen(restore_title)) ImGui::OpenPopup(restore_title);
    centre_next_window();
    if (ImGui::BeginPopupModal(restore_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        audit_capture_window();
        if (!restore_offer_) {
            ImGui::CloseCurrentPopup();
        } else {
            const auto& rec = *restore_offer_;
            ImGui::PushTextWrapPos(em * 30);
            ImGui::TextUnformatted("Anatomy did not close normally last time. It kept a copy of the work that was not saved:");
            ImGui::BulletText("Profile: %s", rec.profile_path.empty() ? "not saved yet" : rec.profile_path.c_str());
            if (!rec.profile.patient.empty()) ImGui::BulletText("Patient: %s", rec.profile.patient.c_str());
            ImGui::BulletText("Kept at %s (UTC)", rec.written_at.c_str());
            ImGui::BulletText("%zu pinned note%s, %zu condition%s", rec.profile.annotations.size(), rec.profile.annotations.size() == 1 ? "" : "s",
                              rec.profile.conditions.size(), rec.profile.conditions.size() == 1 ? "" : "s");
            ImGui::TextDisabled("Restore brings back its notes and posture; nothing is written to the profile file until you save.");
            ImGui::PopTextWrapPos();
            ImGui::Spacing();
            if (ImGui::Button("Restore (Enter)")) restore_autosave();
            ImGui::SameLine();
            if (ImGui::Button("Discard")) {
                autosaver_->discard();
                autosaver_->set_paused(false);
                restore_offer_.reset();
                notify("Discarded the unsaved work from last time", false);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete the kept copy; this cannot be undone");
        }
        ImGui::EndPopup();
    }

    constexpr const char* quit_title = "Save changes before closing?";
    if (quit_question_ && !ImGui::IsPopupOpen(quit_title)) ImGui::OpenPopup(quit_title);
    centre_next_window();
    if (ImGui::BeginPopupModal(quit_title, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        audit_capture_window();
        if (!quit_question_) {
            ImGui::CloseCurrentPopup();
        } else {
            ImGui::PushTextWrapPos(em * 30);
            const std::string who = !profile_.patient.empty() ? "the profile of " + profile_.patient
                                    : !profile_path_.empty()  ? core::fs::path(profile_path_).filename().string()
                                                              : std::string("this profile");
            ImGui::Text("The changes to %s are not saved.", who.c_str());
            ImGui::TextDisabled("If you close without saving they are lost.");
            ImGui::PopTextWrapPos();
            ImGui::Spacing();
            if (ImGui::Button("Save (Enter)")) {
                SDL_KeyboardEvent k{};
                k.keysym.sym = SDLK_RETURN;
                handle_prompt_key(k);
            }
            ImGui::SameLine();
            if (ImGui::Button("Close without saving")) {
                quit_question_ = false;
                autosaver_->discard();
                running_ = false;
            }
            ImGui::SameLine();
            if (ImGui::Button("Cancel (Esc)")) quit_question_ = false;
        }
        ImGui::EndPopup();
    }
    // The quit went to the save dialog: close once the work is saved; a cancelled dialog cancels it.
    if (quit_after_save_ && !profile_save_dialog_.is_open()) {
        quit_after_save_ = false;
        if (!has_unsaved_work()) running_ = false;
    }
}

}  // namespace ui
