// The measuring window's canvas: a point clicked on screen lands on the image pixel drawn there,
// whatever the zoom and pan, so landmarks placed by clicking measure what they show.
#include "biomech/radiograph.hpp"
#include "scene/landmarks.hpp"
#include "ui/image_canvas.hpp"

#include <gtest/gtest.h>

#include <glm/geometric.hpp>

TEST(ImageCanvas, ScreenAndImageRoundTripAtAnyZoomAndPan) {
    ui::ImageCanvas c;
    c.image_size = {1200.0f, 1600.0f};
    c.canvas_min = {300.0f, 120.0f};
    c.canvas_size = {700.0f, 600.0f};
    c.fit();
    EXPECT_NEAR(c.to_screen(c.image_size * 0.5f).x, 650.0f, 1e-3f) << "fit centres the image";
    EXPECT_LE(c.image_size.y * c.zoom, c.canvas_size.y) << "fit shows the whole height";
    for (int step = 0; step < 6; ++step) {
        const glm::vec2 px{137.0f + 150.0f * static_cast<float>(step), 950.0f - 90.0f * static_cast<float>(step)};
        EXPECT_LT(glm::length(c.to_image(c.to_screen(px)) - px), 1e-3f);
        // Zooming about a screen point keeps the pixel under it there.
        const glm::vec2 at = c.to_screen(px);
        c.zoom_about(at, step % 2 ? 1.7f : 0.8f);
        EXPECT_LT(glm::length(c.to_screen(px) - at), 1e-2f);
        c.pan_by({23.0f, -41.0f});
        EXPECT_LT(glm::length(c.to_screen(px) - (at + glm::vec2(23.0f, -41.0f))), 1e-2f);
    }
    c.zoom_about({500.0f, 400.0f}, 1e6f);
    EXPECT_EQ(c.zoom, ui::ImageCanvas::max_zoom);
}

TEST(ImageCanvas, LandmarksPlacedThroughTheCanvasMeasureWhatWasDrawn) {
    // A synthetic radiograph's points, shown zoomed in as a clinician places them (about 12 screen
    // pixels per image pixel, as under the magnifier) and panned, "clicked" on the whole screen
    // pixel where they appear and read back: the same angles, to a tenth of a degree.
    scene::LandmarksFile drawn;
    drawn.facing = scene::LandmarksFile::Facing::left;
    drawn.points_px = {{"s1_anterior", {558.0, 470.0}},    {"s1_posterior", {612.0, 440.0}}, {"femoral_head_r", {548.0, 640.0}},
                       {"femoral_head_l", {538.0, 646.0}}, {"l1_anterior", {548.0, 268.0}},  {"l1_posterior", {598.0, 262.0}},
                       {"asis", {420.0, 600.0}},           {"psis", {640.0, 560.0}}};
    const auto truth = biomech::measure_landmarks(scene::to_sagittal(drawn));
    ui::ImageCanvas c;
    c.image_size = {900.0f, 1100.0f};
    c.canvas_min = {400.0f, 200.0f};
    c.canvas_size = {620.0f, 520.0f};
    c.fit();
    c.zoom_about({700.0f, 420.0f}, 12.0f / c.zoom);
    c.pan_by({-60.0f, 35.0f});
    scene::LandmarksFile placed = drawn;
    for (auto& [name, p] : placed.points_px) {
        const glm::vec2 screen = glm::round(c.to_screen(glm::vec2(p)));  // a click lands on a whole screen pixel
        p = glm::dvec2(c.to_image(screen));
    }
    const auto m = biomech::measure_landmarks(scene::to_sagittal(placed));
    EXPECT_NEAR(*m.pelvic_incidence_deg, *truth.pelvic_incidence_deg, 0.1f);
    EXPECT_NEAR(*m.pelvic_tilt_deg, *truth.pelvic_tilt_deg, 0.1f);
    EXPECT_NEAR(*m.sacral_slope_deg, *truth.sacral_slope_deg, 0.1f);
    EXPECT_NEAR(*m.lumbar_lordosis_deg, *truth.lumbar_lordosis_deg, 0.1f);
    EXPECT_NEAR(*m.pelvic_tilt_clinical_deg, *truth.pelvic_tilt_clinical_deg, 0.1f);
}
