// ui/image_canvas.hpp: where an image lies in a canvas on screen, zoomed and panned, and the way
// back from a screen point to an image pixel (the radiograph window places landmarks with it).
// Plain math, no ImGui: tests round-trip points through it.
#pragma once

#include <glm/common.hpp>
#include <glm/vec2.hpp>

#include <algorithm>

namespace ui {

struct ImageCanvas {
    glm::vec2 image_size{1.0f};   // pixels
    glm::vec2 canvas_min{0.0f};   // the canvas's top-left corner on screen
    glm::vec2 canvas_size{1.0f};  // on screen
    glm::vec2 center_px{0.5f};    // the image pixel at the canvas's centre
    float zoom = 1.0f;            // screen units per image pixel

    static constexpr float min_zoom = 0.02f, max_zoom = 40.0f;

    glm::vec2 to_screen(glm::vec2 image_px) const { return canvas_min + canvas_size * 0.5f + (image_px - center_px) * zoom; }
    glm::vec2 to_image(glm::vec2 screen) const { return center_px + (screen - canvas_min - canvas_size * 0.5f) / zoom; }
    bool contains_screen(glm::vec2 s) const {
        return s.x >= canvas_min.x && s.y >= canvas_min.y && s.x < canvas_min.x + canvas_size.x && s.y < canvas_min.y + canvas_size.y;
    }
    // The whole image in view, centred, with a small margin.
    void fit() {
        center_px = image_size * 0.5f;
        zoom = std::clamp(0.95f * std::min(canvas_size.x / image_size.x, canvas_size.y / image_size.y), min_zoom, max_zoom);
    }
    // Zooms by `factor`, keeping the image point under `screen` where it is.
    void zoom_about(glm::vec2 screen, float factor) {
        const glm::vec2 held = to_image(screen);
        zoom = std::clamp(zoom * factor, min_zoom, max_zoom);
        center_px += held - to_image(screen);
    }
    void pan_by(glm::vec2 screen_delta) { center_px -= screen_delta / zoom; }
};

}  // namespace ui
