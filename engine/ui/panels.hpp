// ui/panels.hpp: the viewer's panels that are objects of their own (ui/panel.hpp), each made by
// one function and drawn from what it is given, not from the viewer's fields.
#pragma once

#include "gfx/renderer.hpp"
#include "gfx/ui_layer.hpp"
#include "anim/library.hpp"
#include "scene/bone_set.hpp"
#include "scene/display.hpp"
#include "scene/posed_body.hpp"
#include "scene/posture_state.hpp"
#include "scene/profile.hpp"
#include "scene/shown.hpp"
#include "scene/stretch_state.hpp"
#include "biomech/presets.hpp"
#include "anatomy/muscle_catalogue.hpp"
#include "ui/panel.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ui {

// The body on screen, as the panels read it (it can be rebuilt: ask for it each frame).
struct ShownBody {
    const anat::MuscleCatalogue* catalogue = nullptr;
    const anat::Skeleton* skeleton = nullptr;
    const std::vector<scene::BoneInfo>* bones = nullptr;
    const scene::PosedBody* posed = nullptr;   // the live mechanics
    const anim::Library* stretches = nullptr;  // null: no stretch library loaded
};

// Keyboard shortcuts (F1): the fixed keys of the 3D view, the player and the files, and the
// keys of every panel in `panels`.
std::unique_ptr<Panel> make_shortcuts_panel(const PanelManager& panels);
// About: the version, where the data comes from, the renderer and the settings file.
std::unique_ptr<Panel> make_about_panel(std::string renderer);
// About the model: what the posture model does, its assumptions and what the evidence says.
std::unique_ptr<Panel> make_about_model_panel();
// Safety and red flags (Help): the rule while stretching, the red flags and the conditions, from
// assets/safety/safety.json.
std::unique_ptr<Panel> make_safety_panel();

// Posture and stretches (F2), the left column. Its Posture tab: presets, the tightness and strength
// sliders (undoable), per-muscle fine-tuning, every measure in its overlay's colour with the tilt
// read in plain words, and which overlays and the ghost are shown.
struct PosturePanelDeps {
    std::function<scene::PostureState&()> posture;            // what the sliders set (rebuilt with the body)
    std::function<const anat::MuscleCatalogue&()> catalogue;  // the sliders' muscles
    const std::vector<biomech::PosturePreset>* presets = nullptr;
    const biomech::SpinopelvicMeasures* measures = nullptr;   // the view's live measures
    scene::Shown* shown = nullptr;                            // overlays and the ghost
    std::function<void()> about_model;                        // "About the model"
    std::function<void(const PanelContext&)> draw_stretches;  // the Stretches tab's contents (make_stretches_tab)
    // Set to bring a tab to the front next frame (the panel clears them).
    bool* select_posture_tab = nullptr;
    bool* select_stretch_tab = nullptr;
};
std::unique_ptr<Panel> make_posture_panel(PosturePanelDeps deps);

// The patient profile (File > Patient profile and notes): label, notes, pinned notes, conditions,
// and buttons that save or open the profile's file (the viewer's dialogs).
struct ProfilePanelDeps {
    scene::Profile* profile = nullptr;
    const std::string* path = nullptr;                          // where it was opened or saved; empty: not saved yet
    bool* show_notes = nullptr;                                 // pinned notes drawn in the 3D view
    std::function<std::string(const scene::Selection&)> label;  // a pinned note's muscle or bone
    std::function<void()> save, save_as, open;
};
std::unique_ptr<Panel> make_profile_panel(ProfilePanelDeps deps);
// Safety while stretching (panel_safety.cpp), from assets/safety/safety.json; nothing where it
// failed to load (the stretch library reports the file's problem).
void draw_safety_rule();  // the rule shown with every stretch
// The stretch's precautions: first those that apply to the patient's `conditions`, then all of
// them under a header with a button to the Safety and red flags window.
void draw_stretch_precautions(const anim::StretchInfo& info, const std::vector<std::string>& conditions, const std::function<void()>& open_safety);
// "(modify)" or "(not suitable)" after a stretch's name where the patient's conditions call for it.
void draw_stretch_suitability_tag(const anim::StretchInfo& info, const std::vector<std::string>& conditions);
bool stretch_suits(const anim::StretchInfo& info, const std::vector<std::string>& conditions);
// How far a stretch goes, for patients: "gentle", "moderate", "strong" (past a typical end range).
const char* stretch_words(float relative_elongation);
// The safety file's conditions as check boxes with their descriptions; ticks edit `conditions`.
void draw_condition_checklist(std::vector<std::string>& conditions);

// Add note (the Inspector's button): a question that pins a note to the selected muscle or bone.
struct NotePanelDeps {
    std::function<scene::Selection()> selection;
    std::function<std::string(const scene::Selection&)> label;  // the muscle's or bone's name
    std::vector<scene::Annotation>* annotations = nullptr;      // the profile's, where it pins
};
std::unique_ptr<Panel> make_note_panel(NotePanelDeps deps);

// Export image (File menu): size, transparency, then a file dialog; the viewer renders.
struct ExportImageDeps {
    // Renders the 3D view with its labels at `size` and writes the PNG; throws core::Error.
    std::function<void(const core::fs::path& file, glm::ivec2 size, bool transparent)> export_png;
    std::function<void(const std::string& text, bool error)> notify;
};
std::unique_ptr<Panel> make_export_image_panel(ExportImageDeps deps);

// Export handout (File menu): the stretches and paper of the patient handout; Preview and Save run
// `anatomy handout` as a child process, which the panel polls (Panel::job) and which finishes
// even when the viewer closes.
struct HandoutPanelDeps {
    std::function<scene::Profile()> work;             // the profile with the posture on screen and its measures: page 1
    const scene::Profile* profile = nullptr;          // its conditions and patient's name, read as it draws
    std::function<const anim::Library*()> stretches;  // null: no stretch library loaded
    std::function<void(const std::string& text, bool error)> notify;
    std::string program = "/proc/self/exe";  // the anatomy binary that writes it
};
std::unique_ptr<Panel> make_handout_panel(HandoutPanelDeps deps);

// Export video (File menu): the stretch on screen or the guided story as MP4, GIF or PNG frames,
// with a progress bar and Cancel. The export renders a few frames each UI frame with its own
// world and renderer (sharing the viewer's shaders and GL context), so the view never changes;
// it goes on while the window is closed or the presentation hides it (Panel::job: every frame).
struct VideoPanelDeps {
    gfx::ShaderLibrary* shaders = nullptr;
    std::function<const scene::StretchState*()> stretch;  // null: the library did not load
    std::function<const scene::PostureState&()> posture;  // the tightness a stretch's pelvis gives way to
    std::function<const scene::Display&()> display;       // colour mode and layers, as on screen
    const bool* follow = nullptr;                         // the camera follows a stretch (setting)
    std::function<void(const std::string& text, bool error)> notify;
};
class VideoExportPanel : public Panel {
public:
    explicit VideoExportPanel(VideoPanelDeps deps);
    ~VideoExportPanel() override;  // ends a running export: nothing half-written stays
    std::string_view title() const override { return "Export video"; }
    Menu menu() const override { return Menu::none; }
    void draw(const PanelContext& context, bool& open) override;
    void tick(const PanelContext& context) override;  // advances a running export
    std::optional<Job> job() const override;
    bool running() const;
    // Starts the export --export-video asks for: the stretch on screen (its side and cue), else
    // the story, to `output` at `size` and `fps`. The caller opens the window.
    void start_scripted(const core::fs::path& output, glm::ivec2 size, int fps);
    // The scripted export has ended: true, with 0 when it was written and 1 when not.
    bool scripted_done(int& exit_code) const;
    // Cancels what is unfinished and frees its GL objects (call with the context current).
    void end();

private:
    struct State;
    void start();
    std::unique_ptr<State> st_;
    VideoPanelDeps d_;
};

// The Stretches tab of the Posture and stretches column: the library and the stretch on screen.
// Returns what draws it (PosturePanelDeps::draw_stretches); it keeps its search and filters.
struct StretchesTabDeps {
    std::function<scene::StretchState*()> stretch;                 // null: the library did not load
    const std::string* load_error = nullptr;                       // why it did not
    std::function<ShownBody()> body;                               // names and live mechanics
    std::function<const std::vector<float>&()> posture_tightness;  // the Posture tab's: what tips the pelvis
    const std::vector<std::string>* conditions = nullptr;          // the patient's (profile)
    const bool* patient_mode = nullptr;
    bool* mute_others = nullptr;  // settings it edits
    bool* follow = nullptr;
    std::function<void()> mute_changed;
    std::function<void(int clip)> start;
    std::function<void(const scene::Selection&)> select;  // a meter clicked
    std::function<void()> open_safety;                    // "Red flags and conditions..."
};
std::function<void(const PanelContext&)> make_stretches_tab(StretchesTabDeps deps);

// Layers (F3), the top of the right column: what is shown, each muscle group, the colour mode.
struct LayersPanelDeps {
    scene::Display* display = nullptr;                        // what it changes
    std::function<const anat::MuscleCatalogue&()> catalogue;  // the body's (it can be rebuilt)
    std::function<void(const scene::Selection&)> select;      // a group's "Select"
    const bool* inspector_open = nullptr;                     // the inspector shares the column
};
std::unique_ptr<Panel> make_layers_panel(LayersPanelDeps deps);

// The inspector (F4), the bottom of the right column: search, and the selected muscle's, bone's
// or group's card with the muscle's live length, stretch, passive tension and volume.
struct InspectorPanelDeps {
    scene::Display* display = nullptr;                    // its selection and layers
    std::function<ShownBody()> body;                      // the body on screen (it can be rebuilt)
    std::function<void(const scene::Selection&)> select;  // a search hit, a group's muscle, Hide
    std::function<void()> focus;                          // Focus (F)
    std::function<void(int clip)> start_stretch;          // a stretch found by search
    std::function<void()> add_note;                       // Add note...
    const bool* layers_open = nullptr;                    // the layers share the column
    const bool* patient_mode = nullptr;                   // plain words beside the names
};
std::unique_ptr<Panel> make_inspector_panel(InspectorPanelDeps deps);
// A muscle's name as the interface shows it: with its group's plain words in patient mode.
std::string muscle_name(const anat::MuscleCatalogue& catalogue, const anat::Muscle& m, bool patient_mode);

// Milliseconds per stage of a frame, smoothed. `present`: showing the frame, which on a software
// renderer includes drawing the interface's pixels; `total`: the whole loop.
struct StageTimes {
    float events = 0, update = 0, simulate = 0, geometry = 0, render = 0, ui = 0, present = 0, total = 0;
};
// What the performance window shows, read when it draws.
struct PerformanceReadout {
    std::vector<float> frame_ms;  // recent frames, oldest first
    std::string busy_reason;      // why the loop draws every frame; empty when it waits for events
    double idle_s = 0.0;          // time spent waiting
    StageTimes stages;
    gfx::RenderStats render;
    int ui_triangles = 0, ui_draw_calls = 0;
    bool keep_interface = true;
    gfx::UiLayer::Stats layer;
};
// Performance (F12): the frame-time graph, each stage's time, what was drawn, and the switch
// that keeps the interface's pixels (`set_keep_interface`).
std::unique_ptr<Panel> make_performance_panel(std::function<PerformanceReadout()> read, std::function<void(bool)> set_keep_interface);

}  // namespace ui
