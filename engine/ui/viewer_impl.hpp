// ui/viewer_impl.hpp: the viewer's state, shared by viewer.cpp and the panel files.
//
// [SECTION] Lifecycle and loop      viewer.cpp
// [SECTION] Posture panel           panel_posture.cpp (a panel object; its Stretches tab is below)
// [SECTION] Layers panel            panel_layers.cpp (also the colour legend)
// [SECTION] Inspector and search    panel_inspector.cpp (also hover tooltips and labels)
// [SECTION] Clinician tools         panel_clinic.cpp (presentation, compare, profiles, notes, image and 3D scene export)
// [SECTION] Stretches               panel_stretches.cpp (control, camera, player bar); the tab: panel_stretch_library.cpp
// [SECTION] Unsaved work            panel_autosave.cpp (autosave, the restore offer, the question at quit)
#pragma once

#include "assets/model.hpp"
#include "biomech/presets.hpp"
#include <imgui.h>
#include "gfx/renderer.hpp"
#include "gfx/ui_layer.hpp"
#include "platform/window.hpp"
#include "scene/overlays.hpp"
#include "scene/posture_state.hpp"
#include "scene/props.hpp"
#include "scene/compose.hpp"
#include "scene/shown.hpp"
#include "scene/stretch_state.hpp"
#include "scene/autosave.hpp"
#include "scene/profile.hpp"
#include "scene/story.hpp"
#include "scene/world.hpp"
#include "ui/camera_input.hpp"
#include "ui/file_dialog.hpp"
#include "ui/panel_radiograph.hpp"
#include "ui/panels.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"
#include "ui/viewer.hpp"

#include <deque>
#include <future>
#include <optional>
#include <memory>

union SDL_Event;
struct SDL_KeyboardEvent;

namespace ui {

struct Notification {
    std::string text;
    bool error = false;
    double until_s = 0.0;
};

class Viewer {
public:
    explicit Viewer(const ViewerOptions& options);
    ~Viewer();
    int run();

private:
    // Lifecycle, input, frame (viewer.cpp)
    void handle_event(const SDL_Event& e);
    void handle_shortcut(const SDL_KeyboardEvent& key);
    void handle_click(glm::ivec2 pixel);
    void update_hover(double now);
    void frame_all(bool animate);
    void focus_selection();
    void set_view(core::ViewPreset v);
    void open_model(const core::fs::path& path);
    void save_screenshot(const core::fs::path& path);
    void set_ui_scale(float scale);
    void save_window_image(const core::fs::path& path);
    void notify(const std::string& text, bool error);
    glm::ivec4 scene_viewport() const;
    glm::vec2 mouse_pixels() const;

    void draw_ui();
    void draw_menu_bar();
    void draw_status_bar();
    void draw_notifications();
    void draw_shader_errors();
    void draw_axes_gizmo();

    // Panels (panel_*.cpp)
    void draw_legend();
    void draw_hover_tooltip();
    void draw_labels();
    void select(const scene::Selection& s);
    void set_posture(const biomech::PostureSettings& s, bool undoable);

    // Stretches (panel_stretches.cpp)
    void draw_stretch_player();
    bool handle_stretch_shortcut(const SDL_KeyboardEvent& key);
    void start_stretch(int index);
    void stop_stretch();
    void set_stretch_side(anim::Side side);
    void update_stretch(float dt);
    // The pose on screen: the stretch demo's while one is shown, else the posture's.
    anat::Pose current_pose() const;

    // Clinician tools (panel_clinic.cpp)
    // The views on screen: one, or two side by side (scene::plan_views) between the panels.
    std::vector<scene::ViewPlan> views() const;
    void render_views();
    // Fills `frame` with one view: its pose, the ghost, props, overlays and the patient's image.
    scene::ComposedView build_view(gfx::FrameDesc& frame, const scene::ViewPlan& view);
    biomech::PostureSettings after_programme() const;
    void draw_compare_captions();
    void start_presentation();
    void stop_presentation();
    void apply_story_step(int index);
    void draw_presentation();
    void draw_profile_dialogs();  // open and save: the File menu, the profile window, the question at quit
    void open_profile_dialog(bool save);
    void aim_teaching_camera();
    // A muscle as the interface names it: with its side, and in patient mode where it is in
    // everyday words ("Psoas major (front of the hip, right)").
    std::string muscle_name(const anat::Muscle& m) const;
    // A selection as the interface names it (muscle_name, "Hip bone (right)", a group's name).
    std::string selection_label(const scene::Selection& s) const;
    // File > Export image (a panel object): the 3D view with its labels, written as a PNG.
    void export_image(const core::fs::path& file, glm::ivec2 size, bool transparent);
    void open_profile(const core::fs::path& path);
    void save_profile_to(const core::fs::path& path);
    std::vector<scene::OverlayLabel> annotation_labels() const;

    ViewerOptions options_;
    Settings settings_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<gfx::ShaderLibrary> shaders_;
    std::unique_ptr<gfx::Renderer> renderer_;
    std::unique_ptr<scene::World> world_;
    std::unique_ptr<scene::PostureState> posture_;
    std::vector<biomech::PosturePreset> presets_;
    core::CameraAnimator camera_;
    core::TargetFollower stretch_follower_;  // the camera's follow during a stretch
    CameraInput camera_input_;
    FileDialog open_dialog_, save_dialog_;
    gfx::FrameDesc frame_;
    Fonts fonts_;
    std::string ini_path_;

    // What is shown
    scene::Shown shown_;  // overlays, ghost, comparison and programme
    scene::OverlaySet overlay_set_;
    biomech::SpinopelvicMeasures measures_;
    scene::Selection hover_;
    glm::ivec2 mouse_down_px_{-1};
    glm::vec2 last_mouse_{-1.0f};
    double mouse_still_since_s_ = 0.0;
    bool hover_valid_ = false;

    // Clinician tools
    biomech::PostureResult after_result_;
    biomech::PostureSettings after_settings_key_;
    bool after_valid_ = false;
    biomech::SpinopelvicMeasures left_measures_;
    bool presenting_ = false;
    scene::Story story_;
    int story_step_ = 0;
    scene::Profile profile_;  // notes, annotations and patient label
    std::string profile_path_;
    bool show_notes_ = true;
    FileDialog profile_open_dialog_, profile_save_dialog_;

    // Stretches
    std::unique_ptr<scene::StretchState> stretch_;  // null when the library failed to load
    std::unique_ptr<scene::PropRenderer> props_;
    std::string stretch_error_;
    bool select_stretch_tab_ = false, select_posture_tab_ = false;
    std::set<std::string> emphasised_before_stretch_;
    float player_bar_height_ = 0.0f;
    bool scrubbing_ = false, was_playing_before_scrub_ = false;

    // Performance overlay: per-stage times (ms), smoothed, and the frame-time history.
    StageTimes stages_;
    bool show_performance_ = false;  // the performance panel's open state (it times the stages then)
    // The windows that are objects (ui/panel.hpp): their menu items, keys and open state.
    PanelManager panels_;
    void add_panels();
    ShownBody shown_body() const;  // what the panels read of the body on screen
    PerformanceReadout performance_readout() const;

    // Windows
    bool running_ = true;
    bool pending_font_rebuild_ = false;
    float pending_scale_ = 1.0f;
    double last_shader_poll_s_ = 0.0;
    std::deque<float> frame_ms_;
    // Idle: the loop waits for events while nothing moves (viewer.cpp, "Per-frame loop").
    bool needs_continuous_frames();         // and says why in busy_reason_
    double next_timer_s(double now) const;  // when a timer wants a frame (seconds from now; large: none)
    bool idle_ = false;                     // the last wait found nothing to draw
    const char* busy_reason_ = "";          // why the loop draws continuously (performance window)
    double idle_s_ = 0.0;                   // time spent waiting, for the skipped-frame count
    std::vector<double> frame_times_s_;     // presented frames (with --frame-log): pairs of loop time, monotonic time
    bool posture_moving_ = false;
    int ui_triangles_ = 0, ui_draw_calls_ = 0;  // ImGui's draw data, for the performance window
    // The interface's pixels kept between frames (gfx/ui_layer.hpp): only what changed is drawn
    // again. Off (the performance window's check box), ImGui's own backend draws every triangle.
    void draw_interface(const ImDrawData& data);
    // The measuring window's image behind the model in side views (panel_clinic.cpp).
    void append_underlay(gfx::FrameDesc& frame) const;
    std::unique_ptr<gfx::UiLayer> ui_layer_;
    bool keep_interface_ = true;
    double start_s_ = 0.0;
    // Panels are full-height columns at the window's sides; the 3D view lies between them
    // (viewer.cpp, "Panels"). Widths in ImGui points: the user's (resizable), and what the
    // columns covered last frame (0: no panel on that side).
    // Begin() of a column panel: on the `left` or right, from `from` to `to` of the column's height.
    // Returns false (with End() called) when the window is not drawn this frame.
    bool begin_column_window(const char* title, bool* open, bool left, float from, float to, float default_width_em);
    void draw_ui_windows();
    float column_width_pt_[2] = {0.0f, 0.0f};
    float column_extent_pt_[2] = {0.0f, 0.0f};
    bool column_drawn_[2] = {false, false};
    // The 3D view's rectangle in ImGui points (top-left origin): between the columns.
    ImVec4 scene_rect_points() const;
    // The view under a window pixel (top-left origin, drawable pixels): its rectangle (x from the
    // left, y from the top, width, height) and the frame drawn there (compare has two).
    struct ViewAt {
        glm::ivec4 rect{0};
        const gfx::FrameDesc* frame = nullptr;
    };
    ViewAt view_at(glm::vec2 px) const;
    gfx::FrameDesc left_frame_;  // compare's left view
    scene::Layers layers_before_presentation_;
    std::deque<Notification> notifications_;

    // File > Export video (panel_video.cpp): a panel the manager owns; --export-video drives it.
    VideoExportPanel* video_ = nullptr;

    // Unsaved work (panel_autosave.cpp). The work is the profile with the posture on screen; it
    // is unsaved while it differs from saved_work_ (the profile as opened or saved, or a fresh
    // start's). The autosaver keeps a copy in the state folder; a crash leaves it for the next
    // start, which offers it back; a clean exit removes it.
    scene::Profile current_work() const;
    bool has_unsaved_work() const;
    // Closing would lose something a user typed or a profile's changes: ask first.
    bool quit_needs_question() const;
    void request_quit();  // the window's close button, Ctrl+Q, File > Quit
    void update_autosave(double now);
    void draw_unsaved_work_prompts();
    bool handle_prompt_key(const SDL_KeyboardEvent& key);  // Enter and Escape answer an open question
    void restore_autosave();
    void mark_work_saved();  // after open or save: the work is in its file
    std::unique_ptr<scene::Autosaver> autosaver_;
    scene::Profile saved_work_;
    std::optional<scene::AutosaveRecord> restore_offer_;
    // The interface audit (panel_audit.cpp; ViewerOptions::ui_audit)
    int audit_state_count() const;
    void apply_audit_state(int state);
    bool audit_frame_begin(int frame);  // true: this frame's text is captured
    void audit_frame_end(int frame);
    std::string audit_report_, audit_text_;
    int audit_frame_ = 0;

    // File > Export 3D scene (panel_clinic.cpp): the posed body as .glb
    void export_scene_to(const core::fs::path& path);
    void draw_scene_export_dialog();
    FileDialog scene_dialog_;

    // The body rebuilt for a patient's pelvic incidence (panel_clinic.cpp, "Patient's pelvis"):
    // the bones are generated on a worker thread, then swapped in on this one, the posture
    // settings kept.
    struct BodyJob {
        std::future<scene::Body::Parts> parts;
        float pelvic_incidence_deg = 0.0f;
        double started_s = 0.0;
    };
    std::optional<BodyJob> body_job_;
    void start_body_rebuild(float pelvic_incidence_deg);
    void poll_body_rebuild();

    // File > Measure a radiograph or photo (panel_radiograph.cpp): a panel the manager owns.
    RadiographPanel* radiograph_ = nullptr;
    std::shared_ptr<assets::Model> skeleton_model_;  // for Export 3D scene, loaded on first use
    bool quit_question_ = false;
    bool quit_after_save_ = false;
    bool clean_exit_ = false;
};

}  // namespace ui
