// [SECTION] The interface audit (--ui-audit FILE, a test aid): the viewer walks through its
// panels and windows in several states (each tab, a selection, a stretch playing, patient mode,
// the presentation, compare, every dialog), and for each state writes the text every window drew
// ("text: ..." lines) and every window whose content is wider than the window with no scrollbar
// to reach it (text or buttons cut off at the right), or taller with scrolling turned off. Tests
// run it at several window sizes and scan the text for internal ids and data-file references.
#include "core/error.hpp"
#include "core/log.hpp"
#include "ui/viewer_impl.hpp"

#include <imgui_internal.h>

namespace ui {

namespace {
constexpr int frames_per_state = 8;  // windows appear, size themselves and settle
}  // namespace

int Viewer::audit_state_count() const { return 9; }

void Viewer::apply_audit_state(int state) {
    auto close_windows = [&] { panels_.set_windows_open(false); };
    close_windows();
    switch (state) {
        case 0: break;  // as it starts: the posture tab, layers, inspector
        case 1:         // the stretch library and a stretch on screen
            if (stretch_ && stretch_->library().size() > 0) {
                start_stretch(0);
                select_stretch_tab_ = true;
            }
            break;
        case 2:  // a muscle selected, the profile and the safety windows
            select({scene::Selection::Kind::muscle, "psoas_r"});
            panels_.set_open("Patient profile", true);
            panels_.set_open("Safety and red flags", true);
            break;
        case 3: panels_.set_windows_open(true); break;
        case 4:
            panels_.set_open("Export video", true);
            panels_.set_open("Export image", true);
            break;
        case 5:
            panels_.set_open("Export handout", true);
            select({scene::Selection::Kind::bone, "hip_bone_r"});
            break;
        case 6:  // patient mode, a stretch playing, a muscle selected
            settings_.patient_mode = true;
            select({scene::Selection::Kind::muscle, "rectus_femoris_r"});
            if (stretch_ && stretch_->library().size() > 1) {
                start_stretch(1);
                select_stretch_tab_ = true;
            }
            break;
        case 7:  // the guided presentation
            if (stretch_ && stretch_->active()) stop_stretch();
            start_presentation();
            apply_story_step(1);
            break;
        case 8:  // compare, out of the presentation
            stop_presentation();
            settings_.patient_mode = false;
            shown_.compare = scene::Compare::neutral_vs_current;
            break;
        default: break;
    }
}

bool Viewer::audit_frame_begin(int frame) {
    if (options_.ui_audit.empty()) return false;
    const int state = frame / frames_per_state, within = frame % frames_per_state;
    if (state >= audit_state_count()) {
        running_ = false;
        return false;
    }
    if (within == 0) apply_audit_state(state);
    if (within != frames_per_state - 1) return false;
    audit_text_.clear();
    set_audit_capture(&audit_text_);
    return true;
}

void Viewer::audit_frame_end(int frame) {
    const int state = frame / frames_per_state;
    ImGuiContext& g = *GImGui;
    set_audit_capture(nullptr);
    audit_report_ += "== state " + std::to_string(state) + "\n";
    // The text drawn, each line marked, for the tests' scan.
    std::size_t start = 0;
    while (start < audit_text_.size()) {
        const std::size_t end = std::min(audit_text_.find('\n', start), audit_text_.size());
        if (end > start) audit_report_ += "text: " + audit_text_.substr(start, end - start) + "\n";
        start = end + 1;
    }
    // Windows whose content is wider or taller than what they show, with no scrollbar to reach it.
    for (ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_MenuBar)) || w->SkipItems) continue;
        // A multi-line text field scrolls sideways to the text cursor as one types.
        if (std::string_view(w->Name).find("/##notes") != std::string_view::npos) continue;
        const float inner_w = w->InnerRect.GetWidth(), inner_h = w->InnerRect.GetHeight();
        const float need_w = w->ContentSize.x + w->WindowPadding.x * 2.0f, need_h = w->ContentSize.y + w->WindowPadding.y * 2.0f;
        const bool auto_size = (w->Flags & ImGuiWindowFlags_AlwaysAutoResize) != 0;
        // A child region's full-width rows may reach under its own vertical scrollbar (ImGui sizes
        // them from the width before the scrollbar came): not text cut off.
        const float under_scrollbar = (w->Flags & ImGuiWindowFlags_ChildWindow) && w->ScrollbarY ? w->ScrollbarSizes.x : 0.0f;
        char line[512];
        if (!auto_size && need_w > inner_w + under_scrollbar + 2.0f && !w->ScrollbarX) {
            std::snprintf(line, sizeof(line), "overflow: \"%s\" content %.0f px wide in %.0f px\n", w->Name, static_cast<double>(need_w),
                          static_cast<double>(inner_w));
            audit_report_ += line;
        }
        if (!auto_size && need_h > inner_h + 2.0f && !w->ScrollbarY && (w->Flags & ImGuiWindowFlags_NoScrollbar)) {
            std::snprintf(line, sizeof(line), "overflow: \"%s\" content %.0f px high in %.0f px (no scrollbar)\n", w->Name,
                          static_cast<double>(need_h), static_cast<double>(inner_h));
            audit_report_ += line;
        }
    }
    if (state == audit_state_count() - 1) {
        try {
            core::write_file_atomic(options_.ui_audit, audit_report_);
        } catch (const core::Error& e) {
            core::log_error(e.what());
        }
    }
}

}  // namespace ui
