// ui/panel_clinic.cpp: tools for clinicians: side-by-side comparison (neutral against current,
// before against after a stretching programme), the guided presentation, patient profiles with
// pinned notes, image export and the 3D scene export.
//
// [SECTION] Views: one, or two side by side
// [SECTION] Presentation
// [SECTION] Profiles and notes
// [SECTION] Image export
// [SECTION] Export 3D scene
#include "ui/labels.hpp"
#include "ui/scene_export.hpp"
#include "ui/snapshot.hpp"
#include "ui/viewer_impl.hpp"

#include "anatomy/muscle_path.hpp"
#include "core/error.hpp"
#include "core/log.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

namespace ui {

namespace {
ImVec4 to_im(glm::vec4 c) { return ImVec4(c.r, c.g, c.b, c.a); }
}  // namespace

// [SECTION] Views: one, or two side by side

biomech::PostureSettings Viewer::after_programme() const {
    return biomech::hypothetically_lengthened(posture_->settings(), shown_.programme.group, shown_.programme.lengthen_percent);
}

scene::ComposedView Viewer::build_view(gfx::FrameDesc& frame, const scene::ViewPlan& view) {
    const double t0 = platform::now_s();
    const biomech::PostureResult* after = nullptr;
    if (view.pose == scene::PoseOf::after_programme) {
        const auto settings = after_programme();
        if (!after_valid_ || !(settings == after_settings_key_)) {
            after_result_ = posture_->solver().solve(settings, &posture_->target());
            after_settings_key_ = settings;
            after_valid_ = true;
        }
        after = &after_result_;
    }
    const scene::ViewPose vp = scene::view_pose(view.pose, *posture_, stretch_.get(), after);
    // Posed here rather than by compose_view, so the performance window can tell the stages apart.
    scene::Body& body = world_->body();
    body.set_pose(vp.pose, *vp.tightness);
    const double t1 = platform::now_s();
    frame = gfx::FrameDesc{};
    frame.camera = camera_.current();
    frame.draw_floor = settings_.show_floor;
    frame.fxaa = settings_.fxaa;
    scene::ViewContent content;
    content.view = view.index;
    if (shown_.ghost) content.ghost = posture_->solver().pose_at(posture_->neutral().dofs);
    if (view.props && stretch_) {
        if (!props_) props_ = std::make_unique<scene::PropRenderer>();
        content.props_of = stretch_.get();
        content.props = props_.get();
    }
    scene::Shown shown = shown_;
    shown.high_contrast = presenting_;
    content.overlays = scene::overlays_drawn(shown, stretch_ ? stretch_->on_screen() : nullptr);
    scene::ComposedView out = scene::compose_view(*world_, content, frame);
    if (view.underlay) append_underlay(frame);
    constexpr float smoothing = 0.1f;  // a readable rolling average
    stages_.simulate += (static_cast<float>((t1 - t0) * 1000.0) - stages_.simulate) * smoothing;
    stages_.geometry += (static_cast<float>((platform::now_s() - t1) * 1000.0) - stages_.geometry) * smoothing;
    return out;
}

// [SECTION] Patient's pelvis: the body rebuilt for another pelvic incidence

void Viewer::start_body_rebuild(float pelvic_incidence_deg) {
    if (body_job_) return;  // one at a time
    anat::SkeletonParams params = world_->body().skeleton().params;
    params.pelvic_incidence_deg = pelvic_incidence_deg;
    body_job_ =
        BodyJob{std::async(std::launch::async, [params] { return scene::Body::make_parts(params); }), pelvic_incidence_deg, platform::now_s()};
    char text[128];
    std::snprintf(text, sizeof(text), "Building the model's bones for a pelvic incidence of %.0f\xC2\xB0 (a few seconds)",
                  static_cast<double>(pelvic_incidence_deg));
    notify(text, false);
}

void Viewer::poll_body_rebuild() {
    if (!body_job_ || body_job_->parts.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    BodyJob job = std::move(*body_job_);
    body_job_.reset();
    std::unique_ptr<scene::Body> body;
    std::vector<std::string> warnings;
    try {
        body = scene::Body::from_parts(job.parts.get(), warnings);
    } catch (const std::exception& e) {  // core::Error from the data, or the generator
        notify(std::string("The model's bones could not be rebuilt: ") + e.what(), true);
        return;
    }
    for (const auto& w : warnings) core::log_warning(w);
    // Everything that refers into the old body goes with it: the posture and stretch state, last
    // frame's draw lists (the hover pick reads them), the cached comparison.
    const biomech::PostureSettings keep = posture_->settings();
    stop_stretch();
    world_->replace_body(std::move(body));
    posture_ = std::make_unique<scene::PostureState>(world_->body().skeleton(), world_->body().catalogue());
    try {
        stretch_ = std::make_unique<scene::StretchState>(world_->body().skeleton(), world_->body().catalogue());
    } catch (const core::Error& e) {
        stretch_.reset();
        stretch_error_ = e.what();
    }
    frame_ = {};
    left_frame_ = {};
    hover_valid_ = false;
    hover_ = {};
    after_valid_ = false;
    set_posture(keep, false);
    posture_->snap();
    char text[128];
    std::snprintf(text, sizeof(text), "The model now has a pelvic incidence of %.0f\xC2\xB0 (built in %.0f s)",
                  static_cast<double>(job.pelvic_incidence_deg), platform::now_s() - job.started_s);
    notify(text, false);
}

void Viewer::append_underlay(gfx::FrameDesc& frame) const {
    if (world_->has_user_model()) return;
    const scene::Body& body = world_->body();
    const auto u = radiograph_->underlay(scene::model_anchors(body.skeleton(), body.world_from_bone()));
    if (!u) return;
    // Only in side views: seen obliquely a flat picture misleads. Full from within 20 degrees of
    // a side, gone past 40.
    const glm::vec3 forward = camera_.current().forward();
    const float side = std::abs(forward.x) / std::max(glm::length(forward), 1e-6f);
    const float shown = glm::smoothstep(std::cos(glm::radians(40.0f)), std::cos(glm::radians(20.0f)), side);
    if (shown <= 0.01f) return;
    frame.underlay = gfx::Underlay{u->texture, u->placement.corners, u->opacity * shown};
}

std::vector<scene::ViewPlan> Viewer::views() const {
    scene::Shown shown = shown_;
    if (world_->has_user_model()) shown.compare = scene::Compare::off;  // a model file is shown alone
    return scene::plan_views(shown, scene_viewport());
}

void Viewer::render_views() {
    const auto plans = views();
    overlay_set_ = {};
    for (const auto& view : plans) {
        gfx::FrameDesc& frame = view.subject ? frame_ : left_frame_;
        scene::ComposedView composed = build_view(frame, view);
        if (view.subject) {
            measures_ = composed.measures;
            if (plans.size() == 1) overlay_set_.labels = std::move(composed.labels);  // compared views carry captions instead
        } else {
            left_measures_ = composed.measures;
        }
        const double r0 = platform::now_s();
        renderer_->render(frame, 0, view.viewport);
        if (show_performance_) gfx::Renderer::finish();  // charge the GPU's work to this stage
        stages_.render += (static_cast<float>((platform::now_s() - r0) * 1000.0) - stages_.render) * 0.1f;
    }
}

void Viewer::draw_compare_captions() {
    if (shown_.compare == scene::Compare::off || world_->has_user_model()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const auto plans = views();
    if (plans.size() != 2) return;
    const ImVec4 sr = scene_rect_points();  // the two halves lie between the panels
    const scene::ViewCaption captions[2] = {scene::compare_caption(plans[0], left_measures_, nullptr, shown_.compare),
                                            scene::compare_caption(plans[1], measures_, &left_measures_, shown_.compare)};
    // The divider between the two views.
    ImGui::GetBackgroundDrawList()->AddLine(ImVec2(sr.x + sr.z * 0.5f, vp->Pos.y), ImVec2(sr.x + sr.z * 0.5f, vp->Pos.y + vp->Size.y),
                                            IM_COL32(200, 205, 215, 120), 2.0f);
    for (int i = 0; i < 2; ++i) {
        const scene::ViewCaption& c = captions[i];
        const float x = sr.x + sr.z * (i == 0 ? 0.25f : 0.75f);
        const float bottom = vp->Pos.y + vp->Size.y - (settings_.show_status_bar ? ImGui::GetFrameHeight() * 1.5f : 0.0f) - em * 0.8f;
        ImGui::SetNextWindowPos(ImVec2(x, presenting_ ? vp->Pos.y + em * 1.0f : bottom), ImGuiCond_Always, ImVec2(0.5f, presenting_ ? 0.0f : 1.0f));
        char id[32];
        std::snprintf(id, sizeof(id), "##compare%d", i);
        const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
        if (ImGui::Begin(id, nullptr, flags)) {
            audit_capture_window();
            ImGui::PushFont(fonts_.large);
            ImGui::TextUnformatted(c.title.c_str());
            ImGui::PopFont();
            for (const auto& row : c.rows) {
                if (row.emphasis)
                    ImGui::TextColored(ImVec4(0.98f, 0.78f, 0.43f, 1), "%s", row.text.c_str());
                else
                    ImGui::TextUnformatted(row.text.c_str());
            }
            for (const auto& note : c.notes) ImGui::TextDisabled("%s", note.c_str());
        }
        ImGui::End();
    }
}

// [SECTION] Presentation

void Viewer::start_presentation() {
    try {
        story_ = scene::load_default_story();
    } catch (const core::Error& e) {
        core::log_error(e.what());
        return;
    }
    if (story_.steps.empty()) return;
    if (!presenting_) layers_before_presentation_ = world_->display.layers;  // given back when it ends
    presenting_ = true;
    apply_story_step(0);
}

void Viewer::stop_presentation() {
    presenting_ = false;
    stop_stretch();
    shown_.compare = scene::Compare::off;
    world_->display.emphasised.clear();
    world_->display.mute_others = false;
    world_->display.layers = layers_before_presentation_;
    shown_.overlays = {};
    frame_all(true);  // the story's close-ups end: back to the whole body, between the panels
}

void Viewer::apply_story_step(int index) {
    story_step_ = std::clamp(index, 0, static_cast<int>(story_.steps.size()) - 1);
    const scene::StoryStep& st = story_.steps[static_cast<std::size_t>(story_step_)];
    if (const auto* p = biomech::find_preset(presets_, st.preset)) set_posture(p->settings, true);
    // Each step sets its own scene, whatever was left on screen: bones and muscles shown, nothing
    // hidden or isolated, no x-ray; the topic's muscles stand out and the rest are muted.
    scene::StepScene step = scene::story_step_scene(st, world_->body().catalogue(), scene::Layers{});
    const scene::Programme chosen = shown_.programme;  // a step without a comparison keeps the menu's
    shown_ = step.shown;
    if (!st.compare) shown_.programme = chosen;
    after_valid_ = false;
    auto& d = world_->display;
    d.layers = step.layers;
    d.selection = {};
    d.emphasised = step.emphasised;
    d.mute_others = step.mute_others;
    // The scripted camera: a view from the step's side, centred on the focus at its distance.
    const scene::Body& body = world_->body();
    const auto target_world = anat::forward_kinematics(body.skeleton(), posture_->solver().pose_at(posture_->target().dofs));
    constexpr float caption_share = 0.25f;  // the presentation's caption covers about the lowest quarter
    camera_.set_goal(
        scene::story_camera(st, body.skeleton(), target_world, camera_.goal_view(), shown_.compare != scene::Compare::off, caption_share));
    // A step may play a stretch (it frames its own camera); others return to the posture.
    const int clip = stretch_ && !st.stretch.empty() ? stretch_->library().find(st.stretch) : -1;
    if (clip >= 0) {
        start_stretch(clip);
        for (const auto& id : step.emphasised) world_->display.emphasised.insert(id);
    } else {
        stop_stretch();
    }
}

void Viewer::draw_presentation() {
    if (!presenting_ || story_.steps.empty()) return;
    const scene::StoryStep& st = story_.steps[static_cast<std::size_t>(story_step_)];
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y - em * 1.5f), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->Size.x * 0.8f, em * 60.0f), 0.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.06f, 0.07f, 0.09f, 0.92f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##story", nullptr, flags)) {
        audit_capture_window();
        ImGui::TextDisabled("%s   \xE2\x80\x94   step %d of %zu", story_.title.c_str(), story_step_ + 1, story_.steps.size());
        ImGui::PushFont(fonts_.large);
        ImGui::TextUnformatted(st.title.c_str());
        ImGui::PopFont();
        ImGui::PushFont(fonts_.large);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::SetWindowFontScale(0.8f);
        ImGui::TextUnformatted(st.text.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        // Live numbers where the step shows overlays.
        if (st.any_overlay && shown_.compare == scene::Compare::off) {
            bool first = true;
            for (const auto& r : scene::step_readings(measures_)) {
                if (!first) ImGui::SameLine(0, em * 2);
                first = false;
                ImGui::TextColored(to_im(scene::measure_color(r.measure)), "%s", r.text.c_str());
            }
        }
        ImGui::TextDisabled("\xE2\x86\x90 \xE2\x86\x92 to step     Esc to leave the presentation");
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

// [SECTION] Profiles and notes

std::vector<scene::OverlayLabel> Viewer::annotation_labels() const {
    std::vector<scene::OverlayLabel> labels;
    if (!show_notes_) return labels;
    const scene::Body& body = world_->body();
    const glm::vec4 note_color{1.0f, 0.93f, 0.55f, 1.0f};
    for (const auto& a : profile_.annotations) {
        if (a.target == scene::Annotation::Target::muscle) {
            const int i = body.catalogue().find(a.id);
            if (i < 0) continue;
            const auto pts = body.paths().path(static_cast<std::size_t>(i));
            if (!pts.empty()) labels.push_back({anat::point_along(pts, 0.55f), a.text, note_color});
        } else {
            const int b = body.bones().find_bone(a.id);
            if (b < 0) continue;
            labels.push_back({body.world_from_bone()[static_cast<std::size_t>(body.bones().bones()[static_cast<std::size_t>(b)].joint)].translation,
                              a.text, note_color});
        }
    }
    return labels;
}

void Viewer::open_profile(const core::fs::path& path) {
    try {
        scene::Profile p = scene::load_profile(path);  // throws before anything changes
        profile_ = std::move(p);
        profile_path_ = path.string();
        set_posture(profile_.posture, true);
        radiograph_->restore(profile_.radiograph, [this](const std::string& t, bool e) { notify(t, e); });
        mark_work_saved();
        settings_.add_recent_profile(core::fs::absolute(path).string());
        notify("Opened profile " + path.filename().string(), false);
    } catch (const core::Error& e) {
        notify(std::string("Could not open the profile: ") + e.what(), true);
    }
}

void Viewer::save_profile_to(const core::fs::path& path) {
    scene::Profile p = profile_;
    p.posture = posture_->settings();
    p.measurements = posture_->target().measures;
    p.radiograph = radiograph_->record();
    p.saved_at = scene::now_iso8601();
    try {
        scene::save_profile(p, path);
        profile_ = p;
        profile_path_ = path.string();
        mark_work_saved();
        settings_.add_recent_profile(core::fs::absolute(path).string());
        notify("Saved " + path.string(), false);
    } catch (const core::Error& e) {
        // The old file is intact (written atomically); the work stays unsaved and autosaved.
        notify(std::string("Not saved; the file on disk is unchanged. ") + e.what(), true);
    }
}

void Viewer::open_profile_dialog(bool save) {
    if (save)
        profile_save_dialog_.open(FileDialog::Mode::save, "Save profile", {".anatomy", ".json"}, ".", "patient.anatomy");
    else
        profile_open_dialog_.open(FileDialog::Mode::open, "Open profile", {".anatomy", ".json"}, ".");
}

void Viewer::draw_profile_dialogs() {
    if (auto p = profile_open_dialog_.draw()) open_profile(*p);
    if (auto p = profile_save_dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".anatomy" && out.extension() != ".json") out += ".anatomy";
        save_profile_to(out);
    }
}

// [SECTION] Image export

void Viewer::export_image(const core::fs::path& file, glm::ivec2 size, bool transparent) {
    gfx::FrameDesc frame = frame_;
    frame.transparent_background = transparent;
    // Same view, new shape: keep the camera, let the projection follow the aspect.
    std::vector<scene::OverlayLabel> labels = overlay_set_.labels;
    const auto notes = annotation_labels();
    labels.insert(labels.end(), notes.begin(), notes.end());
    const gfx::Image img = render_labelled_image(*renderer_, frame, size, labels, world_->body().world_from_bone()[0].translation);
    gfx::write_png(file, img);
}

// [SECTION] Export 3D scene: the posed body as .glb (ui/scene_export.hpp)

void Viewer::export_scene_to(const core::fs::path& path) {
    try {
        if (!skeleton_model_)
            skeleton_model_ =
                std::make_shared<assets::Model>(assets::load_model(core::generated_asset_dir() / "skeleton.glb", assets::ModelSource::own_bake));
        write_scene_glb(scene_model(world_->body(), world_->display, *skeleton_model_), path);
        notify("Exported the 3D scene " + path.string(), false);
    } catch (const core::Error& e) {
        notify(std::string("The 3D scene was not exported: ") + e.what(), true);
    }
}

void Viewer::draw_scene_export_dialog() {
    if (auto p = scene_dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".glb") out += ".glb";
        export_scene_to(out);
    }
}

}  // namespace ui
