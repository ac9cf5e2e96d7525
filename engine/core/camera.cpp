#include "core/camera.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace core {

std::optional<ViewPreset> parse_view_preset(std::string_view name) {
    if (name == "anterior") return ViewPreset::anterior;
    if (name == "posterior") return ViewPreset::posterior;
    if (name == "left") return ViewPreset::left;
    if (name == "right") return ViewPreset::right;
    if (name == "superior") return ViewPreset::superior;
    return std::nullopt;
}

const char* view_preset_name(ViewPreset v) {
    switch (v) {
        case ViewPreset::anterior: return "anterior";
        case ViewPreset::posterior: return "posterior";
        case ViewPreset::left: return "left";
        case ViewPreset::right: return "right";
        case ViewPreset::superior: return "superior";
    }
    return "anterior";
}

glm::vec3 OrbitCamera::forward() const {
    // The eye sits at target + d * (cos p sin y, sin p, cos p cos y); forward points back at the target.
    const glm::vec3 from_target{std::cos(pitch_rad) * std::sin(yaw_rad), std::sin(pitch_rad), std::cos(pitch_rad) * std::cos(yaw_rad)};
    return -from_target;
}

glm::vec3 OrbitCamera::right() const { return glm::normalize(glm::cross(forward(), glm::vec3(0, 1, 0))); }
glm::vec3 OrbitCamera::up() const { return glm::cross(right(), forward()); }

glm::mat4 OrbitCamera::view() const { return glm::lookAt(eye(), target, up()); }

glm::mat4 OrbitCamera::projection(float aspect) const { return glm::perspective(fov_y_rad, std::max(aspect, 1e-3f), near_m, far_m); }

OrbitCamera::Ray OrbitCamera::ray_through_pixel(glm::vec2 pixel, glm::vec2 viewport) const {
    const float aspect = viewport.x / std::max(viewport.y, 1.0f);
    const glm::vec2 ndc{2.0f * pixel.x / viewport.x - 1.0f, 1.0f - 2.0f * pixel.y / viewport.y};
    const float t = std::tan(fov_y_rad * 0.5f);
    const glm::vec3 dir = glm::normalize(forward() + right() * (ndc.x * t * aspect) + up() * (ndc.y * t));
    return {eye(), dir};
}

std::optional<glm::vec2> OrbitCamera::project(const glm::vec3& world, glm::vec2 viewport) const {
    const glm::vec4 clip = projection(viewport.x / std::max(viewport.y, 1.0f)) * view() * glm::vec4(world, 1.0f);
    if (clip.w <= 1e-6f) return std::nullopt;
    const glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return glm::vec2((ndc.x + 1.0f) * 0.5f * viewport.x, (1.0f - ndc.y) * 0.5f * viewport.y);
}

void OrbitCamera::orbit(float dyaw_rad, float dpitch_rad) {
    yaw_rad = wrap_angle(yaw_rad + dyaw_rad);
    pitch_rad = std::clamp(pitch_rad + dpitch_rad, -max_pitch_rad, max_pitch_rad);
}

void OrbitCamera::pan_pixels(glm::vec2 delta_px, float viewport_height_px) {
    const float world_per_px = 2.0f * distance_m * std::tan(fov_y_rad * 0.5f) / std::max(viewport_height_px, 1.0f);
    target += (-right() * delta_px.x + up() * delta_px.y) * world_per_px;
}

void OrbitCamera::zoom_about(float factor, const glm::vec3& anchor) {
    constexpr float min_distance_m = 0.05f, max_distance_m = 30.0f;  // closer clips bone; further loses the body
    const float new_distance = std::clamp(distance_m * factor, min_distance_m, max_distance_m);
    const float k = new_distance / distance_m;
    // Scaling eye and target about the anchor keeps the view direction, so the anchor keeps its pixel.
    target = anchor + (target - anchor) * k;
    distance_m = new_distance;
}

void OrbitCamera::set_preset(ViewPreset v) {
    switch (v) {
        case ViewPreset::anterior:
            yaw_rad = 0.0f;
            pitch_rad = 0.0f;
            break;
        case ViewPreset::posterior:
            yaw_rad = pi;
            pitch_rad = 0.0f;
            break;
        case ViewPreset::left:
            yaw_rad = 0.5f * pi;
            pitch_rad = 0.0f;
            break;
        case ViewPreset::right:
            yaw_rad = -0.5f * pi;
            pitch_rad = 0.0f;
            break;
        case ViewPreset::superior:
            yaw_rad = 0.0f;
            pitch_rad = max_pitch_rad;
            break;
    }
}

void OrbitCamera::frame_sphere(const glm::vec3& center, float radius, float aspect) {
    constexpr float margin = 1.08f;  // a little air around the subject
    const float half_y = fov_y_rad * 0.5f;
    const float half_x = std::atan(std::tan(half_y) * std::max(aspect, 1e-3f));
    const float half = std::min(half_x, half_y);
    target = center;
    distance_m = std::max(radius * margin / std::sin(half), near_m * 4.0f);
}

void OrbitCamera::frame_box(const Bounds& box, float aspect) {
    if (box.empty()) return;
    constexpr float margin = 1.06f;  // a little air around the subject
    target = box.center();
    const glm::vec3 r = right(), u = up(), f = forward();
    float half_w = 0.0f, half_h = 0.0f, half_d = 0.0f;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 c{(i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y, (i & 4) ? box.max.z : box.min.z};
        const glm::vec3 d = c - target;
        half_w = std::max(half_w, std::abs(glm::dot(d, r)));
        half_h = std::max(half_h, std::abs(glm::dot(d, u)));
        half_d = std::max(half_d, std::abs(glm::dot(d, f)));
    }
    const float tan_y = std::tan(fov_y_rad * 0.5f);
    const float tan_x = tan_y * std::max(aspect, 1e-3f);
    // The near face of the box is closer than the target: fit it, not the centre plane.
    distance_m = std::max(half_h * margin / tan_y, half_w * margin / tan_x) + half_d;
    distance_m = std::max(distance_m, near_m * 4.0f);
}

bool CameraAnimator::animating() const {
    return glm::distance(current_.target, goal_.target) > 1e-4f || std::abs(current_.distance_m - goal_.distance_m) > 1e-4f ||
           std::abs(wrap_angle(current_.yaw_rad - goal_.yaw_rad)) > 1e-4f || std::abs(current_.pitch_rad - goal_.pitch_rad) > 1e-4f;
}

void CameraAnimator::update(float dt_s) {
    constexpr float rate_per_s = 12.0f;  // ~95 % of the way in 0.25 s: quick, but the eye can follow
    const float a = 1.0f - std::exp(-rate_per_s * std::max(dt_s, 0.0f));
    if (!animating()) {
        current_ = goal_;
        return;
    }
    current_.target = glm::mix(current_.target, goal_.target, a);
    current_.distance_m = std::exp(glm::mix(std::log(current_.distance_m), std::log(goal_.distance_m), a));
    current_.yaw_rad = wrap_angle(current_.yaw_rad + wrap_angle(goal_.yaw_rad - current_.yaw_rad) * a);
    current_.pitch_rad = glm::mix(current_.pitch_rad, goal_.pitch_rad, a);
    current_.fov_y_rad = goal_.fov_y_rad;
    current_.near_m = goal_.near_m;
    current_.far_m = goal_.far_m;
    if (!animating()) current_ = goal_;
}

glm::vec3 TargetFollower::update(const OrbitCamera& camera, glm::vec3 aim, float dt_s) {
    const float view_height_m = 2.0f * camera.distance_m * std::tan(camera.fov_y_rad * 0.5f);
    const float off_m = glm::distance(aim, camera.target);
    if (!std::isfinite(off_m)) return camera.target;
    if (!following_ && off_m > settings_.dead_zone * view_height_m) following_ = true;
    if (!following_) return camera.target;
    if (off_m <= settings_.settle * view_height_m) {
        following_ = false;
        return camera.target;
    }
    const float k = 1.0f - std::exp(-settings_.rate_per_s * std::max(dt_s, 0.0f));
    return camera.target + (aim - camera.target) * k;
}

}  // namespace core
