// scene/overlays.hpp: the posture measurements drawn in 3D: the ASIS-PSIS line with its angle
// arc, the sacral endplate with the sacral slope, the femoral-head-to-S1 line with pelvic tilt,
// the lumbar curve and a plumb line; with labels anchored in 3D for the UI (or a snapshot) to draw.
#pragma once

#include "anatomy/skeleton.hpp"
#include "biomech/measures.hpp"
#include "gfx/frame.hpp"

#include <span>
#include <string>
#include <string_view>
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

// What an overlay draws from: the body's landmarks where it stands, and the measures.
struct OverlayInput {
    const anat::Skeleton& skeleton;
    std::span<const core::Rigid> world;
    const biomech::SpinopelvicMeasures& measures;
    float line_width_px = 2.5f;
};

// One overlay: what shows it, the measure it draws (a key of biomech::measure_table()), its colour.
// Adding an overlay is one entry here and one flag in OverlayToggles; the check boxes, stories,
// readout colours and captions iterate this table.
struct OverlayInfo {
    const char* id;       // as stories name it, a stable interface: "asis_psis"
    const char* label;    // its check box: "ASIS-PSIS line"
    const char* measure;  // the measure it shows, or "" (the plumb line shows none)
    glm::vec4 color;      // sRGB, also the measure's colour in readouts and captions
    bool OverlayToggles::*shown;
    void (*draw)(const OverlayInput& in, const OverlayInfo& self, OverlaySet& out);
};
const std::vector<OverlayInfo>& overlay_table();
const OverlayInfo* find_overlay(std::string_view id);  // null: no such overlay
// The overlay that draws a measure, or null (pelvic incidence, hip and knee flexion have none).
const OverlayInfo* overlay_of_measure(std::string_view measure_key);
// A measure's colour in readouts: its overlay's, or a neutral grey where it has none.
glm::vec4 measure_color(std::string_view measure_key);

}  // namespace scene
