// ui/viewer_impl.hpp: the viewer's state, shared by viewer.cpp and the panel files.
//
// [SECTION] Lifecycle and loop      viewer.cpp
// [SECTION] Posture panel           panel_posture.cpp (also "About the model")
// [SECTION] Layers panel            panel_layers.cpp (also the colour legend)
// [SECTION] Inspector and search    panel_inspector.cpp (also hover tooltips and labels)
#pragma once

#include "biomech/presets.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/overlays.hpp"
#include "scene/posture_state.hpp"
#include "scene/world.hpp"
#include "ui/camera_input.hpp"
#include "ui/file_dialog.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"
#include "ui/viewer.hpp"

#include <deque>
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
    void build_frame(float dt);
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
    void draw_shortcuts_window();
    void draw_about_window();
    void draw_notifications();
    void draw_shader_errors();
    void draw_axes_gizmo();

    // Panels (panel_*.cpp)
    void draw_posture_panel();
    void draw_about_model_window();
    void draw_layers_panel();
    void draw_legend();
    void draw_inspector_panel();
    void draw_hover_tooltip();
    void draw_labels();
    void select(const scene::Selection& s);
    void set_posture(const biomech::PostureSettings& s, bool undoable);

    ViewerOptions options_;
    Settings settings_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<gfx::ShaderLibrary> shaders_;
    std::unique_ptr<gfx::Renderer> renderer_;
    std::unique_ptr<scene::World> world_;
    std::unique_ptr<scene::PostureState> posture_;
    std::vector<biomech::PosturePreset> presets_;
    core::CameraAnimator camera_;
    CameraInput camera_input_;
    FileDialog open_dialog_, save_dialog_;
    gfx::FrameDesc frame_;
    Fonts fonts_;
    std::string ini_path_;

    // What is shown
    scene::OverlayToggles overlays_;
    bool show_overlays_ = true;
    bool show_ghost_ = false;
    scene::OverlaySet overlay_set_;
    biomech::SpinopelvicMeasures measures_;
    scene::Selection hover_;
    glm::ivec2 mouse_down_px_{-1};
    glm::vec2 last_mouse_{-1.0f};
    double mouse_still_since_s_ = 0.0;
    bool hover_valid_ = false;
    char search_[128] = {};
    biomech::PostureSettings drag_start_;
    bool dragging_slider_ = false;

    // Windows
    bool running_ = true;
    bool show_shortcuts_ = false;
    bool show_about_ = false;
    bool show_about_model_ = false;
    bool pending_font_rebuild_ = false;
    float pending_scale_ = 1.0f;
    double last_shader_poll_s_ = 0.0;
    std::deque<float> frame_ms_;
    std::deque<Notification> notifications_;
};

}  // namespace ui
