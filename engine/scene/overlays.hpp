// scene/overlays.hpp: the posture measurements drawn in 3D: the ASIS-PSIS line with its angle
// arc, the sacral endplate with the sacral slope, the femoral-head-to-S1 line with pelvic tilt,
// the lumbar curve and a plumb line; with labels anchored in 3D for the UI (or a snapshot) to draw.
#pragma once

#include "anatomy/skeleton.hpp"
#include "biomech/measures.hpp"
#include "gfx/frame.hpp"

#include <span>
#include <string>
#include <vector>

namespace scene {

struct OverlayLabel {
    glm::vec3 anchor{0.0f};  // world point the leader line starts at
    std::string text;
    glm::vec4 color{1.0f};
};

struct OverlaySet {
    std::vector<gfx::Polyline> lines;
    std::vector<OverlayLabel> labels;
};

struct OverlayToggles {
    bool asis_psis = true;
    bool sacral_slope = true;
    bool pelvic_tilt = true;
    bool lumbar_curve = true;
    bool plumb_line = true;
    bool high_contrast = false;  // thicker lines for presentations
};

OverlaySet posture_overlays(const anat::Skeleton& skeleton, std::span<const core::Rigid> world, const biomech::SpinopelvicMeasures& measures,
                            const OverlayToggles& toggles);

// Colours of the overlays (sRGB), also used by the UI's legend and readouts.
inline constexpr glm::vec4 overlay_color_asis_psis{0.98f, 0.74f, 0.30f, 1.0f};
inline constexpr glm::vec4 overlay_color_sacral{0.35f, 0.85f, 0.95f, 1.0f};
inline constexpr glm::vec4 overlay_color_tilt{0.95f, 0.45f, 0.85f, 1.0f};
inline constexpr glm::vec4 overlay_color_lumbar{0.50f, 0.92f, 0.55f, 1.0f};
inline constexpr glm::vec4 overlay_color_plumb{0.92f, 0.92f, 0.95f, 0.8f};

}  // namespace scene
