// ui/viewer.cpp: the interactive viewer.
//
// [SECTION] Start-up and shutdown
// [SECTION] Per-frame loop
// [SECTION] Shortcuts
// [SECTION] Panels: menu bar, status bar, shortcuts, about, notifications
// [SECTION] Overlays: axes gizmo
#include "core/version.hpp"
#include "ui/snapshot.hpp"
#include "ui/viewer_impl.hpp"

#include "biomech/presets.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "scene/search.hpp"

#include <SDL2/SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace ui {

namespace {
const std::vector<std::string> model_extensions = {".glb", ".gltf", ".obj", ".fbx", ".dae", ".stl", ".ply", ".3ds"};
}  // namespace

// [SECTION] Start-up and shutdown

Viewer::Viewer(const ViewerOptions& options) : options_(options) {
    auto world = scene::World::load_in_background();  // meanwhile the window, GL context and fonts
    settings_ = load_settings();
    platform::WindowDesc desc;
    desc.title = "Anatomy";
    desc.width = settings_.window_width;
    desc.height = settings_.window_height;
    desc.maximized = settings_.window_maximized;
    if (const auto size = parse_size(options.window_size)) {
        desc.width = size->x;
        desc.height = size->y;
        desc.maximized = false;
    }
    window_ = std::make_unique<platform::Window>(desc);
    if (settings_.ui_scale <= 0.0f) settings_.ui_scale = std::clamp(window_->display_dpi_scale(), 1.0f, 3.0f);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    ini_path_ = (core::config_dir() / "imgui.ini").string();
    io.IniFilename = ini_path_.c_str();  // window layout persists between runs
    // No keyboard navigation: with it, any click in a panel left that panel focused and every key,
    // the shortcuts included, went to ImGui until the 3D view was clicked. Shortcuts are the
    // keyboard interface; text fields still take typing (handle_event).
    ImGui_ImplSDL2_InitForOpenGL(window_->sdl(), window_->gl_context());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    fonts_ = load_fonts(settings_.ui_scale);
    apply_theme(settings_.ui_scale);

    shaders_ = std::make_unique<gfx::ShaderLibrary>(core::shader_dir());
    renderer_ = std::make_unique<gfx::Renderer>(*shaders_);
    ui_layer_ = std::make_unique<gfx::UiLayer>(*shaders_);
    world_ = world.get();
    posture_ = std::make_unique<scene::PostureState>(world_->body().skeleton(), world_->body().catalogue());
    try {
        stretch_ = std::make_unique<scene::StretchState>(world_->body().skeleton(), world_->body().catalogue());
    } catch (const core::Error& e) {
        stretch_error_ = e.what();
        core::log_error(std::string("Stretches unavailable: ") + e.what());
    }
    try {
        presets_ = biomech::load_default_presets();
    } catch (const core::Error& e) {
        core::log_error(e.what());
    }
    world_->display.color_mode = static_cast<scene::ColorMode>(std::clamp(settings_.color_mode, 0, 4));
    shown_.show_overlays = settings_.show_overlays;
    show_performance_ = options_.performance;
    add_panels();
    core::log_info("OpenGL: " + window_->gl_renderer());

    if (!options.model.empty()) open_model(options.model);
    if (!options.measure.empty()) {
        try {
            const core::fs::path file = options.measure;
            if (file.extension() == ".json")
                radiograph_->load_landmarks(file);
            else
                radiograph_->load_image(file);
        } catch (const core::Error& e) {
            notify(e.what(), true);
        }
    }
    core::OrbitCamera cam;
    cam.set_preset(core::ViewPreset::anterior);
    camera_.set_immediate(cam);
    frame_all(false);
    mark_work_saved();  // a fresh start: nothing unsaved yet
    autosaver_ = std::make_unique<scene::Autosaver>(scene::default_autosave_path());
    try {
        // Left by a run that did not close normally: offered back (not during a scripted export).
        if (options.export_video.empty()) restore_offer_ = scene::read_autosave(autosaver_->path());
    } catch (const core::Error& e) {
        std::error_code ec;
        const auto aside = autosaver_->path().string() + ".unreadable";
        core::fs::rename(autosaver_->path(), aside, ec);
        notify(std::string("The kept copy of unsaved work could not be read (moved to ") + aside + "): " + e.what(), true);
    }
    if (restore_offer_) autosaver_->set_paused(true);  // keep it until the user answers
    if (!options.profile.empty()) open_profile(options.profile);
    if (!options.preset.empty())
        if (const auto* p = biomech::find_preset(presets_, options.preset)) {
            set_posture(p->settings, true);
            posture_->snap();
        }
    if (options.compare == "neutral") shown_.compare = scene::Compare::neutral_vs_current;
    if (options.compare == "programme") shown_.compare = scene::Compare::before_after;
    if (!options.stretch.empty()) {
        const int i = stretch_ ? stretch_->library().find(options.stretch) : -1;
        if (i < 0) {
            core::log_error("No stretch called '" + options.stretch + "' (see `anatomy stretches`)");
        } else {
            if (options.stretch_side == "left") stretch_->player().set_side(anim::Side::left);
            start_stretch(i);
            select_stretch_tab_ = true;
            if (options.stretch_time_s >= 0.0f) {
                stretch_->player().seek(options.stretch_time_s);
                stretch_->player().pause();
            }
            stretch_->update(anim::Player::crossfade_s, posture_->displayed_pose(), posture_->target().tightness);
            camera_.set_immediate(camera_.goal_view());
        }
    }
    if (options.presentation_step > 0) {
        start_presentation();
        apply_story_step(options.presentation_step - 1);
        posture_->snap();
        camera_.set_immediate(camera_.goal_view());
    }
    if (!options.export_video.empty()) {
        panels_.set_open("Export video", true);
        video_->start_scripted(options.export_video, parse_size(options.export_size).value_or(glm::ivec2(1280, 720)), options.export_fps);
    }
}

Viewer::~Viewer() {
    // A clean exit removes the kept copy of unsaved work; a crash (or an unanswered restore
    // question) leaves it for the next start.
    if (clean_exit_ && autosaver_ && !restore_offer_) autosaver_->discard();
    const auto size = window_->size_points();
    settings_.window_maximized = (SDL_GetWindowFlags(window_->sdl()) & SDL_WINDOW_MAXIMIZED) != 0;
    settings_.color_mode = static_cast<int>(world_->display.color_mode);
    settings_.show_overlays = shown_.show_overlays;
    if (!settings_.window_maximized) {
        settings_.window_width = size.x;
        settings_.window_height = size.y;
    }
    save_settings(settings_);
    ImGui::SaveIniSettingsToDisk(ini_path_.c_str());
    video_->end();  // closing mid-export leaves nothing half-written (while the GL context lives)
    props_.reset();
    stretch_.reset();
    posture_.reset();
    world_.reset();
    ui_layer_.reset();
    renderer_.reset();
    shaders_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

glm::ivec4 Viewer::scene_viewport() const {
    const auto px = window_->size_pixels();
    const float ratio = window_->pixel_ratio();
    int x0 = static_cast<int>(std::lround(column_extent_pt_[0] * ratio));
    int x1 = px.x - static_cast<int>(std::lround(column_extent_pt_[1] * ratio));
    if (x1 - x0 < px.x / 4) x0 = 0, x1 = px.x;  // panels wider than the window: draw under them
    return {x0, 0, x1 - x0, px.y};
}

Viewer::ViewAt Viewer::view_at(glm::vec2 px) const {
    for (const auto& view : views())
        if (px.x < static_cast<float>(view.viewport.x + view.viewport.z) || view.subject)
            return {view.viewport, view.subject ? &frame_ : &left_frame_};
    return {scene_viewport(), &frame_};
}

ImVec4 Viewer::scene_rect_points() const {
    const auto vp = scene_viewport();
    const float ratio = window_->pixel_ratio();
    const ImGuiViewport* main = ImGui::GetMainViewport();
    return ImVec4(main->Pos.x + static_cast<float>(vp.x) / ratio, main->Pos.y, static_cast<float>(vp.z) / ratio, main->Size.y);
}

std::string Viewer::muscle_name(const anat::Muscle& m) const { return ui::muscle_name(world_->body().catalogue(), m, settings_.patient_mode); }

std::string Viewer::selection_label(const scene::Selection& s) const {
    const auto& cat = world_->body().catalogue();
    switch (s.kind) {
        case scene::Selection::Kind::muscle: {
            const int i = cat.find(s.id);
            return i >= 0 ? muscle_name(cat.muscles[static_cast<std::size_t>(i)]) : s.id;
        }
        case scene::Selection::Kind::bone: return scene::pretty_bone_name(s.id);
        case scene::Selection::Kind::group: {
            const auto* g = cat.find_group(s.id);
            return g ? g->name : s.id;
        }
        case scene::Selection::Kind::none: break;
    }
    return {};
}

void Viewer::add_panels() {
    // The columns: their open state is a setting.
    PosturePanelDeps posture;
    posture.posture = [this]() -> scene::PostureState& { return *posture_; };
    posture.catalogue = [this]() -> const anat::MuscleCatalogue& { return world_->body().catalogue(); };
    posture.presets = &presets_;
    posture.measures = &measures_;
    posture.shown = &shown_;
    posture.about_model = [this] { panels_.set_open("About the model", true); };
    StretchesTabDeps stretches;
    stretches.stretch = [this] { return stretch_.get(); };
    stretches.load_error = &stretch_error_;
    stretches.body = [this] { return shown_body(); };
    stretches.posture_tightness = [this]() -> const std::vector<float>& { return posture_->target().tightness; };
    stretches.conditions = &profile_.conditions;
    stretches.patient_mode = &settings_.patient_mode;
    stretches.mute_others = &settings_.stretch_mute_others;
    stretches.follow = &settings_.stretch_follow;
    stretches.mute_changed = [this] { world_->display.stretch_demo = settings_.stretch_mute_others; };
    stretches.start = [this](int clip) { start_stretch(clip); };
    stretches.select = [this](const scene::Selection& s) { select(s); };
    stretches.open_safety = [this] { panels_.set_open("Safety and red flags", true); };
    posture.draw_stretches = make_stretches_tab(std::move(stretches));
    posture.select_posture_tab = &select_posture_tab_;
    posture.select_stretch_tab = &select_stretch_tab_;
    panels_.add(make_posture_panel(std::move(posture)), &settings_.show_posture_panel);
    panels_.add(make_layers_panel({&world_->display, [this]() -> const anat::MuscleCatalogue& { return world_->body().catalogue(); },
                                   [this](const scene::Selection& s) { select(s); }, &settings_.show_inspector_panel}),
                &settings_.show_layers_panel);
    InspectorPanelDeps inspector;
    inspector.display = &world_->display;
    inspector.body = [this] { return shown_body(); };
    inspector.select = [this](const scene::Selection& s) { select(s); };
    inspector.focus = [this] { focus_selection(); };
    inspector.start_stretch = [this](int clip) {
        start_stretch(clip);
        settings_.show_posture_panel = true;
        select_stretch_tab_ = true;
    };
    inspector.add_note = [this] { panels_.set_open("Add note", true); };
    inspector.layers_open = &settings_.show_layers_panel;
    inspector.patient_mode = &settings_.patient_mode;
    panels_.add(make_inspector_panel(std::move(inspector)), &settings_.show_inspector_panel);
    panels_.add(make_performance_panel([this] { return performance_readout(); }, [this](bool keep) { keep_interface_ = keep; }), &show_performance_);
    panels_.add(make_shortcuts_panel(panels_));
    panels_.add(make_about_model_panel());
    panels_.add(make_about_panel(window_->gl_renderer()));
    panels_.add(make_safety_panel());
    ProfilePanelDeps profile;
    profile.profile = &profile_;
    profile.path = &profile_path_;
    profile.show_notes = &show_notes_;
    profile.label = [this](const scene::Selection& s) { return selection_label(s); };
    profile.save = [this] {
        if (profile_path_.empty())
            open_profile_dialog(true);
        else
            save_profile_to(profile_path_);
    };
    profile.save_as = [this] { open_profile_dialog(true); };
    profile.open = [this] { open_profile_dialog(false); };
    panels_.add(make_profile_panel(std::move(profile)));
    auto radiograph = std::make_unique<RadiographPanel>([this] {
        return RadiographPanel::Hooks{[this](const biomech::PostureSettings& settings) {
                                          set_posture(settings, true);
                                          notify("The model shows the fitted settings (Ctrl+Z in the posture panel undoes it)", false);
                                      },
                                      [this](const std::string& text, bool error) { notify(text, error); },
                                      scene::model_anchors(world_->body().skeleton(), world_->body().world_from_bone()),
                                      [this](const biomech::PostureSettings& settings) {
                                          set_posture(settings, true);
                                          shown_.compare = scene::Compare::neutral_vs_current;
                                          notify("Neutral on the left, the fitted settings on the right (F6 turns the comparison off)", false);
                                      },
                                      [this](float pelvic_incidence_deg) { start_body_rebuild(pelvic_incidence_deg); },
                                      world_->body().skeleton().params.pelvic_incidence_deg,
                                      body_job_ ? std::optional<double>(platform::now_s() - body_job_->started_s) : std::nullopt};
    });
    radiograph_ = radiograph.get();
    bool* radiograph_open = radiograph->open_state();
    panels_.add(std::move(radiograph), radiograph_open);
    VideoPanelDeps video;
    video.shaders = shaders_.get();
    video.stretch = [this]() -> const scene::StretchState* { return stretch_.get(); };
    video.posture = [this]() -> const scene::PostureState& { return *posture_; };
    video.display = [this]() -> const scene::Display& { return world_->display; };
    video.follow = &settings_.stretch_follow;
    video.notify = [this](const std::string& text, bool error) { notify(text, error); };
    auto video_panel = std::make_unique<VideoExportPanel>(std::move(video));
    video_ = video_panel.get();
    panels_.add(std::move(video_panel));
    HandoutPanelDeps handout;
    handout.work = [this] {
        scene::Profile work = current_work();
        work.measurements = posture_->target().measures;
        return work;
    };
    handout.profile = &profile_;
    handout.stretches = [this]() -> const anim::Library* { return stretch_ ? &stretch_->library() : nullptr; };
    handout.notify = [this](const std::string& text, bool error) { notify(text, error); };
    panels_.add(make_handout_panel(std::move(handout)));
    panels_.add(
        make_export_image_panel({[this](const core::fs::path& file, glm::ivec2 size, bool transparent) { export_image(file, size, transparent); },
                                 [this](const std::string& text, bool error) { notify(text, error); }}));
}

ShownBody Viewer::shown_body() const {
    const scene::Body& body = world_->body();
    return ShownBody{&body.catalogue(), &body.skeleton(), &body.bones().bones(), &body.posed(), stretch_ ? &stretch_->library() : nullptr};
}

PerformanceReadout Viewer::performance_readout() const {
    PerformanceReadout r;
    r.frame_ms.assign(frame_ms_.begin(), frame_ms_.end());
    r.busy_reason = busy_reason_;
    r.idle_s = idle_s_;
    r.stages = stages_;
    r.render = renderer_->stats();
    r.ui_triangles = ui_triangles_;
    r.ui_draw_calls = ui_draw_calls_;
    r.keep_interface = keep_interface_;
    r.layer = ui_layer_->stats();
    return r;
}

void Viewer::notify(const std::string& text, bool error) {
    constexpr double show_s = 6.0;     // long enough to read two lines
    if (error) core::log_error(text);  // errors reach stderr too, for scripts and bug reports
    notifications_.push_back({text, error, platform::now_s() + show_s});
    while (notifications_.size() > 4) notifications_.pop_front();
}

void Viewer::frame_all(bool animate) {
    const core::Bounds b = world_->bounds();
    const auto vp = scene_viewport();
    core::OrbitCamera goal = camera_.goal_view();
    goal.frame_box(b, static_cast<float>(vp.z) / static_cast<float>(std::max(vp.w, 1)));
    if (animate)
        camera_.set_goal(goal);
    else
        camera_.set_immediate(goal);
}

void Viewer::set_view(core::ViewPreset v) {
    core::OrbitCamera goal = camera_.goal_view();
    goal.set_preset(v);
    camera_.set_goal(goal);
}

void Viewer::open_model(const core::fs::path& path) {
    try {
        world_->load_user_model(path);
        settings_.add_recent_model(core::fs::absolute(path).string());
        notify("Opened " + path.filename().string(), false);
        frame_all(true);
    } catch (const core::Error& e) {
        core::log_error(e.what());  // stderr too
    }
}

void Viewer::draw_interface(const ImDrawData& data) {
    static_assert(sizeof(ImDrawVert) == sizeof(gfx::UiVertex) && offsetof(ImDrawVert, uv) == offsetof(gfx::UiVertex, uv) &&
                  offsetof(ImDrawVert, col) == offsetof(gfx::UiVertex, rgba) && sizeof(ImDrawIdx) == sizeof(std::uint16_t));
    bool callbacks = false;
    gfx::UiFrame f;
    f.lists.reserve(static_cast<std::size_t>(data.CmdListsCount));
    for (int l = 0; l < data.CmdListsCount; ++l) {
        const ImDrawList& src = *data.CmdLists[l];
        gfx::UiList& list = f.lists.emplace_back();
        list.vertices = reinterpret_cast<const gfx::UiVertex*>(src.VtxBuffer.Data);
        list.vertex_count = static_cast<std::size_t>(src.VtxBuffer.Size);
        list.indices = src.IdxBuffer.Data;
        list.index_count = static_cast<std::size_t>(src.IdxBuffer.Size);
        for (const ImDrawCmd& c : src.CmdBuffer) {
            if (c.UserCallback) callbacks = true;
            list.commands.push_back({glm::vec4(c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w),
                                     static_cast<GLuint>(reinterpret_cast<std::intptr_t>(c.TextureId)), c.IdxOffset, c.ElemCount, c.VtxOffset});
        }
    }
    if (!keep_interface_ || callbacks) {  // ImGui's backend, every triangle
        ImGui_ImplOpenGL3_RenderDrawData(const_cast<ImDrawData*>(&data));
        ui_layer_->invalidate();
        return;
    }
    f.display_pos = glm::vec2(data.DisplayPos.x, data.DisplayPos.y);
    f.display_size = glm::vec2(data.DisplaySize.x, data.DisplaySize.y);
    f.scale = glm::vec2(data.FramebufferScale.x, data.FramebufferScale.y);
    f.framebuffer = window_->size_pixels();
    const glm::ivec4 vp = scene_viewport();  // x from the left, full height
    f.scene_rect = vp;
    ui_layer_->draw(f);
}

void Viewer::save_screenshot(const core::fs::path& path) {
    try {
        gfx::FrameDesc frame = frame_;
        const auto vp = scene_viewport();
        const gfx::Image img = renderer_->render_to_image(frame, {vp.z, vp.w});
        gfx::write_png(path, img);
        notify("Saved " + path.string(), false);
    } catch (const core::Error& e) {
        core::log_error(e.what());
    }
}

void Viewer::save_window_image(const core::fs::path& path) {
    const gfx::Image img = gfx::read_framebuffer(0, window_->size_pixels(), false, true);
    try {
        gfx::write_png(path, img);
    } catch (const core::Error& e) {
        core::log_error(e.what());
    }
}

void Viewer::set_ui_scale(float scale) {
    pending_scale_ = std::clamp(scale, 0.75f, 3.0f);
    pending_font_rebuild_ = true;
}

void Viewer::focus_selection() {
    const auto& sel = world_->display.selection;
    const scene::Body& body = world_->body();
    std::optional<glm::vec3> at;
    if (sel.kind == scene::Selection::Kind::muscle) {
        const int i = body.catalogue().find(sel.id);
        if (i >= 0) {
            const auto pts = body.paths().path(static_cast<std::size_t>(i));
            glm::vec3 c(0.0f);
            for (const auto& p : pts) c += p;
            if (!pts.empty()) at = c / static_cast<float>(pts.size());
        }
    } else if (sel.kind == scene::Selection::Kind::bone) {
        const int b = body.bones().find_bone(sel.id);
        if (b >= 0) at = body.world_from_bone()[static_cast<std::size_t>(body.bones().bones()[static_cast<std::size_t>(b)].joint)].translation;
    }
    if (!at) {
        frame_all(true);
        return;
    }
    core::OrbitCamera goal = camera_.goal_view();
    goal.target = *at;
    goal.distance_m = std::min(goal.distance_m, 1.4f);
    camera_.set_goal(goal);
}

glm::vec2 Viewer::mouse_pixels() const {
    int mx = 0, my = 0;
    SDL_GetMouseState(&mx, &my);
    return glm::vec2(static_cast<float>(mx), static_cast<float>(my)) * window_->pixel_ratio();
}

void Viewer::select(const scene::Selection& s) { world_->display.selection = s; }

void Viewer::set_posture(const biomech::PostureSettings& s, bool undoable) { posture_->set_settings(s, undoable); }

void Viewer::update_hover(double now) {
    // Picking renders a pass: on a software rasteriser do it only once the mouse rests.
    constexpr double rest_s = 0.12;
    const glm::vec2 m = mouse_pixels();
    if (camera_.animating()) {  // what was under the cursor has moved: no stale tooltip
        hover_valid_ = false;
        hover_ = {};
        mouse_still_since_s_ = now;
        return;
    }
    if (glm::distance(m, last_mouse_) > 0.5f) {
        last_mouse_ = m;
        mouse_still_since_s_ = now;
        hover_valid_ = false;
        hover_ = {};
        return;
    }
    if (hover_valid_ || now - mouse_still_since_s_ < rest_s || camera_input_.dragging() || ImGui::GetIO().WantCaptureMouse) return;
    const ViewAt v = view_at(m);
    const auto hit = renderer_->pick(*v.frame, {v.rect.z, v.rect.w}, glm::ivec2(m) - glm::ivec2(v.rect.x, v.rect.y));
    hover_ = world_->has_user_model() ? scene::Selection{} : world_->body().decode_pick(hit.id);
    hover_valid_ = true;
}

void Viewer::handle_click(glm::ivec2 pixel) {
    if (world_->has_user_model()) return;
    const ViewAt v = view_at(glm::vec2(pixel));
    const auto hit = renderer_->pick(*v.frame, {v.rect.z, v.rect.w}, pixel - glm::ivec2(v.rect.x, v.rect.y));
    select(world_->body().decode_pick(hit.id));
}

// [SECTION] Per-frame loop

bool Viewer::needs_continuous_frames() {
    // Anything that moves on its own draws every frame; everything else waits for input.
    auto busy = [&](const char* why) {
        busy_reason_ = why;
        return true;
    };
    if (options_.quit_after_frames > 0) return busy("counting frames (--quit-after-frames)");
    if (!options_.ui_audit.empty()) return busy("the interface audit (--ui-audit)");
    if (!options_.export_video.empty()) return busy("a video export (--export-video)");
    if (const auto job = panels_.job(); job && job->next_frame_s <= 0.0) return busy(job->what);
    if (camera_.animating() || camera_input_.dragging()) return busy("the camera moves");
    if (posture_moving_) return busy("the posture glides");
    if (stretch_ && stretch_->active() && (!stretch_->showing_clip() || stretch_->player().playing() || stretch_->player().crossfade_weight() < 1.0f))
        return busy("a stretch plays");
    busy_reason_ = "";
    return false;
}

double Viewer::next_timer_s(double now) const {
    double next = 1e9;
    constexpr double shader_poll_interval_s = 0.5;  // hot reload without hammering the disk
    next = std::min(next, last_shader_poll_s_ + shader_poll_interval_s - now);
    if (!notifications_.empty()) next = std::min(next, notifications_.front().until_s - now);
    constexpr double hover_rest_s = 0.12;  // update_hover's
    if (!hover_valid_) next = std::min(next, mouse_still_since_s_ + hover_rest_s - now);
    if (ImGui::GetIO().WantTextInput) next = std::min(next, 0.5);  // the text cursor blinks
    if (options_.quit_after_s > 0.0) next = std::min(next, start_s_ + options_.quit_after_s - now);
    if (autosaver_)
        if (const double due = autosaver_->seconds_until_due(now); due >= 0.0) next = std::min(next, due);
    if (const auto job = panels_.job()) next = std::min(next, job->next_frame_s);  // a panel's job: a handout being written
    if (body_job_) next = std::min(next, 0.1);                                     // the patient's body being built: its progress
    return std::max(next, 0.0);
}

int Viewer::run() {
    double last = platform::now_s();
    start_s_ = last;
    int frame_count = 0;
    int exit_code = 0;
    // ImGui settles a change over a frame or two (a popup sizes itself, hover moves): every event
    // is followed by a few frames.
    constexpr int frames_after_event = 3;
    int frames_owed = frames_after_event;
    // ImGui 1.86 reads input once a frame, so input faster than a frame (a quick tap, a scripted
    // Ctrl+A whose Ctrl is released before the A, a move and a click at once) would reach it as a
    // key never down, a shortcut without its Ctrl, or a click on whatever was under the mouse the
    // frame before. So a key release after a key press, a button press after a move and a button
    // release after a press wait for the next frame, with every event after them, in order.
    std::vector<SDL_Event> held;
    bool key_pressed = false, mouse_moved = false, button_pressed = false;  // this frame
    auto dispatch = [&](const SDL_Event& ev) {
        const bool wait = (ev.type == SDL_KEYUP && key_pressed) || (ev.type == SDL_MOUSEBUTTONDOWN && mouse_moved) ||
                          (ev.type == SDL_MOUSEBUTTONUP && button_pressed);
        if (!held.empty() || wait) {
            held.push_back(ev);
            return;
        }
        key_pressed = key_pressed || ev.type == SDL_KEYDOWN;
        mouse_moved = mouse_moved || ev.type == SDL_MOUSEMOTION;
        button_pressed = button_pressed || ev.type == SDL_MOUSEBUTTONDOWN;
        handle_event(ev);
    };
    while (running_) {
        SDL_Event e;
        bool woke_by_event = false;
        key_pressed = mouse_moved = button_pressed = false;
        if (!held.empty()) {
            std::vector<SDL_Event> due;
            due.swap(held);
            for (const auto& ev : due) dispatch(ev);
            woke_by_event = true;
        }
        if (!woke_by_event && frames_owed <= 0 && !needs_continuous_frames()) {
            const double now = platform::now_s();
            const double wait_s = next_timer_s(now);
            idle_ = true;
            const int wait_ms = static_cast<int>(std::ceil(std::min(wait_s, 1.0) * 1000.0));
            if (wait_ms > 0 && SDL_WaitEventTimeout(&e, wait_ms)) {
                dispatch(e);
                woke_by_event = true;
            }
            idle_s_ += platform::now_s() - now;
            last = platform::now_s();  // the wait is not an animation step
        }
        const double frame_start = platform::now_s();
        while (SDL_PollEvent(&e)) {
            dispatch(e);
            woke_by_event = true;
        }
        if (woke_by_event) frames_owed = frames_after_event;
        const double after_events = platform::now_s();
        // Time is up: close, after one last frame for the screenshot if one is asked for.
        bool last_frame = false;
        if (options_.quit_after_s > 0.0 && after_events - start_s_ >= options_.quit_after_s) {
            if (options_.ui_screenshot.empty()) running_ = false;
            last_frame = true;
            frames_owed = std::max(frames_owed, 1);
        }
        if (!running_) break;

        if (pending_font_rebuild_) {
            settings_.ui_scale = pending_scale_;
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            fonts_ = load_fonts(settings_.ui_scale);
            apply_theme(settings_.ui_scale);
            ImGui_ImplOpenGL3_CreateFontsTexture();
            ui_layer_->invalidate();  // the atlas may come back under the same texture name
            pending_font_rebuild_ = false;
        }

        const double now = platform::now_s();
        constexpr double shader_poll_interval_s = 0.5;  // hot reload without hammering the disk
        if (now - last_shader_poll_s_ > shader_poll_interval_s) {
            last_shader_poll_s_ = now;
            if (shaders_->poll_reload()) {
                notify("Shaders reloaded", false);
                frames_owed = std::max(frames_owed, 1);
            }
        }
        update_autosave(now);  // writes a few seconds after a change; may notify
        if (body_job_) {
            poll_body_rebuild();                     // swaps the patient's body in when its bones are made
            frames_owed = std::max(frames_owed, 1);  // the progress bar moves
        }
        for (const auto& entry : core::take_new_log_entries()) {
            notify(entry.text, entry.level == core::LogLevel::error);
            frames_owed = frames_after_event;
        }
        // Timers that change the picture: a notification expiring, the hover pick after the mouse
        // rests, the text cursor.
        if (!notifications_.empty() && notifications_.front().until_s <= now) frames_owed = std::max(frames_owed, 1);
        if (!hover_valid_ && now - mouse_still_since_s_ >= 0.12) frames_owed = std::max(frames_owed, 1);
        if (panels_.job()) frames_owed = std::max(frames_owed, 1);  // the panel's tick looks after its job
        if (ImGui::GetIO().WantTextInput) frames_owed = std::max(frames_owed, 1);
        if (frames_owed <= 0 && !needs_continuous_frames()) continue;  // woke for a timer with nothing to show
        idle_ = false;
        --frames_owed;

        const float dt = static_cast<float>(std::min(now - last, 0.1));
        last = now;
        frame_ms_.push_back(dt * 1000.0f);
        while (frame_ms_.size() > 240) frame_ms_.pop_front();

        camera_.update(dt);
        posture_moving_ = posture_->update(dt);
        update_stretch(dt);
        update_hover(now);
        const double after_update = platform::now_s();

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        // The mouse where SDL's events put it (as the 3D view reads it): the backend asks the X
        // server instead, which under a captured drag without a window manager kept reporting the
        // press point, so a marker or slider dragged did not follow the mouse.
        if (SDL_GetMouseFocus() == window_->sdl() || SDL_GetMouseState(nullptr, nullptr) != 0) {
            int mx = 0, my = 0;
            SDL_GetMouseState(&mx, &my);
            ImGui::GetIO().MousePos = ImVec2(static_cast<float>(mx), static_cast<float>(my));
        }
        ImGui::NewFrame();
        const bool audited = audit_frame_begin(audit_frame_);
        draw_ui();
        if (audited) audit_frame_end(audit_frame_);
        if (!options_.ui_audit.empty()) ++audit_frame_;
        ImGui::Render();

        const double before_views = platform::now_s();
        render_views();
        const double after_views = platform::now_s();
        const ImDrawData* ui = ImGui::GetDrawData();
        ui_triangles_ = ui->TotalIdxCount / 3;
        ui_draw_calls_ = 0;
        for (int l = 0; l < ui->CmdListsCount; ++l) ui_draw_calls_ += ui->CmdLists[l]->CmdBuffer.Size;
        draw_interface(*ui);
        auto smooth = [](float& v, double ms) { v += (static_cast<float>(ms) - v) * 0.1f; };
        smooth(stages_.events, (after_events - frame_start) * 1000.0);
        smooth(stages_.update, (after_update - after_events) * 1000.0);
        smooth(stages_.ui, (before_views - after_update + platform::now_s() - after_views) * 1000.0);
        ++frame_count;
        if ((options_.quit_after_frames > 0 && frame_count >= options_.quit_after_frames) || last_frame) {
            if (!options_.ui_screenshot.empty()) save_window_image(options_.ui_screenshot);
            running_ = false;
        }
        if (!options_.export_video.empty() && video_->scripted_done(exit_code)) running_ = false;
        const double before_present = platform::now_s();
        window_->swap();
        const double end = platform::now_s();
        if (!options_.frame_log.empty()) {
            frame_times_s_.push_back(end - start_s_);
            frame_times_s_.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count());
        }
        smooth(stages_.present, (end - before_present) * 1000.0);
        smooth(stages_.total, (end - frame_start) * 1000.0);
    }
    if (!options_.frame_log.empty()) {
        // Per presented frame: seconds from the loop's start, and the monotonic clock (seconds),
        // which a benchmark shares to time input to the frame that shows it.
        std::string text;
        char line[64];
        for (std::size_t i = 0; i + 1 < frame_times_s_.size(); i += 2) {
            std::snprintf(line, sizeof(line), "%.6f %.6f\n", frame_times_s_[i], frame_times_s_[i + 1]);
            text += line;
        }
        try {
            core::write_file_atomic(options_.frame_log, text);
        } catch (const core::Error& err) {
            core::log_error(err.what());
        }
    }
    clean_exit_ = true;
    // Closed before the scripted export ended: nothing was written.
    if (!options_.export_video.empty() && !video_->scripted_done(exit_code)) exit_code = 1;
    return exit_code;
}

void Viewer::handle_event(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    ImGuiIO& io = ImGui::GetIO();
    if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
        // The backend reads the modifiers as they are now, after every queued event; the event's
        // own are the ones held when this key moved.
        const Uint16 mod = e.key.keysym.mod;
        io.KeyCtrl = (mod & KMOD_CTRL) != 0;
        io.KeyShift = (mod & KMOD_SHIFT) != 0;
        io.KeyAlt = (mod & KMOD_ALT) != 0;
        io.KeySuper = (mod & KMOD_GUI) != 0;
    }
    if (e.type == SDL_QUIT) {
        request_quit();
        return;
    }
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && e.window.windowID == SDL_GetWindowID(window_->sdl())) {
        request_quit();
        return;
    }
    if (e.type == SDL_KEYDOWN && handle_prompt_key(e.key)) return;  // a question is open: it takes Enter and Escape
    if (e.type == SDL_DROPFILE) {
        open_model(e.drop.file);
        SDL_free(e.drop.file);
        return;
    }
    // Shortcuts work whatever was clicked last; they pause only while a text field takes typing.
    if (e.type == SDL_KEYDOWN && !io.WantTextInput) {
        handle_shortcut(e.key);
        return;
    }
    const bool mouse_event = e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEWHEEL;
    if (mouse_event && io.WantCaptureMouse) return;
    const float ratio = window_->pixel_ratio();
    if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT)
        mouse_down_px_ = glm::ivec2(glm::vec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y)) * ratio);
    if (e.type == SDL_MOUSEBUTTONUP && e.button.button == SDL_BUTTON_LEFT && mouse_down_px_.x >= 0) {
        const glm::ivec2 up = glm::ivec2(glm::vec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y)) * ratio);
        constexpr int click_slop_px = 4;  // a click, not a drag
        if (std::abs(up.x - mouse_down_px_.x) <= click_slop_px && std::abs(up.y - mouse_down_px_.y) <= click_slop_px && e.button.clicks == 1)
            handle_click(up);
        mouse_down_px_ = glm::ivec2(-1);
    }
    if ((e.type == SDL_MOUSEMOTION || e.type == SDL_MOUSEBUTTONUP) && !camera_input_.dragging()) return;
    const ViewAt v = view_at(mouse_pixels());
    camera_input_.handle(e, camera_, glm::vec2(v.rect.z, v.rect.w), glm::vec2(v.rect.x, v.rect.y), window_->pixel_ratio(), [&](glm::ivec2 px) {
        return renderer_->pick(*v.frame, {v.rect.z, v.rect.w}, px).world;
    });
}

// [SECTION] Shortcuts

void Viewer::handle_shortcut(const SDL_KeyboardEvent& key) {
    const bool ctrl = (key.keysym.mod & KMOD_CTRL) != 0;
    const bool shift = (key.keysym.mod & KMOD_SHIFT) != 0;
    auto& layers = world_->display.layers;
    if (key.keysym.sym == SDLK_F5) {
        if (presenting_)
            stop_presentation();
        else
            start_presentation();
        return;
    }
    if (presenting_) {
        switch (key.keysym.sym) {
            case SDLK_RIGHT:
            case SDLK_PAGEDOWN:
            case SDLK_SPACE: apply_story_step(story_step_ + 1); return;
            case SDLK_LEFT:
            case SDLK_PAGEUP:
            case SDLK_BACKSPACE: apply_story_step(story_step_ - 1); return;
            case SDLK_ESCAPE: stop_presentation(); return;
            default: break;
        }
    }
    if (handle_stretch_shortcut(key)) return;
    if (key.keysym.sym == SDLK_F7) {
        settings_.show_posture_panel = true;
        select_stretch_tab_ = true;
        return;
    }
    if (key.keysym.sym == SDLK_F6) {
        shown_.compare = shown_.compare == scene::Compare::off                  ? scene::Compare::neutral_vs_current
                         : shown_.compare == scene::Compare::neutral_vs_current ? scene::Compare::before_after
                                                                                : scene::Compare::off;
        after_valid_ = false;
        return;
    }
    if (!ctrl && panels_.handle_key(key.keysym.sym)) return;  // F1, F2, F3, F4, F12
    switch (key.keysym.sym) {
        case SDLK_z:
            if (ctrl && radiograph_->focused()) {  // the measuring window undoes its own points
                shift ? radiograph_->redo() : radiograph_->undo();
                return;
            }
            if (ctrl && shift) {
                if (posture_->redo()) notify("Redo", false);
            } else if (ctrl) {
                if (posture_->undo()) notify("Undo", false);
            }
            return;
        case SDLK_y:
            if (ctrl && radiograph_->focused()) {
                radiograph_->redo();
                return;
            }
            if (ctrl && posture_->redo()) notify("Redo", false);
            return;
        case SDLK_x: layers.xray = !layers.xray; return;
        case SDLK_g: shown_.ghost = !shown_.ghost; return;
        case SDLK_m: shown_.show_overlays = !shown_.show_overlays; return;
        case SDLK_ESCAPE:
            select({});
            layers.isolated_muscles.clear();
            return;
        case SDLK_h:
            if (shift) {
                layers.hidden_muscles.clear();
                layers.hidden_groups.clear();
                layers.isolated_muscles.clear();
            } else if (world_->display.selection.kind == scene::Selection::Kind::muscle) {
                layers.hidden_muscles.insert(world_->display.selection.id);
                select({});
            }
            return;
        case SDLK_i:
            if (world_->display.selection.kind == scene::Selection::Kind::muscle) layers.isolated_muscles = {world_->display.selection.id};
            return;
        case SDLK_c: {
            const int m = (static_cast<int>(world_->display.color_mode) + 1) % 5;
            world_->display.color_mode = static_cast<scene::ColorMode>(m);
            notify(std::string("Colour: ") + scene::color_mode_name(world_->display.color_mode), false);
            return;
        }
        default: break;
    }
    switch (key.keysym.sym) {
        case SDLK_1:
        case SDLK_KP_1: set_view(core::ViewPreset::anterior); break;
        case SDLK_2:
        case SDLK_KP_2: set_view(core::ViewPreset::posterior); break;
        case SDLK_3:
        case SDLK_KP_3: set_view(core::ViewPreset::left); break;
        case SDLK_4:
        case SDLK_KP_4: set_view(core::ViewPreset::right); break;
        case SDLK_5:
        case SDLK_KP_5: set_view(core::ViewPreset::superior); break;
        case SDLK_f:
            if (world_->display.selection.kind != scene::Selection::Kind::none)
                focus_selection();
            else
                frame_all(true);
            break;
        case SDLK_HOME: frame_all(true); break;
        case SDLK_o:
            if (ctrl) open_dialog_.open(FileDialog::Mode::open, "Open model", model_extensions, ".");
            break;
        case SDLK_p:
        case SDLK_s:
            if (ctrl) save_dialog_.open(FileDialog::Mode::save, "Save snapshot (PNG)", {".png"}, ".", "anatomy.png");
            break;
        case SDLK_q:
            if (ctrl) request_quit();
            break;
        case SDLK_EQUALS:
        case SDLK_PLUS:
        case SDLK_KP_PLUS:
            if (ctrl) set_ui_scale(settings_.ui_scale + 0.125f);
            break;
        case SDLK_MINUS:
        case SDLK_KP_MINUS:
            if (ctrl) set_ui_scale(settings_.ui_scale - 0.125f);
            break;
        case SDLK_0:
            if (ctrl) set_ui_scale(1.0f);
            break;
        default: break;
    }
}

// [SECTION] Panels

bool Viewer::begin_column_window(const char* title, bool* open, bool left, float from, float to, float default_width_em) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const float top = vp->Pos.y + ImGui::GetFrameHeight();  // under the menu bar
    const float status = settings_.show_status_bar ? ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y : 0.0f;
    const float height = vp->Size.y - ImGui::GetFrameHeight() - status;
    float& w = column_width_pt_[left ? 0 : 1];
    if (w <= 0.0f) w = default_width_em * em;
    const float y0 = top + height * from, h = height * (to - from);
    const float widest = std::max(em * 14.0f, vp->Size.x * 0.4f);
    w = std::clamp(w, em * 14.0f, widest);
    ImGui::SetNextWindowPos(ImVec2(left ? vp->Pos.x : vp->Pos.x + vp->Size.x, y0), ImGuiCond_Always, ImVec2(left ? 0.0f : 1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 14.0f, h), ImVec2(widest, h));
    ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: nothing shows through, and no 3D is drawn under it
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const bool shown = ImGui::Begin(title, open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    if (shown) audit_capture_window();
    ImGui::PopStyleVar();
    // The width the user dragged to (both windows of the right column follow it).
    column_width_pt_[left ? 0 : 1] = ImGui::GetWindowWidth();
    column_drawn_[left ? 0 : 1] = true;
    if (!shown) ImGui::End();
    return shown;
}

void Viewer::draw_ui() {
    column_drawn_[0] = column_drawn_[1] = false;
    draw_ui_windows();
    // Questions last: ImGui 1.86 asserts when a window appears after a modal that opened earlier in
    // the same frame.
    draw_unsaved_work_prompts();
    for (int i = 0; i < 2; ++i) column_extent_pt_[i] = column_drawn_[i] ? column_width_pt_[i] : 0.0f;
}

void Viewer::draw_ui_windows() {
    PanelContext panel_context;
    panel_context.fonts = &fonts_;
    panel_context.anatomy_shown = !world_->has_user_model();
    panel_context.begin_column = [this](const char* title, bool* open, bool left, float from, float to, float width_em) {
        return begin_column_window(title, open, left, from, to, width_em);
    };
    draw_scene_export_dialog();
    if (presenting_) {
        // Presentation: only the story, the labels and the comparison captions.
        if (!world_->has_user_model()) draw_labels();
        draw_compare_captions();
        draw_presentation();
        draw_notifications();
        panels_.tick(panel_context);  // the windows' jobs go on while the presentation hides them
        return;
    }
    draw_menu_bar();
    if (!world_->has_user_model()) {
        panels_.draw_columns(panel_context);
        draw_stretch_player();
        draw_legend();
        if (shown_.compare == scene::Compare::off) draw_labels();
        draw_compare_captions();
        draw_hover_tooltip();
    }
    draw_profile_dialogs();
    if (settings_.show_status_bar) draw_status_bar();
    panels_.draw_windows(panel_context);
    draw_shader_errors();
    draw_notifications();
    if (settings_.show_axes_gizmo) draw_axes_gizmo();
    if (auto p = open_dialog_.draw()) open_model(*p);
    if (auto p = save_dialog_.draw()) {
        core::fs::path out = *p;
        if (out.extension() != ".png") out += ".png";
        save_screenshot(out);
    }
}

void Viewer::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    audit_capture_window();
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open model...", "Ctrl+O")) open_dialog_.open(FileDialog::Mode::open, "Open model", model_extensions, ".");
        if (ImGui::BeginMenu("Open recent", !settings_.recent_models.empty())) {
            for (const auto& r : settings_.recent_models)
                if (ImGui::MenuItem(r.c_str())) {
                    open_model(r);
                    break;
                }
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem("Show the anatomy", nullptr, false, world_->has_user_model())) {
            world_->clear_user_model();
            frame_all(true);
        }
        ImGui::Separator();
        if (ImGui::MenuItem("New patient profile")) {
            profile_ = {};
            profile_path_.clear();
            set_posture({}, true);
            radiograph_->restore(std::nullopt, {});
            mark_work_saved();  // a fresh profile: nothing in it to lose
            panels_.set_open("Patient profile", true);
        }
        if (ImGui::MenuItem("Open patient profile...")) open_profile_dialog(false);
        if (ImGui::BeginMenu("Open recent profile", !settings_.recent_profiles.empty())) {
            for (const auto& r : settings_.recent_profiles)
                if (ImGui::MenuItem(r.c_str())) {
                    open_profile(r);
                    break;
                }
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem("Save patient profile...")) open_profile_dialog(true);
        if (ImGui::MenuItem("Patient profile and notes")) panels_.set_open("Patient profile", true);
        if (ImGui::MenuItem("Measure a radiograph or photo...")) radiograph_->show();
        ImGui::Separator();
        if (ImGui::MenuItem("Export image...")) panels_.set_open("Export image", true);
        if (ImGui::MenuItem("Export video...")) panels_.set_open("Export video", true);
        if (ImGui::MenuItem("Export handout (PDF)...")) panels_.set_open("Export handout", true);
        if (ImGui::MenuItem("Export 3D scene (glTF)..."))
            scene_dialog_.open(FileDialog::Mode::save, "Export 3D scene (.glb)", {".glb"}, ".", "anatomy.glb");
        if (ImGui::MenuItem("Save snapshot...", "Ctrl+S"))
            save_dialog_.open(FileDialog::Mode::save, "Save snapshot (PNG)", {".png"}, ".", "anatomy.png");
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) request_quit();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo posture change", "Ctrl+Z", false, posture_->can_undo())) posture_->undo();
        if (ImGui::MenuItem("Redo posture change", "Ctrl+Y", false, posture_->can_redo())) posture_->redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Clear selection", "Esc", false, world_->display.selection.kind != scene::Selection::Kind::none)) select({});
        if (ImGui::MenuItem("Show everything", "Shift+H")) {
            world_->display.layers.hidden_muscles.clear();
            world_->display.layers.hidden_groups.clear();
            world_->display.layers.isolated_muscles.clear();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Anterior", "1")) set_view(core::ViewPreset::anterior);
        if (ImGui::MenuItem("Posterior", "2")) set_view(core::ViewPreset::posterior);
        if (ImGui::MenuItem("Left", "3")) set_view(core::ViewPreset::left);
        if (ImGui::MenuItem("Right", "4")) set_view(core::ViewPreset::right);
        if (ImGui::MenuItem("Superior", "5")) set_view(core::ViewPreset::superior);
        if (ImGui::MenuItem("Frame all", "F")) frame_all(true);
        ImGui::Separator();
        panels_.menu_items(Panel::Menu::panels);
        if (ImGui::MenuItem("Stretch library", "F7")) {
            settings_.show_posture_panel = true;
            select_stretch_tab_ = true;
        }
        ImGui::MenuItem("Measurement overlays", "M", &shown_.show_overlays);
        ImGui::MenuItem("Neutral ghost", "G", &shown_.ghost);
        ImGui::MenuItem("Patient mode (plain words)", nullptr, &settings_.patient_mode);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "For showing a patient: everyday names beside the anatomical ones, stretch shown as gentle, moderate\nor "
                "strong, no sources or internal names. The presentation and exports follow it.");
        if (ImGui::BeginMenu("Compare side by side (F6)")) {
            if (ImGui::MenuItem("Off", nullptr, shown_.compare == scene::Compare::off)) shown_.compare = scene::Compare::off;
            if (ImGui::MenuItem("Neutral | current", nullptr, shown_.compare == scene::Compare::neutral_vs_current))
                shown_.compare = scene::Compare::neutral_vs_current;
            if (ImGui::MenuItem("Before | hypothetical longer muscles", nullptr, shown_.compare == scene::Compare::before_after)) {
                shown_.compare = scene::Compare::before_after;
                after_valid_ = false;
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(
                    "What the model shows if a group's resting length were longer.\nStretching programmes have not been shown to "
                    "lengthen muscle: the range gained is mostly tolerance of the stretch.");
            ImGui::Separator();
            ImGui::TextDisabled("Hypothetically lengthen");
            for (auto g : biomech::all_posture_groups) {
                if (biomech::is_strength_group(g)) continue;
                const std::string id = biomech::posture_group_id(g);
                std::string label = biomech::posture_group_name(g);
                label = label.substr(0, label.rfind(" tightness"));
                if (ImGui::MenuItem(label.c_str(), nullptr, shown_.programme.group == id)) {
                    shown_.programme.group = id;
                    after_valid_ = false;
                }
            }
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
            if (ImGui::SliderFloat("by", &shown_.programme.lengthen_percent, 1.0f, 25.0f, "%.0f %%")) after_valid_ = false;
            if (ImGui::MenuItem("Measured effect of stretching")) {
                shown_.programme.lengthen_percent =
                    biomech::percent_for_tilt_change(posture_->solver(), posture_->settings(), shown_.programme.group,
                                                     -biomech::measured_stretching_tilt_change_deg, &posture_->target());
                shown_.compare = scene::Compare::before_after;
                after_valid_ = false;
            }
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(
                    "Sets the lengthening that changes standing tilt by about 1 degree,\nthe change measured after hip flexor "
                    "stretching (Preece et al. 2021).");
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem("Presentation", "F5")) start_presentation();
        ImGui::MenuItem("X-ray (ghost the rest)", "X", &world_->display.layers.xray);
        ImGui::Separator();
        ImGui::MenuItem("Floor and shadow", nullptr, &settings_.show_floor);
        ImGui::MenuItem("Axes gizmo", nullptr, &settings_.show_axes_gizmo);
        ImGui::MenuItem("Status bar", nullptr, &settings_.show_status_bar);
        panels_.menu_items(Panel::Menu::tools);
        ImGui::MenuItem("Antialiasing (FXAA)", nullptr, &settings_.fxaa);
        ImGui::Separator();
        float scale = settings_.ui_scale;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::SliderFloat("UI scale", &scale, 0.75f, 3.0f, "%.2fx", ImGuiSliderFlags_AlwaysClamp) && !ImGui::IsItemActive()) set_ui_scale(scale);
        if (ImGui::IsItemDeactivatedAfterEdit()) set_ui_scale(scale);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Size of text and controls (Ctrl+= / Ctrl+- / Ctrl+0)");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        panels_.menu_items(Panel::Menu::help);
        ImGui::EndMenu();
    }
    // Quick view buttons on the right of the menu bar.
    struct ViewButton {
        const char* label;
        const char* tip;
        core::ViewPreset view;
    };
    const ViewButton buttons[] = {{"Ant", "Anterior view (1)", core::ViewPreset::anterior},
                                  {"Post", "Posterior view (2)", core::ViewPreset::posterior},
                                  {"Left", "Left side (3)", core::ViewPreset::left},
                                  {"Right", "Right side (4)", core::ViewPreset::right},
                                  {"Sup", "Superior view (5)", core::ViewPreset::superior}};
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = ImGui::CalcTextSize("Frame").x + style.FramePadding.x * 2;
    for (const auto& b : buttons) width += ImGui::CalcTextSize(b.label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    ImGui::SameLine(ImGui::GetWindowWidth() - width - style.WindowPadding.x - style.ItemSpacing.x);
    for (const auto& b : buttons) {
        if (ImGui::SmallButton(b.label)) set_view(b.view);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", b.tip);
        ImGui::SameLine();
    }
    if (ImGui::SmallButton("Frame")) frame_all(true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frame everything (F)");
    ImGui::EndMainMenuBar();
}

void Viewer::draw_legend() {
    const auto mode = world_->display.color_mode;
    if (mode == scene::ColorMode::anatomical || mode == scene::ColorMode::group) return;
    const float em = ImGui::GetFontSize();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float status = settings_.show_status_bar ? ImGui::GetFrameHeight() * 1.5f : 0.0f;
    const float above_player = player_bar_height_ > 0.0f ? player_bar_height_ + em * 0.4f : 0.0f;
    const ImVec4 sr = scene_rect_points();
    ImGui::SetNextWindowPos(ImVec2(sr.x + sr.z * 0.5f, vp->Pos.y + vp->Size.y - status - em * 0.6f - above_player), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##legend", nullptr, flags)) {
        audit_capture_window();
        const char* title = mode == scene::ColorMode::stretch     ? "Stretch toward the normal end range"
                            : mode == scene::ColorMode::tightness ? "Tightness set in the Posture panel"
                                                                  : "Passive tension (share of the muscle's strength)";
        const char* lo = mode == scene::ColorMode::stretch ? "neutral" : mode == scene::ColorMode::tightness ? "0" : "none";
        const char* hi = mode == scene::ColorMode::stretch ? "end range" : mode == scene::ColorMode::tightness ? "100" : "25 %+";
        ImGui::TextUnformatted(title);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = em * 16, h = em * 0.8f;
        constexpr int steps = 32;
        for (int i = 0; i < steps; ++i) {
            const float t0 = static_cast<float>(i) / steps, t1 = static_cast<float>(i + 1) / steps;
            const glm::vec3 c = scene::heat_color(t0 / (1.0f / 1.2f) > 1.2f ? 1.2f : t0 * 1.2f);
            dl->AddRectFilled(ImVec2(p.x + w * t0, p.y), ImVec2(p.x + w * t1 + 1, p.y + h),
                              ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f)));
        }
        ImGui::Dummy(ImVec2(w, h));
        ImGui::TextDisabled("%s", lo);
        ImGui::SameLine(w - ImGui::CalcTextSize(hi).x + ImGui::GetStyle().WindowPadding.x);
        ImGui::TextDisabled("%s", hi);
    }
    ImGui::End();
}

void Viewer::draw_status_bar() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float h = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - h));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize() * 0.6f, ImGui::GetStyle().WindowPadding.y * 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##status", nullptr, flags)) {
        audit_capture_window();
        float avg = 0.0f;
        for (float ms : frame_ms_) avg += ms;
        avg = frame_ms_.empty() ? 0.0f : avg / static_cast<float>(frame_ms_.size());
        ImGui::Text("%.1f ms  (%.0f fps)", static_cast<double>(avg), avg > 0.0f ? 1000.0 / static_cast<double>(avg) : 0.0);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Average frame time over the last %zu frames", frame_ms_.size());
        ImGui::SameLine(0, ImGui::GetFontSize() * 2);
        ImGui::TextDisabled("%zu triangles, %zu draws", renderer_->stats().triangles, renderer_->stats().draw_calls);
        ImGui::SameLine(0, ImGui::GetFontSize() * 2);
        ImGui::TextDisabled("%s", world_->has_user_model() ? world_->user_model_source().c_str() : "Anatomy");
        const char* hint = "Drag: orbit   Right drag: pan   Wheel: zoom   F1: keys";
        const float hint_w = ImGui::CalcTextSize(hint).x;
        if (ImGui::GetCursorPosX() + hint_w + ImGui::GetFontSize() * 4 < ImGui::GetWindowWidth()) {
            ImGui::SameLine(ImGui::GetWindowWidth() - hint_w - ImGui::GetStyle().WindowPadding.x);
            ImGui::TextDisabled("%s", hint);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

void Viewer::draw_notifications() {
    const double now = platform::now_s();
    while (!notifications_.empty() && notifications_.front().until_s < now) notifications_.pop_front();
    if (notifications_.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const ImVec4 sr = scene_rect_points();  // the 3D view's bottom right, clear of the panels
    ImGui::SetNextWindowPos(ImVec2(sr.x + sr.z - em, vp->Pos.y + vp->Size.y - em * 3), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 10, 0), ImVec2(em * 34, em * 20));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##notifications", nullptr, flags)) {
        audit_capture_window();
        for (const auto& n : notifications_) {
            ImGui::PushStyleColor(ImGuiCol_Text, n.error ? ImVec4(1.0f, 0.55f, 0.45f, 1.0f) : ImVec4(0.85f, 0.92f, 0.85f, 1.0f));
            ImGui::PushTextWrapPos(em * 33);
            ImGui::TextUnformatted(n.text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    ImGui::End();
}

void Viewer::draw_shader_errors() {
    const auto errors = shaders_->errors();
    if (errors.empty()) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 40, ImGui::GetFontSize() * 14), ImGuiCond_Appearing);
    if (ImGui::Begin("Shader errors")) {
        audit_capture_window();
        ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), "A shader failed to reload; the last good version is still in use.");
        ImGui::Separator();
        for (const auto& e : errors) ImGui::TextUnformatted(e.c_str());
    }
    ImGui::End();
}

// [SECTION] Overlays

void Viewer::draw_axes_gizmo() {
    // Anatomical axes in the bottom-left corner: A(nterior) +Z, S(uperior) +Y, L(eft) +X.
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const float status = settings_.show_status_bar ? ImGui::GetFrameHeight() * 1.5f : 0.0f;
    const ImVec2 c(scene_rect_points().x + em * 3.5f, vp->Pos.y + vp->Size.y - status - em * 3.5f);
    const float len = em * 2.4f;
    const glm::mat3 view = glm::mat3(camera_.current().view());
    struct Axis {
        glm::vec3 dir;
        ImU32 color;
        const char* pos;
        const char* neg;
    };
    const Axis axes[] = {{{1, 0, 0}, IM_COL32(230, 90, 80, 255), "L", "R"},
                         {{0, 1, 0}, IM_COL32(120, 200, 110, 255), "S", "I"},
                         {{0, 0, 1}, IM_COL32(90, 150, 235, 255), "A", "P"}};
    dl->AddCircleFilled(c, len * 1.25f, IM_COL32(20, 22, 26, 110), 32);
    for (const auto& a : axes) {
        const glm::vec3 d = view * a.dir;  // camera space: x right, y up
        const ImVec2 tip(c.x + d.x * len, c.y - d.y * len);
        const ImVec2 back(c.x - d.x * len * 0.6f, c.y + d.y * len * 0.6f);
        dl->AddLine(c, back, (a.color & 0x00FFFFFF) | 0x50000000, 1.5f);
        dl->AddText(ImVec2(back.x - em * 0.3f, back.y - em * 0.5f), (a.color & 0x00FFFFFF) | 0x80000000, a.neg);
        dl->AddLine(c, tip, a.color, 2.5f);
        dl->AddCircleFilled(tip, em * 0.55f, a.color, 16);
        dl->AddText(ImVec2(tip.x - em * 0.3f, tip.y - em * 0.5f), IM_COL32(20, 20, 24, 255), a.pos);
    }
}

int run_viewer(const ViewerOptions& options) {
    if (!platform::display_available()) {
        std::cerr << "anatomy: no display found. Render offscreen with `anatomy snapshot -o out.png`, "
                     "or run the viewer under a virtual display with `xvfb-run -a anatomy`.\n";
        return 1;
    }
    Viewer viewer(options);
    return viewer.run();
}

}  // namespace ui
