// core/camera.hpp: the orbit camera's maths (no GL): view and projection, presets, orbit, pan,
// zoom to cursor, focus, frame-all, and smooth animated transitions.
//
// Conventions: world +Y up, the body faces +Z, +X is the body's left. The camera orbits `target`
// at `distance`; yaw 0 looks from +Z (anterior view), yaw +90 deg from +X (the body's left side).
#pragma once

#include "core/math.hpp"

#include <optional>
#include <string_view>

namespace core {

enum class ViewPreset { anterior, posterior, left, right, superior };

std::optional<ViewPreset> parse_view_preset(std::string_view name);
const char* view_preset_name(ViewPreset v);

struct OrbitCamera {
    glm::vec3 target{0.0f, 0.9f, 0.0f};
    float distance_m = 3.0f;
    float yaw_rad = 0.0f;    // about +Y; 0 = camera on +Z
    float pitch_rad = 0.0f;  // elevation; +pi/2 looks straight down
    float fov_y_rad = deg_to_rad(30.0f);
    float near_m = 0.02f;
    float far_m = 50.0f;

    static constexpr float max_pitch_rad = deg_to_rad(89.5f);  // stay off the pole so "up" stays defined

    glm::vec3 forward() const;  // unit vector from the eye toward the target
    glm::vec3 eye() const { return target - forward() * distance_m; }
    glm::vec3 right() const;
    glm::vec3 up() const;
    glm::mat4 view() const;
    glm::mat4 projection(float aspect) const;

    // A ray through a pixel; pixel (0,0) is the top-left corner of a width x height viewport.
    struct Ray {
        glm::vec3 origin;
        glm::vec3 direction;
    };
    Ray ray_through_pixel(glm::vec2 pixel, glm::vec2 viewport) const;
    // World point -> pixel (top-left origin); nullopt behind the camera.
    std::optional<glm::vec2> project(const glm::vec3& world, glm::vec2 viewport) const;

    void orbit(float dyaw_rad, float dpitch_rad);
    // Moves the target in the view plane by a pixel offset, so the scene follows the mouse.
    void pan_pixels(glm::vec2 delta_px, float viewport_height_px);
    // Scales the distance by `factor` (<1 zooms in) about `anchor`, a world point that stays under
    // the same pixel.
    void zoom_about(float factor, const glm::vec3& anchor);
    void set_preset(ViewPreset v);
    // Centres and sizes so a sphere fits the view with a margin.
    void frame_sphere(const glm::vec3& center, float radius, float aspect);
    // Centres and sizes so a box fits snugly from the current direction (tall subjects fill
    // the height instead of a sphere around them).
    void frame_box(const Bounds& box, float aspect);
};

// Drives a camera toward a goal with exponential smoothing; the transition time is about 0.3 s.
class CameraAnimator {
public:
    explicit CameraAnimator(OrbitCamera cam = {}) : current_(cam), goal_(cam) {}

    const OrbitCamera& current() const { return current_; }
    OrbitCamera& goal() { return goal_; }
    const OrbitCamera& goal_view() const { return goal_; }
    // Sets both current and goal (no animation): direct manipulation.
    void set_immediate(const OrbitCamera& cam) { current_ = goal_ = cam; }
    void set_goal(const OrbitCamera& cam) { goal_ = cam; }
    bool animating() const;
    void update(float dt_s);

private:
    OrbitCamera current_;
    OrbitCamera goal_;
};

// Keeps a moving subject in view without chasing its every movement, as a camera operator
// would: the target holds still while the aim point stays inside a dead zone around it, then
// eases toward the aim until it is close, and holds again. A stretch's slow shift in its hold
// stays visible against a still floor (a camera that tracks it hides it), and a still view costs
// the renderer least. Distances are fractions of the view's height at the target, so zooming
// keeps the same on-screen behaviour.
class TargetFollower {
public:
    struct Settings {
        float rate_per_s = 2.0f;  // easing toward the aim: smooth, never jerky
        float dead_zone = 0.06f;  // start following when the aim is this far from the target
        float settle = 0.004f;    // stop once within this (a few pixels)
    };
    TargetFollower() = default;
    explicit TargetFollower(Settings s) : settings_(s) {}

    // The camera's target for this frame, given where the subject's aim point is now.
    glm::vec3 update(const OrbitCamera& camera, glm::vec3 aim, float dt_s);
    bool following() const { return following_; }
    void reset() { following_ = false; }

private:
    Settings settings_;
    bool following_ = false;
};

}  // namespace core
