// core/math.hpp: small maths helpers shared by every module. Radians inside, degrees at the edges.
#pragma once

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <numbers>

namespace core {

inline constexpr float pi = std::numbers::pi_v<float>;

constexpr float deg_to_rad(float deg) { return deg * (pi / 180.0f); }
constexpr float rad_to_deg(float rad) { return rad * (180.0f / pi); }
constexpr double deg_to_rad(double deg) { return deg * (std::numbers::pi / 180.0); }
constexpr double rad_to_deg(double rad) { return rad * (180.0 / std::numbers::pi); }

// Wraps an angle to (-pi, pi].
inline float wrap_angle(float a) {
    a = std::fmod(a + pi, 2.0f * pi);
    if (a <= 0.0f) a += 2.0f * pi;
    return a - pi;
}

// A rigid transform: rotate, then translate. `world_from_bone.apply(p_bone)` gives p_world.
struct Rigid {
    glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 translation{0.0f};

    glm::vec3 apply(const glm::vec3& p) const { return rotation * p + translation; }
    glm::vec3 apply_dir(const glm::vec3& d) const { return rotation * d; }
    Rigid operator*(const Rigid& rhs) const { return {rotation * rhs.rotation, rotation * rhs.translation + translation}; }
    Rigid inverse() const {
        const glm::quat inv = glm::conjugate(rotation);
        return {inv, inv * -translation};
    }
    glm::mat4 matrix() const;
};

// An axis-aligned box; empty until something is added.
struct Bounds {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{-std::numeric_limits<float>::max()};
    bool empty() const { return min.x > max.x; }
    void add(const glm::vec3& p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void add(const Bounds& b) {
        if (!b.empty()) {
            add(b.min);
            add(b.max);
        }
    }
    glm::vec3 center() const { return (min + max) * 0.5f; }
    float radius() const { return empty() ? 0.0f : glm::length(max - min) * 0.5f; }
    Bounds transformed(const glm::mat4& m) const;
};

// Angle (radians) of a 2D direction in the sagittal plane measured from +Y toward +Z (anterior).
inline float sagittal_angle_from_vertical(const glm::vec3& d) { return std::atan2(d.z, d.y); }

}  // namespace core
