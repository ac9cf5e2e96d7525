// ui/panel_radiograph.hpp: File > Measure a radiograph or photo. A lateral image (PNG or JPEG)
// in a canvas with zoom and pan; the landmarks placed by clicking and moved by dragging, with a
// magnifier and undo; the lines and angles drawn live as the points go in; the measures by the
// model's own definitions (biomech/radiograph.hpp); the landmarks saved and opened as
// anatomy-landmarks-1 files (the same ones `anatomy measure-image` reads); and the fit of the
// model to the measured tilt and lordosis (biomech/posture_fit.hpp), shown on the model on request.
//
// A panel (ui/panel.hpp) the viewer's PanelManager owns and draws; the viewer keeps a pointer to
// it for the File menu, Ctrl+Z, profiles and the underlay, and gives it its hooks each frame.
#pragma once

#include "ui/panel.hpp"

#include "biomech/posture.hpp"
#include "core/files.hpp"
#include "scene/landmarks.hpp"
#include "scene/profile.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ui {

class RadiographPanel : public Panel {
public:
    struct Hooks {
        std::function<void(const biomech::PostureSettings&)> show_on_model;  // the model takes these posture settings
        std::function<void(const std::string&, bool error)> notify;
        scene::UnderlayAnchors model;  // the model's hip axis, S1 and pelvis now, to line the image up
        // The model takes these settings and stands beside the neutral model (compare).
        std::function<void(const biomech::PostureSettings&)> compare_with_neutral;
        // Rebuilds the model's body with this pelvic incidence (in the background).
        std::function<void(float pelvic_incidence_deg)> rebuild_body;
        float model_pelvic_incidence_deg = 52.0f;  // the body shown now
        std::optional<double>
            rebuilding_s;  // seconds since a rebuild started, while it runs  // the model's hip axis, S1 and pelvis now, to line the image up
    };
    // `hooks`: asked for each frame (the model's anchors and pelvic incidence change).
    explicit RadiographPanel(std::function<Hooks()> hooks);
    ~RadiographPanel() override;
    std::string_view title() const override { return "Measure a radiograph or photo"; }
    Menu menu() const override { return Menu::none; }  // File > Measure a radiograph or photo (show())
    // Where its open state lives, for PanelManager::add: loading an image or landmarks opens it.
    bool* open_state();

    void show();  // opens the window, and the image chooser when there is no image yet
    bool visible() const;
    bool focused() const;  // its window had the keyboard focus last frame (Ctrl+Z undoes a landmark)

    // Each throws core::Error naming the file; what was open stays as it was.
    void load_image(const core::fs::path& path);  // needs a current GL context
    void load_landmarks(const core::fs::path& path);
    void save_landmarks(const core::fs::path& path) const;

    // What a patient profile keeps: the image (absolute path), the points and the fit made;
    // nothing when no image is open and no point placed.
    std::optional<scene::PatientRadiograph> record() const;
    // Puts a profile's radiograph back (its image too, when the file is still there; else the
    // points stay and `notify` says the image is missing). An empty optional (a profile without
    // one, a new patient) clears the window, so no other patient's image stays.
    void restore(const std::optional<scene::PatientRadiograph>& saved, const std::function<void(const std::string&, bool)>& notify);

    // The points placed, in image pixels (x right, y down).
    const scene::LandmarksFile& landmarks() const;
    // Places (or moves) a point as a click at `screen` on the canvas last drawn would; false when
    // the screen point is off the image.
    bool place_at_screen(const std::string& name, float screen_x, float screen_y);
    void undo();
    void redo();

    // The image to draw behind the model (gfx::Underlay's texture and corners), when an image is
    // open, the "show" box is ticked and the points give a size and a place.
    struct Underlay {
        unsigned texture = 0;
        scene::UnderlayPlacement placement;
        float opacity = 1.0f;
    };
    std::optional<Underlay> underlay(const scene::UnderlayAnchors& model) const;

    // The window; tick: the file dialogs it opened, which outlive it.
    void draw(const PanelContext& context, bool& open) override;
    void tick(const PanelContext& context) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::function<Hooks()> hooks_;
};

}  // namespace ui
