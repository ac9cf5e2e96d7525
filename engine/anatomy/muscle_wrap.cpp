// anatomy/muscle_wrap.cpp
//
// Both surfaces reduce to one plane problem: a circle of radius r at the origin, the ends a and b
// outside it. A path that goes counter-clockwise round the circle leaves a along the tangent that
// touches at angle(a) + acos(r/|a|) and reaches b along the tangent that touches at
// angle(b) - acos(r/|b|); clockwise mirrors both. The cylinder's plane is the one across its
// axis (heights along the axis then grow in proportion to the length in the plane: the unrolled
// helix); the sphere's is the plane through a, b and the centre.
#include "anatomy/muscle_wrap.hpp"

#include <array>
#include <cmath>

namespace anat {

WrapSurface WrapSurface::placed(const core::Rigid& world_from_bone) const {
    WrapSurface s = *this;
    s.centre = world_from_bone.apply(centre);
    s.axis = world_from_bone.apply_dir(axis);
    s.side = world_from_bone.apply_dir(side);
    return s;
}

namespace {

float cross2(const glm::vec2& a, const glm::vec2& b) { return a.x * b.y - a.y * b.x; }

// The wrapped path in the plane: its corners and, for each, the length along the path from a.
struct PlaneWrap {
    std::array<glm::vec2, wrap_arc_corners> corner{};
    std::array<float, wrap_arc_corners> along{};
    float total = 0.0f;  // a to b
};

// Plane problem (see the file comment). `side` (may be zero) is the side of the circle the path
// must pass on. False when the segment clears the circle on its side, or an end is inside.
bool wrap_circle(const glm::vec2& a, const glm::vec2& b, float r, const glm::vec2& side, PlaneWrap& out) {
    const float da = glm::length(a), db = glm::length(b);
    const glm::vec2 ab = b - a;
    const float len = glm::length(ab);
    if (!(da > r && db > r) || len < 1e-9f) return false;
    // Where the centre projects onto the segment: beyond an end, the segment cannot touch the circle
    // (both ends are outside), so there is nothing to wrap.
    const float t = glm::dot(-a, ab) / (len * len);
    if (t <= 0.0f || t >= 1.0f) return false;
    // Counter-clockwise (dir +1) keeps the centre on the path's left. Without a side the path goes
    // the shorter way: round the side the straight line already passes on.
    const float centre_left = cross2(ab, -a) / len;  // signed distance of the centre from the line
    const bool has_side = glm::dot(side, side) > 1e-12f;
    const float dir = has_side ? (cross2(ab, side) < 0.0f ? 1.0f : -1.0f) : (centre_left >= 0.0f ? 1.0f : -1.0f);
    // Clearance of the straight line on the chosen side; negative when it passes on the other side.
    if (dir * centre_left >= r) return false;

    const float t1 = std::atan2(a.y, a.x) + dir * std::acos(r / da);
    const float t2 = std::atan2(b.y, b.x) - dir * std::acos(r / db);
    constexpr float two_pi = 2.0f * core::pi;
    float sweep = std::fmod(dir * (t2 - t1), two_pi);
    if (sweep < 0.0f) sweep += two_pi;
    if (sweep > two_pi - 1e-4f) sweep = 0.0f;  // a line just touching the circle, after rounding
    // Corners of the circumscribed polygon: edge k touches the circle halfway between corners.
    const float half = 0.5f * sweep / static_cast<float>(wrap_arc_corners);
    const float rc = r / std::cos(half);
    glm::vec2 prev = a;
    float s = 0.0f;
    for (int k = 0; k < wrap_arc_corners; ++k) {
        const float angle = t1 + dir * half * static_cast<float>(2 * k + 1);
        const glm::vec2 c{rc * std::cos(angle), rc * std::sin(angle)};
        s += glm::distance(prev, c);
        out.corner[static_cast<std::size_t>(k)] = c;
        out.along[static_cast<std::size_t>(k)] = s;
        prev = c;
    }
    out.total = s + glm::distance(prev, b);
    return true;
}

bool wrap_cylinder(const WrapSurface& w, const glm::vec3& a, const glm::vec3& b, std::span<glm::vec3, wrap_arc_corners> out) {
    const glm::vec3 u = w.axis;
    const glm::vec3 pa = a - w.centre, pb = b - w.centre;
    const float za = glm::dot(pa, u), zb = glm::dot(pb, u);
    const glm::vec3 ra = pa - u * za, rb = pb - u * zb;
    const float la = glm::length(ra);
    if (la < 1e-9f) return false;
    const glm::vec3 e1 = ra / la, e2 = glm::cross(u, e1);
    PlaneWrap pw;
    if (!wrap_circle({la, 0.0f}, {glm::dot(rb, e1), glm::dot(rb, e2)}, w.radius_m, {glm::dot(w.side, e1), glm::dot(w.side, e2)}, pw)) return false;
    for (std::size_t k = 0; k < pw.corner.size(); ++k) {
        const float z = za + (zb - za) * (pw.along[k] / pw.total);
        out[k] = w.centre + e1 * pw.corner[k].x + e2 * pw.corner[k].y + u * z;
    }
    return true;
}

bool wrap_sphere(const WrapSurface& w, const glm::vec3& a, const glm::vec3& b, std::span<glm::vec3, wrap_arc_corners> out) {
    const glm::vec3 pa = a - w.centre, pb = b - w.centre;
    const float la = glm::length(pa);
    if (la < 1e-9f) return false;
    const glm::vec3 e1 = pa / la;
    // The plane of a, b and the centre; when they line up, the plane that holds the side.
    glm::vec3 n = glm::cross(pa, pb);
    if (glm::length(n) < 1e-9f * la * glm::length(pb)) n = glm::cross(pa, w.side);
    if (glm::length(n) < 1e-12f) return false;
    const glm::vec3 e2 = glm::normalize(glm::cross(n, e1));
    PlaneWrap pw;
    if (!wrap_circle({la, 0.0f}, {glm::dot(pb, e1), glm::dot(pb, e2)}, w.radius_m, {glm::dot(w.side, e1), glm::dot(w.side, e2)}, pw)) return false;
    for (std::size_t k = 0; k < pw.corner.size(); ++k) out[k] = w.centre + e1 * pw.corner[k].x + e2 * pw.corner[k].y;
    return true;
}

}  // namespace

bool wrap_segment(const WrapSurface& surface, const glm::vec3& a, const glm::vec3& b, std::span<glm::vec3, wrap_arc_corners> corners) {
    return surface.kind == WrapSurface::Kind::cylinder ? wrap_cylinder(surface, a, b, corners) : wrap_sphere(surface, a, b, corners);
}

bool wrap_segment(const WrapSurface& surface, const glm::vec3& a, const glm::vec3& b, std::vector<glm::vec3>& out) {
    std::array<glm::vec3, wrap_arc_corners> corners;
    if (!wrap_segment(surface, a, b, std::span<glm::vec3, wrap_arc_corners>(corners))) return false;
    out.insert(out.end(), corners.begin(), corners.end());
    return true;
}

float wrap_signed_distance(const WrapSurface& surface, const glm::vec3& p) {
    glm::vec3 d = p - surface.centre;
    if (surface.kind == WrapSurface::Kind::cylinder) d -= surface.axis * glm::dot(d, surface.axis);
    return glm::length(d) - surface.radius_m;
}

}  // namespace anat
