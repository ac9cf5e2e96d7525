// ui/viewer.cpp: the interactive viewer.
//
// [SECTION] Start-up and shutdown
// [SECTION] Per-frame loop
// [SECTION] Shortcuts
// [SECTION] Panels: menu bar, status bar, shortcuts, about, notifications
// [SECTION] Overlays: axes gizmo
#include "ui/viewer.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/world.hpp"
#include "ui/camera_input.hpp"
#include "ui/file_dialog.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"

#include <SDL2/SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <iostream>

namespace ui {

namespace {

const std::vector<std::string> model_extensions = {".glb", ".gltf", ".obj", ".fbx", ".dae", ".stl", ".ply", ".3ds"};

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
    void handle_event(const SDL_Event& e);
    void handle_shortcut(const SDL_KeyboardEvent& key);
    void frame_all(bool animate);
    void set_view(core::ViewPreset v);
    void open_model(const core::fs::path& path);
    void save_screenshot(const core::fs::path& path);
    void set_ui_scale(float scale);
    void save_window_image(const core::fs::path& path);
    void notify(const std::string& text, bool error);

    void draw_ui();
    void draw_menu_bar();
    void draw_status_bar();
    void draw_shortcuts_window();
    void draw_about_window();
    void draw_notifications();
    void draw_shader_errors();
    void draw_axes_gizmo();
    glm::ivec4 scene_viewport() const;

    ViewerOptions options_;
    Settings settings_;
    std::unique_ptr<platform::Window> window_;
    std::unique_ptr<gfx::ShaderLibrary> shaders_;
    std::unique_ptr<gfx::Renderer> renderer_;
    std::unique_ptr<scene::World> world_;
    core::CameraAnimator camera_;
    CameraInput camera_input_;
    FileDialog open_dialog_, save_dialog_;
    gfx::FrameDesc frame_;
    Fonts fonts_;
    std::string ini_path_;
    bool running_ = true;
    bool show_shortcuts_ = false;
    bool show_about_ = false;
    bool pending_font_rebuild_ = false;
    float pending_scale_ = 1.0f;
    double last_shader_poll_s_ = 0.0;
    std::deque<float> frame_ms_;
    std::deque<Notification> notifications_;
};

// [SECTION] Start-up and shutdown

Viewer::Viewer(const ViewerOptions& options) : options_(options) {
    settings_ = load_settings();
    platform::WindowDesc desc;
    desc.title = "Anatomy";
    desc.width = settings_.window_width;
    desc.height = settings_.window_height;
    desc.maximized = settings_.window_maximized;
    window_ = std::make_unique<platform::Window>(desc);
    if (settings_.ui_scale <= 0.0f) settings_.ui_scale = std::clamp(window_->display_dpi_scale(), 1.0f, 3.0f);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    ini_path_ = (core::config_dir() / "imgui.ini").string();
    io.IniFilename = ini_path_.c_str();  // window layout persists between runs
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplSDL2_InitForOpenGL(window_->sdl(), window_->gl_context());
    ImGui_ImplOpenGL3_Init("#version 330 core");
    fonts_ = load_fonts(settings_.ui_scale);
    apply_theme(settings_.ui_scale);

    shaders_ = std::make_unique<gfx::ShaderLibrary>(core::shader_dir());
    renderer_ = std::make_unique<gfx::Renderer>(*shaders_);
    world_ = std::make_unique<scene::World>();
    core::log_info("OpenGL: " + window_->gl_renderer());

    if (!options.model.empty()) open_model(options.model);
    core::OrbitCamera cam;
    cam.set_preset(core::ViewPreset::anterior);
    camera_.set_immediate(cam);
    frame_all(false);
}

Viewer::~Viewer() {
    const auto size = window_->size_points();
    settings_.window_maximized = (SDL_GetWindowFlags(window_->sdl()) & SDL_WINDOW_MAXIMIZED) != 0;
    if (!settings_.window_maximized) {
        settings_.window_width = size.x;
        settings_.window_height = size.y;
    }
    save_settings(settings_);
    ImGui::SaveIniSettingsToDisk(ini_path_.c_str());
    world_.reset();
    renderer_.reset();
    shaders_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
}

glm::ivec4 Viewer::scene_viewport() const {
    const auto px = window_->size_pixels();
    return {0, 0, px.x, px.y};
}

void Viewer::notify(const std::string& text, bool error) {
    constexpr double show_s = 6.0;  // long enough to read two lines
    notifications_.push_back({text, error, platform::now_s() + show_s});
    while (notifications_.size() > 4) notifications_.pop_front();
}

void Viewer::frame_all(bool animate) {
    const core::Bounds b = world_->bounds();
    const auto vp = scene_viewport();
    core::OrbitCamera goal = camera_.goal_view();
    goal.frame_sphere(b.center(), b.radius(), static_cast<float>(vp.z) / static_cast<float>(std::max(vp.w, 1)));
    if (animate) camera_.set_goal(goal);
    else camera_.set_immediate(goal);
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

// [SECTION] Per-frame loop

int Viewer::run() {
    double last = platform::now_s();
    int frame_count = 0;
    while (running_) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) handle_event(e);

        if (pending_font_rebuild_) {
            settings_.ui_scale = pending_scale_;
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            fonts_ = load_fonts(settings_.ui_scale);
            apply_theme(settings_.ui_scale);
            ImGui_ImplOpenGL3_CreateFontsTexture();
            pending_font_rebuild_ = false;
        }

        const double now = platform::now_s();
        const float dt = static_cast<float>(std::min(now - last, 0.1));
        last = now;
        frame_ms_.push_back(dt * 1000.0f);
        while (frame_ms_.size() > 240) frame_ms_.pop_front();

        constexpr double shader_poll_interval_s = 0.5;  // hot reload without hammering the disk
        if (now - last_shader_poll_s_ > shader_poll_interval_s) {
            last_shader_poll_s_ = now;
            if (shaders_->poll_reload()) notify("Shaders reloaded", false);
        }
        for (const auto& entry : core::take_new_log_entries()) notify(entry.text, entry.level == core::LogLevel::error);

        camera_.update(dt);

        frame_ = gfx::FrameDesc{};
        frame_.camera = camera_.current();
        frame_.draw_floor = settings_.show_floor;
        frame_.fxaa = settings_.fxaa;
        world_->build_frame(frame_);

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        draw_ui();
        ImGui::Render();

        const auto vp = scene_viewport();
        renderer_->render(frame_, 0, vp);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame_count;
        if (options_.quit_after_frames > 0 && frame_count >= options_.quit_after_frames) {
            if (!options_.ui_screenshot.empty()) save_window_image(options_.ui_screenshot);
            running_ = false;
        }
        window_->swap();
    }
    return 0;
}

void Viewer::handle_event(const SDL_Event& e) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    const ImGuiIO& io = ImGui::GetIO();
    if (e.type == SDL_QUIT) { running_ = false; return; }
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && e.window.windowID == SDL_GetWindowID(window_->sdl())) {
        running_ = false;
        return;
    }
    if (e.type == SDL_DROPFILE) {
        open_model(e.drop.file);
        SDL_free(e.drop.file);
        return;
    }
    if (e.type == SDL_KEYDOWN && !io.WantCaptureKeyboard) { handle_shortcut(e.key); return; }
    const bool mouse_event = e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEWHEEL;
    if (mouse_event && io.WantCaptureMouse) return;
    if ((e.type == SDL_MOUSEMOTION || e.type == SDL_MOUSEBUTTONUP) && !camera_input_.dragging()) return;
    const auto vp = scene_viewport();
    camera_input_.handle(e, camera_, glm::vec2(vp.z, vp.w), window_->pixel_ratio(), [&](glm::ivec2 px) {
        return renderer_->pick(frame_, {vp.z, vp.w}, px).world;
    });
}

// [SECTION] Shortcuts

void Viewer::handle_shortcut(const SDL_KeyboardEvent& key) {
    const bool ctrl = (key.keysym.mod & KMOD_CTRL) != 0;
    switch (key.keysym.sym) {
        case SDLK_1: case SDLK_KP_1: set_view(core::ViewPreset::anterior); break;
        case SDLK_2: case SDLK_KP_2: set_view(core::ViewPreset::posterior); break;
        case SDLK_3: case SDLK_KP_3: set_view(core::ViewPreset::left); break;
        case SDLK_4: case SDLK_KP_4: set_view(core::ViewPreset::right); break;
        case SDLK_5: case SDLK_KP_5: set_view(core::ViewPreset::superior); break;
        case SDLK_f: case SDLK_HOME: frame_all(true); break;
        case SDLK_F1: show_shortcuts_ = !show_shortcuts_; break;
        case SDLK_o: if (ctrl) open_dialog_.open(FileDialog::Mode::open, "Open model", model_extensions, "."); break;
        case SDLK_p:
        case SDLK_s:
            if (ctrl) save_dialog_.open(FileDialog::Mode::save, "Save snapshot (PNG)", {".png"}, ".", "anatomy.png");
            break;
        case SDLK_q: if (ctrl) running_ = false; break;
        case SDLK_EQUALS: case SDLK_PLUS: case SDLK_KP_PLUS: if (ctrl) set_ui_scale(settings_.ui_scale + 0.125f); break;
        case SDLK_MINUS: case SDLK_KP_MINUS: if (ctrl) set_ui_scale(settings_.ui_scale - 0.125f); break;
        case SDLK_0: if (ctrl) set_ui_scale(1.0f); break;
        default: break;
    }
}

// [SECTION] Panels

void Viewer::draw_ui() {
    draw_menu_bar();
    if (settings_.show_status_bar) draw_status_bar();
    if (show_shortcuts_) draw_shortcuts_window();
    if (show_about_) draw_about_window();
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
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open model...", "Ctrl+O")) open_dialog_.open(FileDialog::Mode::open, "Open model", model_extensions, ".");
        if (ImGui::BeginMenu("Open recent", !settings_.recent_models.empty())) {
            for (const auto& r : settings_.recent_models)
                if (ImGui::MenuItem(r.c_str())) { open_model(r); break; }
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem("Show the anatomy", nullptr, false, world_->has_user_model())) {
            world_->clear_user_model();
            frame_all(true);
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Save snapshot...", "Ctrl+S"))
            save_dialog_.open(FileDialog::Mode::save, "Save snapshot (PNG)", {".png"}, ".", "anatomy.png");
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) running_ = false;
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
        ImGui::MenuItem("Floor and shadow", nullptr, &settings_.show_floor);
        ImGui::MenuItem("Axes gizmo", nullptr, &settings_.show_axes_gizmo);
        ImGui::MenuItem("Status bar", nullptr, &settings_.show_status_bar);
        ImGui::MenuItem("Antialiasing (FXAA)", nullptr, &settings_.fxaa);
        ImGui::Separator();
        float scale = settings_.ui_scale;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::SliderFloat("UI scale", &scale, 0.75f, 3.0f, "%.2fx", ImGuiSliderFlags_AlwaysClamp) && !ImGui::IsItemActive())
            set_ui_scale(scale);
        if (ImGui::IsItemDeactivatedAfterEdit()) set_ui_scale(scale);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Size of text and controls (Ctrl+= / Ctrl+- / Ctrl+0)");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Keyboard shortcuts", "F1")) show_shortcuts_ = true;
        if (ImGui::MenuItem("About")) show_about_ = true;
        ImGui::EndMenu();
    }
    // Quick view buttons on the right of the menu bar.
    struct ViewButton { const char* label; const char* tip; core::ViewPreset view; };
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

void Viewer::draw_shortcuts_window() {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiCond_Appearing);
    if (ImGui::Begin("Keyboard shortcuts", &show_shortcuts_)) {
        const std::pair<const char*, const char*> rows[] = {
            {"Left drag", "Orbit"},
            {"Right or middle drag", "Pan"},
            {"Mouse wheel", "Zoom toward the cursor"},
            {"Double click", "Focus the point under the cursor"},
            {"1 / 2 / 3 / 4 / 5", "Anterior / posterior / left / right / superior"},
            {"F or Home", "Frame everything"},
            {"Ctrl+O", "Open a model"},
            {"Ctrl+S or Ctrl+P", "Save a snapshot (PNG, no UI)"},
            {"Ctrl+= / Ctrl+-", "Larger / smaller UI"},
            {"Ctrl+0", "Reset the UI scale"},
            {"F1", "This window"},
            {"Ctrl+Q", "Quit"},
            {"Drop a file", "Open it"},
        };
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
            for (const auto& [k, what] : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(what);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
}

void Viewer::draw_about_window() {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
    if (ImGui::Begin("About Anatomy", &show_about_)) {
        ImGui::PushFont(fonts_.large);
        ImGui::TextUnformatted("Anatomy");
        ImGui::PopFont();
        ImGui::TextWrapped("A real-time 3D view of the skeleton and the muscles around the hip, for exploring anatomy, "
                           "following stretches and explaining pelvic tilt.");
        ImGui::Separator();
        ImGui::TextDisabled("Renderer: %s", window_->gl_renderer().c_str());
        ImGui::TextDisabled("Settings: %s", settings_path().string().c_str());
    }
    ImGui::End();
}

void Viewer::draw_notifications() {
    const double now = platform::now_s();
    while (!notifications_.empty() && notifications_.front().until_s < now) notifications_.pop_front();
    if (notifications_.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - em, vp->Pos.y + vp->Size.y - em * 3), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 10, 0), ImVec2(em * 34, em * 20));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##notifications", nullptr, flags)) {
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
    const ImVec2 c(vp->Pos.x + em * 3.5f, vp->Pos.y + vp->Size.y - status - em * 3.5f);
    const float len = em * 2.4f;
    const glm::mat3 view = glm::mat3(camera_.current().view());
    struct Axis { glm::vec3 dir; ImU32 color; const char* pos; const char* neg; };
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

}  // namespace

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
