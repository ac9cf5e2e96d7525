// Panels as objects: the manager opens and closes them by key and menu, keeps their open state
// (or a setting's), draws only the open ones in their place, and the shortcut window lists every
// panel's key. Run over an ImGui context with no GL: layout and text only.
#include "ui/panel.hpp"
#include "ui/handout.hpp"
#include "ui/panels.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "anim/safety.hpp"
#include "scene/posed_body.hpp"
#include "scene/posture_state.hpp"
#include "scene/stretch_state.hpp"

#include <gtest/gtest.h>
#include <algorithm>
#include <imgui.h>

namespace {

struct Counts {
    int draws = 0;
};

class TestPanel : public ui::Panel {
public:
    TestPanel(std::string title, SDL_Keycode key, bool column, bool anatomy, Counts& counts, bool close_when_drawn = false)
        : title_(std::move(title)), key_(key), column_(column), anatomy_(anatomy), counts_(counts), close_(close_when_drawn) {}
    std::string_view title() const override { return title_; }
    SDL_Keycode key() const override { return key_; }
    std::string_view key_name() const override { return key_ == SDLK_UNKNOWN ? "" : "F9"; }
    bool needs_anatomy() const override { return anatomy_; }
    bool column() const override { return column_; }
    void draw(const ui::PanelContext&, bool& open) override {
        ++counts_.draws;
        if (close_) open = false;  // as the window's close button does
    }

private:
    std::string title_;
    SDL_Keycode key_;
    bool column_, anatomy_;
    Counts& counts_;
    bool close_;
};

// One ImGui frame around `draw`, with what the audited windows drew captured as text.
std::string imgui_frame(const std::function<void()>& draw) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1440, 900);
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    std::string text;
    ui::set_audit_capture(&text);
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    ui::set_audit_capture(nullptr);
    ImGui::DestroyContext();
    return text;
}

// The text of the panels' floating windows in one frame.
std::string draw_windows(ui::PanelManager& panels) {
    ui::Fonts fonts;  // the default font for both
    return imgui_frame([&] {
        ui::PanelContext ctx;
        ctx.fonts = &fonts;
        panels.draw_windows(ctx);
    });
}

}  // namespace

TEST(Panels, KeysOpenAndCloseThemAndTheManagerOrASettingKeepsTheState) {
    Counts counts;
    ui::PanelManager panels;
    bool setting = true;
    panels.add(std::make_unique<TestPanel>("Kept", SDLK_F9, false, false, counts));
    panels.add(std::make_unique<TestPanel>("Setting", SDLK_F10, true, false, counts), &setting);
    EXPECT_EQ(panels.size(), 2u);
    EXPECT_FALSE(panels.is_open("Kept")) << "a panel the manager keeps starts closed";
    EXPECT_TRUE(panels.is_open("Setting")) << "a setting's state is the panel's";
    EXPECT_TRUE(panels.handle_key(SDLK_F9));
    EXPECT_TRUE(panels.is_open("Kept"));
    EXPECT_TRUE(panels.handle_key(SDLK_F9));
    EXPECT_FALSE(panels.is_open("Kept"));
    EXPECT_TRUE(panels.handle_key(SDLK_F10));
    EXPECT_FALSE(setting) << "the key writes the setting";
    EXPECT_FALSE(panels.handle_key(SDLK_F11)) << "a key no panel has is left to the viewer";
    EXPECT_FALSE(panels.handle_key(SDLK_UNKNOWN));
    panels.set_open("Setting", true);
    EXPECT_TRUE(setting);
    // The audit opens every window but leaves the columns as they are.
    setting = false;
    panels.set_windows_open(true);
    EXPECT_TRUE(panels.is_open("Kept"));
    EXPECT_FALSE(setting);
}

TEST(Panels, OnlyOpenPanelsAreDrawnInTheirPlaceAndClosingInADrawSticks) {
    Counts column, window, anatomy, closing;
    ui::PanelManager panels;
    bool column_open = true, window_open = true, anatomy_open = true, closing_open = true, closed = false;
    panels.add(std::make_unique<TestPanel>("Column", SDLK_UNKNOWN, true, true, column), &column_open);
    panels.add(std::make_unique<TestPanel>("Window", SDLK_UNKNOWN, false, false, window), &window_open);
    panels.add(std::make_unique<TestPanel>("Anatomy window", SDLK_UNKNOWN, false, true, anatomy), &anatomy_open);
    panels.add(std::make_unique<TestPanel>("Closing", SDLK_UNKNOWN, false, false, closing, true), &closing_open);
    Counts never;
    panels.add(std::make_unique<TestPanel>("Closed", SDLK_UNKNOWN, false, false, never), &closed);
    ui::PanelContext ctx;
    panels.draw_columns(ctx);
    EXPECT_EQ(column.draws, 1);
    EXPECT_EQ(window.draws, 0) << "windows are drawn in their own pass";
    panels.draw_windows(ctx);
    EXPECT_EQ(column.draws, 1);
    EXPECT_EQ(window.draws, 1);
    EXPECT_EQ(anatomy.draws, 1);
    EXPECT_EQ(closing.draws, 1);
    EXPECT_FALSE(closing_open);
    EXPECT_EQ(never.draws, 0);
    // A model file on screen instead of the anatomy: the anatomy's panels are not drawn.
    ctx.anatomy_shown = false;
    panels.draw_columns(ctx);
    panels.draw_windows(ctx);
    EXPECT_EQ(column.draws, 1);
    EXPECT_EQ(anatomy.draws, 1);
    EXPECT_EQ(window.draws, 2);
    EXPECT_EQ(closing.draws, 1) << "closed by its own button";
}

TEST(Panels, TheManagerReportsTheJobThatWantsAFrameSoonestAndTicksWithoutDrawing) {
    // A panel with a job of its own (as the handout's writer), ticked every frame.
    class JobPanel : public ui::Panel {
    public:
        JobPanel(std::optional<double> next, int& ticks, int& draws) : next_(next), ticks_(ticks), draws_(draws) {}
        std::string_view title() const override { return next_ ? "Busy" : "Quiet"; }
        void draw(const ui::PanelContext&, bool&) override { ++draws_; }
        void tick(const ui::PanelContext&) override { ++ticks_; }
        std::optional<Job> job() const override {
            if (!next_) return std::nullopt;
            return Job{*next_ < 0.1 ? "every frame" : "now and then", *next_};
        }

    private:
        std::optional<double> next_;
        int& ticks_;
        int& draws_;
    };
    int ticks = 0, draws = 0;
    ui::PanelManager panels;
    panels.add(std::make_unique<JobPanel>(std::nullopt, ticks, draws));
    EXPECT_FALSE(panels.job().has_value()) << "nothing runs";
    panels.add(std::make_unique<JobPanel>(0.25, ticks, draws));
    ASSERT_TRUE(panels.job().has_value());
    EXPECT_DOUBLE_EQ(panels.job()->next_frame_s, 0.25);
    panels.add(std::make_unique<JobPanel>(0.0, ticks, draws));
    EXPECT_DOUBLE_EQ(panels.job()->next_frame_s, 0.0) << "the soonest";
    EXPECT_STREQ(panels.job()->what, "every frame");
    // tick: every panel, open or not, and no window drawn (the presentation's frames).
    panels.set_windows_open(true);
    ui::PanelContext ctx;
    panels.tick(ctx);
    EXPECT_EQ(ticks, 3);
    EXPECT_EQ(draws, 0);
}

TEST(Panels, TheShortcutWindowListsEveryPanelsKey) {
    Counts counts;
    ui::PanelManager panels;
    panels.add(std::make_unique<TestPanel>("Nine", SDLK_F9, false, false, counts));
    panels.add(std::make_unique<TestPanel>("No key", SDLK_UNKNOWN, false, false, counts));
    panels.add(ui::make_performance_panel([] { return ui::PerformanceReadout{}; }, [](bool) {}));
    panels.add(ui::make_shortcuts_panel(panels));
    const auto keys = panels.shortcuts();
    ASSERT_EQ(keys.size(), 3u);
    EXPECT_EQ(keys[0].keys, "F9");
    EXPECT_EQ(keys[0].what, "Nine");
    EXPECT_EQ(keys[1].keys, "F12");
    EXPECT_EQ(keys[2].keys, "F1");
    EXPECT_TRUE(panels.handle_key(SDLK_F1));
    const std::string text = draw_windows(panels);
    EXPECT_NE(text.find("Performance: frame-time graph"), std::string::npos) << text;
    EXPECT_NE(text.find("Nine"), std::string::npos);
    EXPECT_NE(text.find("Orbit"), std::string::npos) << "the 3D view's fixed keys are listed too";
    EXPECT_NE(text.find("This window"), std::string::npos);
}

TEST(Panels, ThePerformanceWindowShowsWhatItReadsAndSwitchesTheKeptInterface) {
    ui::PanelManager panels;
    ui::PerformanceReadout r;
    r.frame_ms = {10.0f, 20.0f, 30.0f};
    r.busy_reason = "a stretch plays";
    r.stages.render = 12.5f;
    r.keep_interface = true;
    int switched = -1;
    bool open = true;
    panels.add(ui::make_performance_panel([&] { return r; }, [&](bool keep) { switched = keep ? 1 : 0; }), &open);
    const std::string text = draw_windows(panels);
    EXPECT_NE(text.find("avg 20.0 ms, worst 30.0 ms"), std::string::npos) << text;
    EXPECT_NE(text.find("Drawing every frame: a stretch plays"), std::string::npos);
    EXPECT_NE(text.find("12.50 ms"), std::string::npos);
    EXPECT_EQ(switched, -1) << "nothing clicked, nothing switched";
}

TEST(Panels, TheLayersPanelListsTheCataloguesGroupsAndSharesTheColumnWithTheInspector) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    scene::Display display;
    bool inspector = true, open = true;
    std::vector<scene::Selection> selected;
    ui::PanelManager panels;
    panels.add(ui::make_layers_panel({&display, []() -> const anat::MuscleCatalogue& { return catalogue; },
                                      [&](const scene::Selection& s) { selected.push_back(s); }, &inspector}),
               &open);
    float from = -1.0f, to = -1.0f;
    bool left = true;
    ui::Fonts fonts;
    auto frame = [&] {
        return imgui_frame([&] {
            ui::PanelContext ctx;
            ctx.fonts = &fonts;
            ctx.begin_column = [&](const char* title, bool* o, bool l, float f, float t, float) {
                from = f;
                to = t;
                left = l;
                ImGui::SetNextWindowSize(ImVec2(420, 900), ImGuiCond_Always);  // a column's size, as the viewer gives it
                const bool shown = ImGui::Begin(title, o);
                if (shown) ui::audit_capture_window();
                if (!shown) ImGui::End();
                return shown;
            };
            panels.draw_windows(ctx);
            EXPECT_LT(from, 0.0f) << "a column is not drawn with the floating windows";
            panels.draw_columns(ctx);
        });
    };
    std::string text = frame();
    EXPECT_FALSE(left) << "the right column";
    EXPECT_FLOAT_EQ(from, 0.0f);
    EXPECT_FLOAT_EQ(to, 0.5f) << "the top half, the inspector below";
    for (const auto& g : catalogue.groups) EXPECT_NE(text.find(g.name), std::string::npos) << g.name << "\n" << text;
    EXPECT_NE(text.find("Colour muscles (C)"), std::string::npos);
    inspector = false;
    from = to = -1.0f;
    text = frame();
    EXPECT_FLOAT_EQ(to, 1.0f) << "the whole column without the inspector";
    // With a model file on screen the anatomy's layers are not drawn.
    from = -1.0f;
    imgui_frame([&] {
        ui::PanelContext ctx;
        ctx.fonts = &fonts;
        ctx.anatomy_shown = false;
        ctx.begin_column = [&](const char*, bool*, bool, float f, float, float) {
            from = f;
            return false;
        };
        panels.draw_columns(ctx);
    });
    EXPECT_LT(from, 0.0f);
    // Isolation: the count of muscles shown alone.
    display.layers.isolated_muscles = {"psoas_r", "iliacus_r"};
    text = frame();
    EXPECT_NE(text.find("Showing only 2 muscles"), std::string::npos) << text;
    EXPECT_TRUE(selected.empty()) << "nothing clicked, nothing selected";
}

TEST(Panels, TheInspectorShowsTheSelectionsCardFromWhatItIsGiven) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const anat::RigIndex rig(skeleton);
    const scene::PosedBody posed =
        scene::pose_body(skeleton, rig, catalogue, anat::rest_pose(skeleton), std::vector<float>(catalogue.muscles.size(), 0.0f));
    const std::vector<scene::BoneInfo> bones{{"femur_r", skeleton.find_joint("hip_r"), false}};
    scene::Display display;
    bool layers = true, patient = false, open = true;
    ui::InspectorPanelDeps deps;
    deps.display = &display;
    deps.body = [&] { return ui::ShownBody{&catalogue, &skeleton, &bones, &posed, nullptr}; };
    deps.select = [&](const scene::Selection& s) { display.selection = s; };
    deps.focus = [] {};
    deps.start_stretch = [](int) {};
    deps.add_note = [] {};
    deps.layers_open = &layers;
    deps.patient_mode = &patient;
    ui::PanelManager panels;
    panels.add(ui::make_inspector_panel(std::move(deps)), &open);
    float from = -1.0f;
    ui::Fonts fonts;
    auto frame = [&] {
        return imgui_frame([&] {
            ui::PanelContext ctx;
            ctx.fonts = &fonts;
            ctx.begin_column = [&](const char* title, bool* o, bool, float f, float, float) {
                from = f;
                ImGui::SetNextWindowSize(ImVec2(420, 900), ImGuiCond_Always);
                const bool shown = ImGui::Begin(title, o);
                if (shown) ui::audit_capture_window();
                if (!shown) ImGui::End();
                return shown;
            };
            panels.draw_columns(ctx);
        });
    };
    std::string text = frame();
    EXPECT_FLOAT_EQ(from, 0.5f) << "under the layers";
    EXPECT_NE(text.find("Click a muscle or a bone"), std::string::npos) << text;

    // A muscle: its name, live length, volume and the catalogue's texts.
    display.selection = {scene::Selection::Kind::muscle, "psoas_r"};
    text = frame();
    const auto& psoas = catalogue.muscles[static_cast<std::size_t>(catalogue.find("psoas_r"))];
    EXPECT_NE(text.find("Psoas major (right)"), std::string::npos) << text;
    EXPECT_NE(text.find(psoas.origin), std::string::npos);
    char length[64], volume[64];
    std::snprintf(length, sizeof(length), "Length  %.0f mm",
                  static_cast<double>(posed.states[static_cast<std::size_t>(catalogue.find("psoas_r"))].length_m * 1000.0f));
    std::snprintf(volume, sizeof(volume), "Volume  %.0f cm", static_cast<double>(psoas.volume_cm3));
    EXPECT_NE(text.find(length), std::string::npos) << text;
    EXPECT_NE(text.find(volume), std::string::npos) << text;
    // Patient mode names it with its group's plain words.
    patient = true;
    text = frame();
    EXPECT_NE(text.find("Psoas major (front of the hip, right)"), std::string::npos) << text;

    // A group lists its muscles; a bone says what carries it.
    display.selection = {scene::Selection::Kind::group, "hamstrings"};
    text = frame();
    EXPECT_NE(text.find("Semitendinosus (right)"), std::string::npos) << text;
    display.selection = {scene::Selection::Kind::bone, "femur_r"};
    text = frame();
    EXPECT_NE(text.find("Moves with the"), std::string::npos) << text;

    // Without the layers it takes the whole column.
    layers = false;
    frame();
    EXPECT_FLOAT_EQ(from, 0.0f);
}

TEST(Panels, TheSafetyWindowIsAHelpPanelWithTheRuleTheRedFlagsAndTheConditions) {
    ui::PanelManager panels;
    panels.add(ui::make_safety_panel());
    EXPECT_TRUE(draw_windows(panels).empty()) << "closed at first";
    panels.set_open("Safety and red flags", true);
    const std::string text = draw_windows(panels);
    const anim::Safety& safety = anim::default_safety();
    EXPECT_NE(text.find(safety.rule), std::string::npos) << text;
    ASSERT_FALSE(safety.red_flags.empty());
    for (const auto& f : safety.red_flags) EXPECT_NE(text.find(f), std::string::npos) << f;
    for (const auto& c : safety.conditions) EXPECT_NE(text.find(c.name), std::string::npos) << c.name;
    EXPECT_TRUE(panels.is_open("Safety and red flags"));
}

TEST(Panels, ThePostureColumnShowsTheSlidersEveryMeasureInItsOverlaysColourAndBringsTheStretchesTabForward) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    scene::PostureState posture(skeleton, catalogue);
    const std::vector<biomech::PosturePreset> presets = biomech::load_default_presets();
    biomech::SpinopelvicMeasures measures;
    measures.pelvic_tilt_clinical_deg = 27.5f;  // beyond the typical band: read as more forward tilt than most
    measures.lumbar_lordosis_deg = 61.2f;
    scene::Shown shown;
    bool to_posture = false, to_stretches = false, open = true;
    int stretches_drawn = 0, about = 0;
    ui::PosturePanelDeps deps;
    deps.posture = [&]() -> scene::PostureState& { return posture; };
    deps.catalogue = [&]() -> const anat::MuscleCatalogue& { return catalogue; };
    deps.presets = &presets;
    deps.measures = &measures;
    deps.shown = &shown;
    deps.about_model = [&] { ++about; };
    deps.draw_stretches = [&](const ui::PanelContext&) {
        ++stretches_drawn;
        ImGui::TextUnformatted("the stretch library");
    };
    deps.select_posture_tab = &to_posture;
    deps.select_stretch_tab = &to_stretches;
    ui::PanelManager panels;
    panels.add(ui::make_posture_panel(std::move(deps)), &open);
    EXPECT_EQ(panels.shortcuts().back().keys, "F2");

    // Several frames in one context: a tab chosen in code comes forward on a later frame.
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1440, 900);
    io.IniFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::Fonts fonts;
    bool left = false;
    auto frame = [&] {
        std::string text;
        ui::set_audit_capture(&text);
        ImGui::NewFrame();
        ui::PanelContext ctx;
        ctx.fonts = &fonts;
        ctx.begin_column = [&](const char* title, bool* o, bool on_left, float, float, float) {
            left = on_left;
            ImGui::SetNextWindowSize(ImVec2(420, 900), ImGuiCond_Always);
            const bool drawn = ImGui::Begin(title, o);
            if (drawn) ui::audit_capture_window();
            if (!drawn) ImGui::End();
            return drawn;
        };
        panels.draw_columns(ctx);
        ImGui::Render();
        ui::set_audit_capture(nullptr);
        return text;
    };
    std::string text = frame();
    EXPECT_TRUE(left) << "the left column";
    EXPECT_EQ(stretches_drawn, 0) << "the Posture tab is in front at first";
    for (auto g : biomech::all_posture_groups) EXPECT_NE(text.find(biomech::posture_group_name(g)), std::string::npos) << text;
    for (const auto& info : biomech::measure_table()) {
        if (std::string(info.key) == "knee_flexion_deg") continue;
        EXPECT_NE(text.find(info.label), std::string::npos) << info.label;
    }
    EXPECT_NE(text.find("27.5"), std::string::npos) << text;
    EXPECT_NE(text.find("61.2"), std::string::npos) << text;
    EXPECT_NE(text.find(biomech::read_clinical_tilt(27.5f).words), std::string::npos) << text;

    // A preset's settings name it and show its description.
    const auto* tight = biomech::find_preset(presets, "tight_hip_flexors");
    ASSERT_NE(tight, nullptr);
    posture.set_settings(tight->settings, true);
    text = frame();
    EXPECT_NE(text.find(tight->description), std::string::npos) << text;

    // Bringing the Stretches tab forward draws the viewer's stretch library in it, once asked.
    to_stretches = true;
    for (int i = 0; i < 3; ++i) text = frame();
    EXPECT_FALSE(to_stretches) << "the request is taken";
    EXPECT_GT(stretches_drawn, 0);
    EXPECT_NE(text.find("the stretch library"), std::string::npos) << text;
    EXPECT_EQ(text.find(biomech::posture_group_name(biomech::all_posture_groups[0])), std::string::npos) << "one tab at a time";
    to_posture = true;
    const int before = stretches_drawn;
    for (int i = 0; i < 3; ++i) text = frame();
    EXPECT_LE(stretches_drawn - before, 1) << "back on the Posture tab";
    EXPECT_NE(text.find(biomech::posture_group_name(biomech::all_posture_groups[0])), std::string::npos) << text;
    ImGui::DestroyContext();
    EXPECT_EQ(about, 0);
}

TEST(Panels, TheProfileWindowShowsThePatientsNotesPinnedNotesAndConditions) {
    scene::Profile profile;
    profile.patient = "J. Doe";
    profile.notes = "Sits all day at a desk.";
    profile.annotations.push_back({scene::Annotation::Target::muscle, "psoas_r", "tight on the right"});
    const std::string path;  // not saved yet
    bool show_notes = true;
    std::vector<std::string> labelled;
    ui::ProfilePanelDeps deps;
    deps.profile = &profile;
    deps.path = &path;
    deps.show_notes = &show_notes;
    deps.label = [&](const scene::Selection& s) {
        labelled.push_back(s.id);
        return std::string("Psoas major (right)");
    };
    deps.save = deps.save_as = deps.open = [] {};
    ui::PanelManager panels;
    panels.add(ui::make_profile_panel(std::move(deps)));
    EXPECT_TRUE(draw_windows(panels).empty()) << "closed until File opens it";
    EXPECT_TRUE(panels.shortcuts().empty()) << "no key of its own";
    panels.set_open("Patient profile", true);
    const std::string text = draw_windows(panels);
    EXPECT_NE(text.find("Not saved yet"), std::string::npos) << text;
    EXPECT_NE(text.find("Sits all day at a desk."), std::string::npos) << text;
    EXPECT_NE(text.find("Psoas major (right): tight on the right"), std::string::npos) << text;
    EXPECT_EQ(labelled, std::vector<std::string>{"psoas_r"});
    for (const auto& c : anim::default_safety().conditions) EXPECT_NE(text.find(c.name), std::string::npos) << c.name;
    EXPECT_TRUE(panels.is_open("Patient profile"));
}

TEST(Panels, TheExportImageWindowShowsTheSizeItWillWriteAndExportsNothingUntilAFileIsChosen) {
    int exports = 0;
    std::vector<std::string> notes;
    ui::PanelManager panels;
    panels.add(ui::make_export_image_panel(
        {[&](const core::fs::path&, glm::ivec2, bool) { ++exports; }, [&](const std::string& text, bool) { notes.push_back(text); }}));
    EXPECT_TRUE(draw_windows(panels).empty()) << "closed until File opens it";
    panels.set_open("Export image", true);
    const std::string text = draw_windows(panels);
    EXPECT_NE(text.find("1920 x 1080 pixels"), std::string::npos) << "Full HD by default: " << text;
    EXPECT_NE(text.find("Transparent background"), std::string::npos) << text;
    EXPECT_EQ(exports, 0);
    EXPECT_TRUE(notes.empty());
}

TEST(Panels, TheHandoutWindowTicksTheDefaultStretchesForTheProfileAndRunsNothingUntilAsked) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const scene::StretchState stretch(skeleton, catalogue);
    const anim::Library& lib = stretch.library();
    scene::Profile profile;
    int works = 0;
    std::vector<std::string> notes;
    ui::HandoutPanelDeps deps;
    deps.work = [&] {
        ++works;
        return profile;
    };
    deps.profile = &profile;
    deps.stretches = [&] { return &lib; };
    deps.notify = [&](const std::string& text, bool) { notes.push_back(text); };
    deps.program = "/nonexistent/anatomy";  // nothing may start in a CPU test
    ui::PanelManager panels;
    panels.add(ui::make_handout_panel(deps));
    EXPECT_TRUE(draw_windows(panels).empty()) << "closed until File opens it";
    panels.set_open("Export handout", true);
    std::string text = draw_windows(panels);
    // Every stretch of the library is offered; the defaults (one per group) are ticked: the count
    // of pages says how many.
    for (std::size_t i = 0; i < lib.size(); ++i) EXPECT_NE(text.find(lib.info(i).name), std::string::npos) << lib.info(i).name;
    const std::size_t defaults = ui::handout_default_stretches({}).size();
    ASSERT_GT(defaults, 1u);
    EXPECT_NE(text.find(std::to_string(defaults) + " stretches: " + std::to_string(defaults + 1) + " pages"), std::string::npos) << text;
    EXPECT_EQ(text.find("(check the precautions)"), std::string::npos) << "no conditions: nothing to check";
    // A fresh panel for a patient with a condition some stretches do not suit: those are marked.
    std::string marking;
    for (const auto& c : anim::default_safety().conditions)
        for (std::size_t i = 0; i < lib.size() && marking.empty(); ++i)
            if (!ui::stretch_suits(lib.info(i), {c.id})) marking = c.id;
    ASSERT_FALSE(marking.empty());
    profile.conditions = {marking};
    ui::PanelManager for_patient;
    for_patient.add(ui::make_handout_panel(deps));
    for_patient.set_open("Export handout", true);
    text = draw_windows(for_patient);
    EXPECT_NE(text.find("(check the precautions)"), std::string::npos) << text;
    // Drawing and ticking start nothing: no job, no profile written, no message.
    EXPECT_FALSE(panels.job().has_value());
    EXPECT_FALSE(for_patient.job().has_value());
    EXPECT_EQ(works, 0);
    EXPECT_TRUE(notes.empty());
}

TEST(Panels, TheVideoWindowOffersTheStretchOnScreenWithACueForATightPostureAndRefusesABadScriptedOutput) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    scene::StretchState stretch(skeleton, catalogue);
    scene::PostureState posture(skeleton, catalogue);
    scene::Display display;
    bool follow = true;
    std::vector<std::string> errors;
    ui::VideoPanelDeps deps;
    deps.shaders = nullptr;  // nothing is rendered here: a real export needs the viewer's
    deps.stretch = [&]() -> const scene::StretchState* { return &stretch; };
    deps.posture = [&]() -> const scene::PostureState& { return posture; };
    deps.display = [&]() -> const scene::Display& { return display; };
    deps.follow = &follow;
    deps.notify = [&](const std::string& text, bool error) {
        if (error) errors.push_back(text);
    };
    auto make = [&] {
        auto panels = std::make_unique<ui::PanelManager>();
        panels->add(std::make_unique<ui::VideoExportPanel>(deps));
        panels->set_open("Export video", true);
        return panels;
    };

    // Nothing on screen: the story, named so.
    auto panels = make();
    std::string text = draw_windows(*panels);
    EXPECT_NE(text.find("pelvic-tilt-story.mp4"), std::string::npos) << text;
    EXPECT_NE(text.find("[ Export ]"), std::string::npos) << text;
    EXPECT_FALSE(panels->job().has_value());

    // A stretch on screen (the left side): its clip and side, and its file name; tight hip
    // flexors tip the pelvis, so the cue is on and says why.
    const anim::Library& lib = stretch.library();
    ASSERT_GT(lib.size(), 2u);
    stretch.start(2, anat::rest_pose(skeleton));
    stretch.player().set_side(anim::Side::left);
    biomech::PostureSettings tight = posture.settings();
    tight[biomech::PostureGroup::hip_flexors] = 60.0f;
    posture.set_settings(tight, false);
    panels = make();
    text = draw_windows(*panels);
    std::string file = lib.info(2).id + "-left.mp4";
    std::replace(file.begin(), file.end(), '_', '-');
    EXPECT_NE(text.find(file), std::string::npos) << file << " in " << text;
    EXPECT_NE(text.find(lib.info(2).name), std::string::npos);
    EXPECT_NE(text.find("On because the posture has tight muscles"), std::string::npos) << text;

    // --export-video with an output it cannot write as a video: an error, no job, exit code 1.
    auto* video = new ui::VideoExportPanel(deps);
    ui::PanelManager scripted;
    scripted.add(std::unique_ptr<ui::Panel>(video));
    video->start_scripted("/tmp/clip.docx", {640, 360}, 30);
    int code = 0;
    EXPECT_TRUE(video->scripted_done(code));
    EXPECT_EQ(code, 1);
    EXPECT_FALSE(video->running());
    EXPECT_FALSE(scripted.job().has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find(".docx"), std::string::npos) << errors[0];
}

TEST(Panels, TheStretchesTabListsTheLibraryMarksWhatDoesNotSuitAndShowsTheStretchOnScreen) {
    static const anat::Skeleton skeleton = anat::build_default_skeleton();
    static const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    const anat::RigIndex rig(skeleton);
    scene::StretchState stretch(skeleton, catalogue);
    const std::vector<float> tightness(catalogue.muscles.size(), 0.0f);
    scene::PosedBody posed = scene::pose_body(skeleton, rig, catalogue, anat::rest_pose(skeleton), tightness);
    std::vector<std::string> conditions;
    bool patient = false, mute = true, follow = true, library_loaded = true;
    const std::string error = "stretches/broken.json: /keys: expected an array";
    std::vector<int> started;
    std::vector<std::string> selected;
    ui::StretchesTabDeps deps;
    deps.stretch = [&] { return library_loaded ? &stretch : nullptr; };
    deps.load_error = &error;
    deps.body = [&] { return ui::ShownBody{&catalogue, &skeleton, nullptr, &posed, &stretch.library()}; };
    deps.posture_tightness = [&]() -> const std::vector<float>& { return tightness; };
    deps.conditions = &conditions;
    deps.patient_mode = &patient;
    deps.mute_others = &mute;
    deps.follow = &follow;
    deps.mute_changed = [] {};
    deps.start = [&](int clip) { started.push_back(clip); };
    deps.select = [&](const scene::Selection& s) { selected.push_back(s.id); };
    deps.open_safety = [] {};
    const auto tab = ui::make_stretches_tab(std::move(deps));
    ui::Fonts fonts;
    auto frame = [&] {
        return imgui_frame([&] {
            ui::PanelContext ctx;
            ctx.fonts = &fonts;
            ImGui::SetNextWindowSize(ImVec2(420, 3000), ImGuiCond_Always);  // tall: every row is laid out
            ImGui::Begin("Stretches");
            ui::audit_capture_window();
            tab(ctx);
            ImGui::End();
        });
    };

    // The library, grouped, each stretch by name; nothing marked without conditions.
    const anim::Library& lib = stretch.library();
    ASSERT_GT(lib.size(), 5u);
    std::string text = frame();
    // (A long name is cut to the row with "...": its start is there.)
    for (std::size_t i = 0; i < lib.size(); ++i) EXPECT_NE(text.find(lib.info(i).name.substr(0, 20)), std::string::npos) << lib.info(i).name;
    EXPECT_EQ(text.find("(not suitable)"), std::string::npos);
    EXPECT_EQ(text.find("(modify)"), std::string::npos);
    EXPECT_TRUE(started.empty());

    // A condition some stretches do not suit marks them, and offers to hide them.
    std::string marking;
    for (const auto& c : anim::default_safety().conditions)
        for (std::size_t i = 0; i < lib.size() && marking.empty(); ++i)
            if (!ui::stretch_suits(lib.info(i), {c.id})) marking = c.id;
    ASSERT_FALSE(marking.empty()) << "no condition makes any stretch unsuitable";
    conditions = {marking};
    text = frame();
    EXPECT_NE(text.find("(not suitable)"), std::string::npos) << text;
    EXPECT_NE(text.find("Hide stretches that do not suit this patient"), std::string::npos);

    // The stretch on screen: its name, dosage, the safety rule and a meter per target.
    conditions.clear();
    stretch.start(0, anat::rest_pose(skeleton));
    stretch.update(1.0f, anat::rest_pose(skeleton), tightness);
    text = frame();
    const anim::StretchInfo& info = lib.info(0);
    EXPECT_NE(text.find(info.dosage), std::string::npos) << text;
    EXPECT_NE(text.find(anim::default_safety().rule), std::string::npos);
    EXPECT_NE(text.find("Stretch toward the normal end range"), std::string::npos);
    EXPECT_NE(text.find("Steps"), std::string::npos);
    EXPECT_NE(text.find("Evidence and sources"), std::string::npos) << "for clinicians";
    patient = true;
    text = frame();
    EXPECT_EQ(text.find("Evidence and sources"), std::string::npos) << "not in patient mode";

    // A library that failed to load says why instead.
    library_loaded = false;
    text = frame();
    EXPECT_NE(text.find("could not be loaded"), std::string::npos) << text;
    EXPECT_NE(text.find(error), std::string::npos) << text;
}

TEST(Panels, AddNoteAsksForTheSelectionsNotePinsItAndClosesAndIsNeverOpenedWithTheOtherWindows) {
    scene::Selection selection{scene::Selection::Kind::muscle, "psoas_r"};
    std::vector<scene::Annotation> notes;
    ui::PanelManager panels;
    panels.add(ui::make_note_panel({[&] { return selection; }, [](const scene::Selection&) { return std::string("Psoas major (right)"); }, &notes}));
    panels.set_windows_open(true);
    EXPECT_FALSE(panels.is_open("Add note")) << "a question is asked only by its action";

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1440, 900);
    io.IniFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_Enter] = 13;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::Fonts fonts;
    auto frame = [&](const std::function<void()>& input = {}) {
        if (input) input();
        std::string text;
        ui::set_audit_capture(&text);
        ImGui::NewFrame();
        ui::PanelContext ctx;
        ctx.fonts = &fonts;
        panels.draw_windows(ctx);
        ImGui::Render();
        ui::set_audit_capture(nullptr);
        io.KeysDown[13] = false;
        return text;
    };
    panels.set_open("Add note", true);
    std::string text = frame();
    text = frame();
    EXPECT_NE(text.find("Pin a note to Psoas major (right)"), std::string::npos) << text;
    // Typed, then Enter: pinned to the selection, and the question goes.
    frame([&] { io.AddInputCharactersUTF8("tight after sitting"); });
    frame([&] { io.KeysDown[13] = true; });
    frame();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0].id, "psoas_r");
    EXPECT_EQ(notes[0].text, "tight after sitting");
    EXPECT_EQ(notes[0].target, scene::Annotation::Target::muscle);
    EXPECT_FALSE(panels.is_open("Add note"));

    // Nothing selected: it says so and pins nothing.
    selection = {};
    panels.set_open("Add note", true);
    frame();
    text = frame();
    EXPECT_NE(text.find("Select a muscle or a bone first"), std::string::npos) << text;
    // A profile as full as a profile may be (it would not load again): it says so.
    selection = {scene::Selection::Kind::bone, "femur_r"};
    notes.resize(scene::max_annotations);
    text = frame();
    EXPECT_NE(text.find("remove one first"), std::string::npos) << text;
    ImGui::DestroyContext();
}
