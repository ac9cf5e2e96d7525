// ui/camera_input.hpp: mouse and keyboard to camera moves, the conventions users know from
// anatomy and CAD viewers: left drag orbits, right or middle drag pans, the wheel zooms toward the
// cursor, a double click focuses the point under the cursor.
#pragma once

#include "core/camera.hpp"

#include <functional>
#include <optional>

union SDL_Event;

namespace ui {

class CameraInput {
public:
    // Returns the world point under a pixel (top-left origin, drawable pixels), if any.
    using PickFn = std::function<std::optional<glm::vec3>(glm::ivec2 pixel)>;

    // Handles one event; returns true when it used it. `pixel_ratio` converts SDL's window points
    // to drawable pixels; `viewport` is the size of the view under the cursor and `origin` its
    // top-left corner in the window (drawable pixels): pick and zoom work in that view's pixels.
    bool handle(const SDL_Event& e, core::CameraAnimator& cam, glm::vec2 viewport, glm::vec2 origin, float pixel_ratio, const PickFn& pick);
    bool dragging() const { return mode_ != Mode::none; }

private:
    enum class Mode { none, orbit, pan };
    Mode mode_ = Mode::none;
};

}  // namespace ui
