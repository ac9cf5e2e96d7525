// scene/compose.hpp: one view of the body turned into draw items: posed, with the neutral ghost,
// the stretch's props and the measurement overlays. The viewer, the snapshot, the video export,
// the soak and the benchmark all draw through it, so these rules live here once. No GL: the
// items name CPU meshes that the renderer uploads.
#pragma once

#include "scene/overlays.hpp"
#include "scene/props.hpp"
#include "scene/world.hpp"

#include <optional>

namespace scene {

struct ViewContent {
    const anat::Pose* pose = nullptr;               // null: the body as last posed
    const std::vector<float>* tightness = nullptr;  // null: the body keeps its own
    std::optional<anat::Pose> ghost;                // a pose drawn as a translucent skeleton (the neutral one)
    // The stretch whose props (mat, step, strap) stand in the view, and who draws them; both or neither.
    const StretchState* props_of = nullptr;
    const PropRenderer* props = nullptr;
    std::optional<OverlayToggles> overlays;  // the measurements drawn (scene::overlays_drawn), or none
    int view = 0;                            // which view of the screen (ViewPlan::index): each keeps its own muscle meshes
    // The muscles' finer level (anat::close_up_muscles); unset: where the frame's camera is
    // nearer the body than close_up_distance_m (a caller that frames after composing says).
    std::optional<bool> close_up;
};
inline constexpr float close_up_distance_m = 1.8f;  // a whole body needs about 3 m

struct ComposedView {
    biomech::SpinopelvicMeasures measures;  // of the posed body (zero for a user's model)
    std::vector<OverlayLabel> labels;       // the overlays' labels, for the caller to draw in 2D
};

// Poses the world's body and appends the view's items and lines to `frame` (whose camera and
// options are the caller's).
ComposedView compose_view(World& world, const ViewContent& content, gfx::FrameDesc& frame);

// Appends the skeleton in `pose` as a translucent blue ghost that casts no shadow, for view `view`.
void append_ghost(gfx::FrameDesc& frame, const Body& body, const anat::Pose& pose, int view = 0);

}  // namespace scene
