// ui/panel_help.cpp: the Help menu's windows: keyboard shortcuts, about the app, about the model.
#include "core/files.hpp"
#include "core/version.hpp"
#include "ui/panels.hpp"
#include "ui/settings.hpp"

#include <imgui.h>

#include <utility>

namespace ui {

namespace {

void heading(const PanelContext& context, const char* text) {
    ImGui::PushFont(context.fonts->large);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

static constexpr std::pair<const char*, const char*> fixed[] = {
    {"Left drag", "Orbit"},
    {"Right or middle drag", "Pan"},
    {"Mouse wheel", "Zoom toward the cursor"},
    {"Double click", "Focus the point under the cursor"},
    {"1 / 2 / 3 / 4 / 5", "Anterior / posterior / left / right / superior"},
    {"F", "Focus the selection (or frame everything)"},
    {"Home", "Frame everything"},
    {"Click", "Select a muscle or bone"},
    {"Esc", "Clear the selection and isolation"},
    {"I / H / Shift+H", "Isolate / hide the selected muscle / show everything"},
    {"X", "X-ray: ghost everything but the selection"},
    {"C", "Next colour mode"},
    {"M / G", "Measurement overlays / neutral ghost"},
    {"Ctrl+Z / Ctrl+Y", "Undo / redo a posture change"},
    {"F7", "The stretch library"},
    {"Space (stretch)", "Play or pause the stretch"},
    {"N / R (stretch)", "Next phase / back to the start"},
    {"Left / Right (stretch)", "Scrub 2 s back / forward"},
    {"[ / ] (stretch)", "Half / double speed (0.25x to 2x)"},
    {"L / S (stretch)", "Loop / switch the side stretched"},
    {"T / V (stretch)", "Posterior-tilt cue / camera follows"},
    {"Backspace (stretch)", "Stop: back to the standing posture"},
    {"F5", "Presentation (arrows step, Esc leaves)"},
    {"F6", "Compare side by side: neutral | current, before | after"},
    {"Ctrl+O", "Open a model"},
    {"Ctrl+S or Ctrl+P", "Save a snapshot (PNG, no UI)"},
    {"Ctrl+= / Ctrl+-", "Larger / smaller UI"},
    {"Ctrl+0", "Reset the UI scale"},
    {"Ctrl+Q", "Quit"},
    {"Drop a file", "Open it"},
};

class ShortcutsPanel : public Panel {
public:
    explicit ShortcutsPanel(const PanelManager& panels) : panels_(panels) {}
    std::string_view title() const override { return "Keyboard shortcuts"; }
    Menu menu() const override { return Menu::help; }
    SDL_Keycode key() const override { return SDLK_F1; }
    std::string_view key_name() const override { return "F1"; }
    std::string_view key_help() const override { return "This window"; }
    void draw(const PanelContext&, bool& open) override {
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);  // the longest row whole
        if (ImGui::Begin("Keyboard shortcuts", &open)) {
            audit_capture_window();
            if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
                auto row = [](const char* keys, const char* what) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(keys);
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(what);
                };
                for (const auto& [keys, what] : fixed) row(keys, what);
                for (const auto& s : panels_.shortcuts()) row(s.keys.c_str(), s.what.c_str());
                ImGui::EndTable();
            }
        }
        ImGui::End();
    }

private:
    const PanelManager& panels_;
};

class AboutPanel : public Panel {
public:
    explicit AboutPanel(std::string renderer) : renderer_(std::move(renderer)) {}
    std::string_view title() const override { return "About"; }
    Menu menu() const override { return Menu::help; }
    void draw(const PanelContext& context, bool& open) override {
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
        if (ImGui::Begin("About Anatomy", &open)) {
            audit_capture_window();
            heading(context, "Anatomy");
            ImGui::TextWrapped(
                "A real-time 3D view of the skeleton and the muscles around the hip, for exploring anatomy, "
                "following stretches and explaining pelvic tilt.");
            ImGui::Separator();
            ImGui::PushTextWrapPos(0.0f);  // paths and the renderer's name can be long
            ImGui::Text("Version %s (revision %s)", core::version(), core::source_revision());
            ImGui::TextDisabled("Data: %s", core::project_root().string().c_str());
            ImGui::TextDisabled("Renderer: %s", renderer_.c_str());
            ImGui::TextDisabled("Settings: %s", settings_path().string().c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::End();
    }

private:
    std::string renderer_;
};

class AboutModelPanel : public Panel {
public:
    std::string_view title() const override { return "About the model"; }
    Menu menu() const override { return Menu::help; }
    void draw(const PanelContext& context, bool& open) override {
        const float em = ImGui::GetFontSize();
        ImGui::SetNextWindowSize(ImVec2(em * 36, em * 30), ImGuiCond_FirstUseEver);
        if (!ImGui::Begin("About the model", &open)) {
            ImGui::End();
            return;
        }
        audit_capture_window();
        ImGui::PushTextWrapPos(0.0f);
        heading(context, "What the posture model does");
        ImGui::TextWrapped(
            "It finds how a standing body settles when some muscles are set shorter (tighter) or weaker. Each muscle pulls along "
            "the same path you see on screen; a shortened muscle starts to pull earlier and harder as it is stretched. The model "
            "balances those pulls against gravity, a resting tone in the gluteal and abdominal muscles, a springiness of the "
            "lumbar spine, and the way people keep their chest and eyes level. The feet stay where they stand.");
        ImGui::Spacing();
        ImGui::TextUnformatted("Assumptions");
        // Bullets whose text wraps in the window (BulletText does not wrap).
        for (const char* item :
             {"Muscle paths, strengths and fibre lengths come from the published OpenSim gait2392 model, scaled to this skeleton; the abdominal "
              "and quadratus lumborum data come from published lumbar models.",
              "Passive muscle force follows Thelen's curve. Tightness shortens a muscle's resting fibre length.",
              "Both sides move alike, in the side view only (no twisting or side bending).",
              "The lumbar spine's stiffness, the trunk's upright control and the muscles' tone are estimates; neutral settings are calibrated to "
              "give typical adult alignment for the pelvic incidence.",
              "The gluteal and abdominal sliders set a resting pull, a model assumption: in relaxed standing these muscles are nearly silent, "
              "and weakness is not a lower resting pull. Strengthening the abdominals changed strength but not tilt or lordosis in a trial "
              "(Levine 1997)."}) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", item);
        }
        ImGui::Spacing();
        heading(context, "What the evidence says");
        ImGui::TextWrapped(
            "Mechanically, a tight hip flexor can pull the pelvis into anterior tilt and a tight hamstring can pull it into posterior "
            "tilt, mostly near the end of their range: in a lunge, when bending forward, or sitting with straight legs. In relaxed "
            "standing, studies find little or no link between muscle length and pelvic tilt or the depth of the lumbar curve, and "
            "little link between muscle length and back pain, and across people pelvic tilt and the lumbar curve are only weakly "
            "linked. One stretching session changes tilt by only about one degree; stretching programmes improved flexibility "
            "(mostly tolerance of the stretch) without changing muscle length or standing posture.");
        ImGui::Spacing();
        ImGui::TextWrapped(
            "Pelves differ in shape. Held in the same position, different dry pelves read 0 to 23 degrees ASIS-PSIS (13 +/- 5), and "
            "the two sides of one pelvis differed by up to 11 degrees (Preece 2008). That band comes from dry pelves in an "
            "anatomical position, not from standing people.");
        ImGui::Spacing();
        ImGui::TextWrapped(
            "So use this to see how the parts interact, not to diagnose. A forward (anterior) tilt is the norm: most pain-free "
            "adults stand with one (Herrington 2011). No cut-off for \"too much\" tilt has been validated; the app marks a reading "
            "only beyond about two standard deviations, as outside the typical range, never as a fault.");
        ImGui::Spacing();
        ImGui::TextDisabled(
            "Sources: Delp 1990 and the OpenSim gait2392 model; Thelen 2003; Christophy 2012; Lambrecht 2009; "
            "Preece 2008 and 2021; Heino 1990; Youdas 1996; Li 1996; Nourbakhsh 2002; Levine and Whittle 1996; "
            "Le Huec and Hasegawa 2016; Vaz 2002; Herrington 2011; Levine, Walker and Tillman 1997.");
        ImGui::PopTextWrapPos();
        ImGui::End();
    }
};

}  // namespace

std::unique_ptr<Panel> make_shortcuts_panel(const PanelManager& panels) { return std::make_unique<ShortcutsPanel>(panels); }
std::unique_ptr<Panel> make_about_panel(std::string renderer) { return std::make_unique<AboutPanel>(std::move(renderer)); }
std::unique_ptr<Panel> make_about_model_panel() { return std::make_unique<AboutModelPanel>(); }

}  // namespace ui
