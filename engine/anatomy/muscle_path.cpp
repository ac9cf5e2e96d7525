#include "anatomy/muscle_path.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace anat {

glm::vec3 PathPoint::moving_position(float q) const {
    const glm::vec3 osim{static_cast<float>(moving[0](q)), static_cast<float>(moving[1](q)), static_cast<float>(moving[2](q)) * mirror_z};
    return frame_origin_in_bone + osim_axes(osim) * frame_scale;
}

glm::vec3 PathPoint::sliding_position(float q) const {
    const float t = std::clamp((q - slide_from_rad) / (slide_end_rad - slide_from_rad), 0.0f, 1.0f);
    return glm::mix(position, slide_to, t);
}

namespace {
float coordinate_value(const PathCoordinates& c, PathCoordinate which, Side side) {
    const auto s = static_cast<std::size_t>(side);
    switch (which) {
        case PathCoordinate::hip_flexion: return c.hip_flexion[s];
        case PathCoordinate::knee_angle: return c.knee_angle[s];
        case PathCoordinate::ankle_angle: return c.ankle_angle[s];
    }
    return 0.0f;
}

// Where the point at file index i is in the world, or nothing if it is absent in this pose.
bool point_position(const Muscle& muscle, std::size_t i, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords,
                    glm::vec3& out) {
    const PathPoint& p = muscle.path[i];
    const core::Rigid& bone = world_from_bone[static_cast<std::size_t>(p.joint)];
    switch (p.kind) {
        case PathPoint::Kind::fixed: out = bone.apply(p.position); return true;
        case PathPoint::Kind::conditional: {
            const float q = coordinate_value(coords, p.coordinate, muscle.side);
            if (!(q >= p.min_rad && q <= p.max_rad)) return false;
            out = bone.apply(p.position);
            return true;
        }
        case PathPoint::Kind::moving: out = bone.apply(p.moving_position(coordinate_value(coords, p.coordinate, muscle.side))); return true;
        case PathPoint::Kind::sliding: out = bone.apply(p.sliding_position(coordinate_value(coords, p.coordinate, muscle.side))); return true;
    }
    return false;
}

// Bends the segment a-b between file points `from` and `to` over the first of the muscle's wrap
// surfaces (not in `used`) that covers both points and that the segment would cut, then bends the
// straight legs on either side of that arc over the other surfaces the same way (a hamstring
// over the femoral head and then the condyles). Appends to `out` the corners between a and b.
// Recursion is at most as deep as the muscle has surfaces; nothing is allocated but `out`.
void bend_segment(const Muscle& muscle, int from, int to, const glm::vec3 a, const glm::vec3 b, std::span<const core::Rigid> world_from_bone,
                  std::uint32_t used, std::vector<glm::vec3>& out) {
    for (std::size_t k = 0; k < muscle.wraps.size() && k < 32; ++k) {
        const MuscleWrap& w = muscle.wraps[k];
        if (((used >> k) & 1u) != 0u || from < w.first_point || to > w.last_point) continue;
        std::array<glm::vec3, wrap_arc_corners> corners;
        if (!wrap_segment(w.surface.placed(world_from_bone[static_cast<std::size_t>(w.joint)]), a, b,
                          std::span<glm::vec3, wrap_arc_corners>(corners)))
            continue;
        const std::uint32_t now = used | (1u << k);
        bend_segment(muscle, from, to, a, corners.front(), world_from_bone, now, out);
        out.insert(out.end(), corners.begin(), corners.end());
        bend_segment(muscle, from, to, corners.back(), b, world_from_bone, now, out);
        return;
    }
}

}  // namespace

void muscle_path(const Muscle& muscle, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords, std::vector<glm::vec3>& out) {
    out.clear();
    int previous = -1;
    for (std::size_t i = 0; i < muscle.path.size(); ++i) {
        glm::vec3 p;
        if (!point_position(muscle, i, world_from_bone, coords, p)) continue;
        if (previous >= 0 && !muscle.wraps.empty()) bend_segment(muscle, previous, static_cast<int>(i), out.back(), p, world_from_bone, 0u, out);
        out.push_back(p);
        previous = static_cast<int>(i);
    }
}

float polyline_length(std::span<const glm::vec3> points) {
    float l = 0.0f;
    for (std::size_t i = 1; i < points.size(); ++i) l += glm::distance(points[i - 1], points[i]);
    return l;
}

glm::vec3 point_along(std::span<const glm::vec3> points, float t) {
    if (points.empty()) return glm::vec3(0.0f);
    float remaining = polyline_length(points) * std::clamp(t, 0.0f, 1.0f);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const float seg = glm::distance(points[i - 1], points[i]);
        if (remaining <= seg && seg > 0.0f) return glm::mix(points[i - 1], points[i], remaining / seg);
        remaining -= seg;
    }
    return points.back();
}

float muscle_length(const Muscle& muscle, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords) {
    thread_local std::vector<glm::vec3> pts;
    muscle_path(muscle, world_from_bone, coords, pts);
    return polyline_length(pts);
}

float muscle_length(const Muscle& muscle, const Skeleton& skeleton, const Coordinates& coordinates) {
    const RigIndex ix(skeleton);
    const Pose pose = pose_from_coordinates(skeleton, ix, coordinates);
    const auto world = forward_kinematics(skeleton, pose);
    return muscle_length(muscle, world, path_coordinates(ix, pose));
}

void evaluate_paths(const MuscleCatalogue& catalogue, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords, MusclePaths& out) {
    out.points.clear();
    out.first.assign(catalogue.muscles.size() + 1, 0u);
    out.length_m.resize(catalogue.muscles.size());
    thread_local std::vector<glm::vec3> pts;
    for (std::size_t i = 0; i < catalogue.muscles.size(); ++i) {
        muscle_path(catalogue.muscles[i], world_from_bone, coords, pts);
        out.first[i] = static_cast<std::uint32_t>(out.points.size());
        out.points.insert(out.points.end(), pts.begin(), pts.end());
        out.length_m[i] = polyline_length(pts);
    }
    out.first.back() = static_cast<std::uint32_t>(out.points.size());
}

}  // namespace anat
