// ui/panel_stretches.cpp: the stretch demos' control (start, stop, side, keys), camera framing
// and following, and the player bar over the 3D view (step text, timeline with phases, transport,
// speed, loop, side, hold timer). The Stretches tab is panel_stretch_library.cpp.
#include "ui/stretch_widgets.hpp"
#include "ui/viewer_impl.hpp"

#include "core/log.hpp"
#include "platform/window.hpp"
#include "ui/teaching_camera.hpp"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <cmath>
#include <cstdio>

namespace ui {

namespace {

std::string format_time(float s) {
    char buf[16];
    const int total = static_cast<int>(std::floor(std::max(s, 0.0f)));
    std::snprintf(buf, sizeof(buf), "%d:%02d", total / 60, total % 60);
    return buf;
}

}  // namespace

// [SECTION] Control

anat::Pose Viewer::current_pose() const { return stretch_ && stretch_->active() ? stretch_->pose() : posture_->displayed_pose(); }

void Viewer::start_stretch(int index) {
    if (!stretch_ || index < 0 || index >= static_cast<int>(stretch_->library().size())) return;
    if (!stretch_->showing_clip()) emphasised_before_stretch_ = world_->display.emphasised;
    stretch_->player().set_loop(settings_.stretch_loop);
    stretch_->start(index, current_pose());
    stretch_follower_.reset();
    world_->display.emphasised.clear();
    world_->display.stretch_demo = settings_.stretch_mute_others;
    if (const anim::Clip* c = stretch_->player().clip())
        for (const auto& id : c->info.targets) world_->display.emphasised.insert(id);
    aim_teaching_camera();
}

void Viewer::aim_teaching_camera() {
    // Frame the whole movement from where the hold shows its targets best (ui/teaching_camera).
    const core::Bounds b = stretch_->clip_bounds();
    const anim::Clip* clip = stretch_->player().clip();
    if (!b.empty() && clip) {
        const auto vp = scene_viewport();
        const float aspect = static_cast<float>(vp.z) / static_cast<float>(std::max(vp.w, 1));
        const TeachingView view = teaching_camera(*renderer_, *world_, *stretch_, b, aspect);
        core::OrbitCamera goal = camera_.goal_view();
        goal.yaw_rad = view.camera.yaw_rad;
        goal.pitch_rad = view.camera.pitch_rad;
        goal.frame_box(b, aspect);
        // Room for the panels at the sides and the player bar below.
        constexpr float margin = 1.3f;
        goal.distance_m *= margin;
        goal.target.y -= 0.12f * (b.max.y - b.min.y);
        camera_.set_goal(goal);
    }
}

void Viewer::stop_stretch() {
    if (!stretch_ || !stretch_->showing_clip()) return;
    stretch_->stop();
    world_->display.emphasised = emphasised_before_stretch_;
    world_->display.stretch_demo = false;
    frame_all(true);
}

void Viewer::set_stretch_side(anim::Side side) {
    if (!stretch_ || stretch_->player().side() == side) return;
    stretch_->player().set_side(side);
    if (!stretch_->showing_clip()) return;
    world_->display.emphasised.clear();
    if (const anim::Clip* c = stretch_->player().clip())
        for (const auto& id : c->info.targets) world_->display.emphasised.insert(id);
    aim_teaching_camera();  // round to the side being stretched
}

void Viewer::update_stretch(float dt) {
    if (!stretch_) return;
    stretch_->update(dt, posture_->displayed_pose(), posture_->target().tightness);
    if (!stretch_->showing_clip() || !settings_.stretch_follow || camera_input_.dragging()) return;
    // Follow: keep the body in view as it kneels, lies down or folds; hold still through the
    // small movements of a hold, so they show against the floor (core::TargetFollower).
    const core::Bounds b = stretch_->pose_bounds();
    if (b.empty()) return;
    core::OrbitCamera goal = camera_.goal_view();
    glm::vec3 aim = b.center();
    aim.y -= 0.12f * (b.max.y - b.min.y);  // as framed: the body sits above the player bar
    goal.target = stretch_follower_.update(goal, aim, dt);
    camera_.set_goal(goal);
}

bool Viewer::handle_stretch_shortcut(const SDL_KeyboardEvent& key) {
    if (!stretch_ || !stretch_->showing_clip()) return false;
    anim::Player& p = stretch_->player();
    const bool ctrl = (key.keysym.mod & KMOD_CTRL) != 0;
    if (ctrl) return false;
    switch (key.keysym.sym) {
        case SDLK_SPACE:
            if (p.playing())
                p.pause();
            else
                p.play();
            return true;
        case SDLK_n: p.next_phase(); return true;
        case SDLK_LEFT: p.seek(p.time_s() - 2.0f); return true;
        case SDLK_RIGHT: p.seek(p.time_s() + 2.0f); return true;
        case SDLK_LEFTBRACKET:
            p.set_speed(p.speed() * 0.5f);
            notify("Speed " + std::to_string(p.speed()).substr(0, 4) + "x", false);
            return true;
        case SDLK_RIGHTBRACKET:
            p.set_speed(p.speed() * 2.0f);
            notify("Speed " + std::to_string(p.speed()).substr(0, 4) + "x", false);
            return true;
        case SDLK_l:
            settings_.stretch_loop = !settings_.stretch_loop;
            p.set_loop(settings_.stretch_loop);
            notify(settings_.stretch_loop ? "Loop on" : "Loop off", false);
            return true;
        case SDLK_s: set_stretch_side(p.side() == anim::Side::right ? anim::Side::left : anim::Side::right); return true;
        case SDLK_t:
            stretch_->set_cue(!stretch_->cue());
            notify(stretch_->cue() ? "Posterior-tilt cue on: the pelvis is held" : "Posterior-tilt cue off: tight muscles may tip the pelvis", false);
            return true;
        case SDLK_v:
            settings_.stretch_follow = !settings_.stretch_follow;
            notify(settings_.stretch_follow ? "Camera follows" : "Camera stays", false);
            return true;
        case SDLK_r: p.seek(0.0f); return true;
        case SDLK_BACKSPACE: stop_stretch(); return true;
        case SDLK_ESCAPE:
            if (world_->display.selection.kind != scene::Selection::Kind::none) return false;  // Esc clears the selection first
            stop_stretch();
            return true;
        default: return false;
    }
}

// [SECTION] Player bar

void Viewer::draw_stretch_player() {
    player_bar_height_ = 0.0f;
    if (!stretch_ || !stretch_->showing_clip()) return;
    anim::Player& p = stretch_->player();
    const anim::Clip* clip = p.clip();
    if (!clip) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float status = settings_.show_status_bar ? ImGui::GetFrameHeight() * 1.5f : 0.0f;
    const ImVec4 sr = scene_rect_points();  // under the body, between the panels
    const float width = std::min(sr.z * 0.94f, em * 46.0f);
    ImGui::SetNextWindowPos(ImVec2(sr.x + sr.z * 0.5f, vp->Pos.y + vp->Size.y - status - em * 0.6f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize;
    if (ImGui::Begin("##stretch_player", nullptr, flags)) {
        audit_capture_window();
        // Phase chip, step text and the hold timer.
        const anim::Phase phase = p.phase();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const char* pname = anim::display_name(phase);
        const ImVec2 chip = ImGui::GetCursorScreenPos();
        const ImVec2 ts = ImGui::CalcTextSize(pname);
        dl->AddRectFilled(chip, ImVec2(chip.x + ts.x + em, chip.y + ts.y + em * 0.3f), phase_color(phase), em * 0.5f);
        dl->AddText(ImVec2(chip.x + em * 0.5f, chip.y + em * 0.15f), IM_COL32(20, 22, 28, 255), pname);
        ImGui::Dummy(ImVec2(ts.x + em, ts.y + em * 0.3f));
        const anim::HoldTimer hold = p.hold();
        ImGui::SameLine();
        if (hold.holding) {
            ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.4f, 1.0f), "Hold %.0f s of %.0f s", static_cast<double>(std::floor(hold.held_s)),
                               static_cast<double>(hold.total_s));
        } else if (hold.total_s > 0.0f) {
            ImGui::TextDisabled("Hold %.0f s", static_cast<double>(hold.total_s));
        }
        if (p.loop()) {
            ImGui::SameLine();
            ImGui::TextDisabled("  Repetition %d of %d to %d", p.reps_done() + 1, clip->info.reps.min, clip->info.reps.max);
        }
        ImGui::PushFont(fonts_.large);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(p.step_text().empty() ? " " : p.step_text().c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        // What moves every frame (the hold bar's fill, the playhead) is drawn in a child window of
        // its own over the bar and the timeline, so the interface layer draws only it again, not
        // the step text (gfx/ui_layer.hpp).
        const ImVec2 moving0 = ImGui::GetCursorScreenPos();
        std::optional<ImVec4> hold_fill;
        if (hold.holding && hold.total_s > 0.0f) {
            const ImVec2 b0 = ImGui::GetCursorScreenPos();
            const float bw = ImGui::GetContentRegionAvail().x, bh = em * 0.35f;
            dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh), ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
            hold_fill = ImVec4(b0.x, b0.y, b0.x + bw * std::clamp(hold.held_s / hold.total_s, 0.0f, 1.0f), b0.y + bh);
            ImGui::Dummy(ImVec2(bw, bh));
        }

        // Timeline: phase bands, keyframe ticks, playhead; click or drag to scrub.
        const ImVec2 t0 = ImGui::GetCursorScreenPos();
        const float tw = ImGui::GetContentRegionAvail().x, th = em * 1.1f;
        const float duration = std::max(p.duration_s(), 1e-3f);
        auto x_of = [&](float t) { return t0.x + tw * t / duration; };
        for (std::size_t k = 0; k + 1 < clip->keys.size(); ++k)
            dl->AddRectFilled(ImVec2(x_of(clip->keys[k].t_s), t0.y + th * 0.3f), ImVec2(x_of(clip->keys[k + 1].t_s), t0.y + th * 0.7f),
                              phase_color(clip->keys[k].phase, 0.85f));
        for (const auto& k : clip->keys)
            dl->AddLine(ImVec2(x_of(k.t_s), t0.y + th * 0.2f), ImVec2(x_of(k.t_s), t0.y + th * 0.8f), IM_COL32(20, 22, 28, 200), 1.0f);
        ImGui::SetCursorScreenPos(moving0);
        ImGui::BeginChild(
            "##player_moving", ImVec2(tw, t0.y + th - moving0.y), false,
            ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings);
        {
            ImDrawList* moving = ImGui::GetWindowDrawList();
            if (hold_fill)
                moving->AddRectFilled(ImVec2(hold_fill->x, hold_fill->y), ImVec2(hold_fill->z, hold_fill->w), IM_COL32(245, 181, 69, 255),
                                      ImGui::GetStyle().FrameRounding);
            moving->AddCircleFilled(ImVec2(x_of(p.time_s()), t0.y + th * 0.5f), em * 0.45f, IM_COL32(255, 255, 255, 255));
        }
        ImGui::EndChild();
        ImGui::SetCursorScreenPos(t0);
        ImGui::InvisibleButton("##timeline", ImVec2(tw, th));
        if (ImGui::IsItemActivated()) {
            was_playing_before_scrub_ = p.playing();
            p.pause();
        }
        if (ImGui::IsItemActive()) p.seek((ImGui::GetIO().MousePos.x - t0.x) / tw * duration);
        if (ImGui::IsItemDeactivated() && was_playing_before_scrub_) p.play();
        if (ImGui::IsItemHovered()) {
            const float t = std::clamp((ImGui::GetIO().MousePos.x - t0.x) / tw * duration, 0.0f, duration);
            ImGui::SetTooltip("%s  %s", format_time(t).c_str(), anim::display_name(anim::phase_at(*clip, t)));
        }

        // Transport.
        if (ImGui::Button("|<")) p.seek(0.0f);
        tooltip("Back to the start (R)");
        ImGui::SameLine();
        if (ImGui::Button(p.playing() ? "Pause" : "Play", ImVec2(em * 4.0f, 0.0f))) {
            if (p.playing())
                p.pause();
            else
                p.play();
        }
        tooltip("Play or pause (Space)");
        ImGui::SameLine();
        if (ImGui::Button("Next")) p.next_phase();
        tooltip("Jump to the next phase: set up, move, hold, return (N)");
        ImGui::SameLine();
        ImGui::Text("%s / %s", format_time(p.time_s()).c_str(), format_time(p.duration_s()).c_str());
        ImGui::SameLine();
        float speed = p.speed();
        ImGui::SetNextItemWidth(em * 6.5f);
        if (ImGui::SliderFloat("##speed", &speed, anim::Player::min_speed, anim::Player::max_speed, "%.2fx", ImGuiSliderFlags_Logarithmic))
            p.set_speed(speed);
        tooltip("Playback speed, 0.25x to 2x ([ and ] halve and double it)");
        ImGui::SameLine();
        bool loop = p.loop();
        if (ImGui::Checkbox("Loop", &loop)) {
            p.set_loop(loop);
            settings_.stretch_loop = loop;
        }
        tooltip("Repeat the stretch, counting repetitions (L)");
        ImGui::SameLine();
        int side = p.side() == anim::Side::right ? 0 : 1;
        const bool both = clip->info.side == anim::ClipSide::both;
        ImGui::BeginDisabled(both);
        ImGui::SetNextItemWidth(em * 5.0f);
        if (ImGui::Combo("##side", &side, "Right\0Left\0")) set_stretch_side(side == 0 ? anim::Side::right : anim::Side::left);
        ImGui::EndDisabled();
        tooltip(both ? "This stretch works both sides at once" : "The side being stretched (S)");
        ImGui::SameLine();
        if (ImGui::Button("Stop")) stop_stretch();
        tooltip("Back to the standing posture (Backspace or Esc)");
        player_bar_height_ = ImGui::GetWindowHeight();
    }
    ImGui::End();
}

}  // namespace ui
