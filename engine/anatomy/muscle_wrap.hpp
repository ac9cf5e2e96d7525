// anatomy/muscle_wrap.hpp: a muscle's shortest way over a smooth bony surface (a cylinder or a
// sphere), in closed form, the way OpenSim's WrapCylinder and WrapSphere bend a path segment.
//
// A segment from a to b that would cut the surface is replaced by a tangent line from a, a
// stretch along the surface and a tangent line to b. On a cylinder that stretch is a helix (the
// straight line of the unrolled surface); on a sphere it is a great-circle arc in the plane of a,
// b and the centre. The arc is drawn as a polygon circumscribed about the surface (its edges touch
// the surface at their midpoints), so the drawn path never enters the surface and its length, the
// sum of its segments, is what the mechanics use. The polygon always has the same number of
// corners, so the length is smooth in the pose (the posture solver differentiates it).
#pragma once

#include "core/math.hpp"

#include <span>
#include <vector>

namespace anat {

struct WrapSurface {
    enum class Kind { cylinder, sphere };
    Kind kind = Kind::cylinder;
    glm::vec3 centre{0.0f};            // a point on the cylinder's axis, or the sphere's centre
    glm::vec3 axis{1.0f, 0.0f, 0.0f};  // cylinder: unit axis direction (unused for spheres)
    float radius_m = 0.0f;
    // The side the path must pass on (unit, across the axis), or zero for the shorter way round.
    // With a side, a path whose straight line would pass on the other side is held on this one.
    glm::vec3 side{0.0f};

    // The same surface moved by a rigid transform (bone frame to world).
    WrapSurface placed(const core::Rigid& world_from_bone) const;
};

// Corners of the circumscribed arc polygon (see above): 8 keeps a 120-degree wrap within 1 % of
// the true arc length and costs 8 points.
inline constexpr int wrap_arc_corners = 8;

// If the straight segment a-b cuts the surface (or passes on the wrong side of a surface with a
// side), appends the corners of the wrapped path between a and b (neither a nor b) to `out` and
// returns true; otherwise appends nothing and returns false. An end inside the surface (seen
// along a cylinder's axis) cannot wrap: false.
bool wrap_segment(const WrapSurface& surface, const glm::vec3& a, const glm::vec3& b, std::vector<glm::vec3>& out);
// The same, writing the corners to a fixed array (no allocation); untouched when it returns false.
bool wrap_segment(const WrapSurface& surface, const glm::vec3& a, const glm::vec3& b, std::span<glm::vec3, wrap_arc_corners> corners);

// Shortest distance from p to the surface: negative inside (a cylinder is unbounded along its axis).
float wrap_signed_distance(const WrapSurface& surface, const glm::vec3& p);

}  // namespace anat
