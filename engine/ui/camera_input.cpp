#include "ui/camera_input.hpp"

#include <SDL2/SDL.h>

namespace ui {

bool CameraInput::handle(const SDL_Event& e, core::CameraAnimator& cam, glm::vec2 viewport, glm::vec2 origin, float pixel_ratio, const PickFn& pick) {
    const glm::ivec2 o{static_cast<int>(origin.x), static_cast<int>(origin.y)};
    constexpr float orbit_rad_per_px = 0.006f;  // a full turn across a wide window
    constexpr float wheel_zoom_step = 0.87f;    // per notch: fine enough to aim, fast enough to travel
    switch (e.type) {
        case SDL_MOUSEBUTTONDOWN: {
            const glm::ivec2 px = glm::ivec2{static_cast<int>(static_cast<float>(e.button.x) * pixel_ratio),
                                             static_cast<int>(static_cast<float>(e.button.y) * pixel_ratio)} -
                                  o;
            if (e.button.button == SDL_BUTTON_LEFT && e.button.clicks == 2) {
                if (auto p = pick(px)) {
                    core::OrbitCamera goal = cam.goal_view();
                    goal.target = *p;
                    goal.distance_m = std::min(goal.distance_m, 1.2f);  // close enough to see the detail
                    cam.set_goal(goal);
                }
                return true;
            }
            if (e.button.button == SDL_BUTTON_LEFT)
                mode_ = Mode::orbit;
            else if (e.button.button == SDL_BUTTON_RIGHT || e.button.button == SDL_BUTTON_MIDDLE)
                mode_ = Mode::pan;
            return mode_ != Mode::none;
        }
        case SDL_MOUSEBUTTONUP:
            if (mode_ == Mode::none) return false;
            mode_ = Mode::none;
            return true;
        case SDL_MOUSEMOTION: {
            if (mode_ == Mode::none) return false;
            const glm::vec2 d{static_cast<float>(e.motion.xrel) * pixel_ratio, static_cast<float>(e.motion.yrel) * pixel_ratio};
            core::OrbitCamera c = cam.current();
            if (mode_ == Mode::orbit)
                c.orbit(-d.x * orbit_rad_per_px, d.y * orbit_rad_per_px);
            else
                c.pan_pixels(d, viewport.y);
            cam.set_immediate(c);
            return true;
        }
        case SDL_MOUSEWHEEL: {
            const float notches = e.wheel.preciseY != 0.0f ? e.wheel.preciseY : static_cast<float>(e.wheel.y);
            if (notches == 0.0f) return false;
            int mx = 0, my = 0;
            SDL_GetMouseState(&mx, &my);
            const glm::ivec2 px =
                glm::ivec2{static_cast<int>(static_cast<float>(mx) * pixel_ratio), static_cast<int>(static_cast<float>(my) * pixel_ratio)} - o;
            core::OrbitCamera c = cam.goal_view();
            glm::vec3 anchor = c.target;
            if (auto p = pick(px)) {
                anchor = *p;
            } else {
                // Nothing under the cursor: zoom toward where the ray meets the plane through the target.
                const auto ray = c.ray_through_pixel(glm::vec2(px), viewport);
                const float denom = glm::dot(ray.direction, c.forward());
                if (std::abs(denom) > 1e-4f) anchor = ray.origin + ray.direction * (c.distance_m / denom);
            }
            c.zoom_about(std::pow(wheel_zoom_step, notches), anchor);
            cam.set_goal(c);
            return true;
        }
        default: return false;
    }
}

}  // namespace ui
