// bonegen/sdf.hpp: signed distance fields for procedural bones.
//
// A Shape is a small constructive-solid-geometry program: groups of nodes, each node a primitive
// or a nested group, combined in order by (smooth) union, subtraction or intersection. Values are
// metres, negative inside. Every primitive returns a lower bound of the true distance outside and
// is 1-Lipschitz, so a value of d at a point proves there is no surface within |d| of it; the
// mesher relies on that to skip empty space, and evaluation relies on each node's bounding box to
// skip nodes that cannot change the result.
//
// [SECTION] Boxes and frames
// [SECTION] Primitives
// [SECTION] Shapes
#pragma once

#include "core/math.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace bonegen {

// [SECTION] Boxes and frames

struct Box {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{-std::numeric_limits<float>::max()};

    static Box infinite() { return {glm::vec3(-1e30f), glm::vec3(1e30f)}; }
    bool empty() const { return min.x > max.x || min.y > max.y || min.z > max.z; }
    bool is_infinite() const { return min.x <= -1e29f; }
    void add(const glm::vec3& p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void add(const Box& b) {
        if (!b.empty()) {
            min = glm::min(min, b.min);
            max = glm::max(max, b.max);
        }
    }
    Box expanded(float r) const { return empty() ? *this : Box{min - glm::vec3(r), max + glm::vec3(r)}; }
    Box intersected(const Box& b) const { return {glm::max(min, b.min), glm::min(max, b.max)}; }
    // Distance from p to the box (0 inside).
    float distance(const glm::vec3& p) const {
        const glm::vec3 q = glm::max(glm::max(min - p, p - max), glm::vec3(0.0f));
        return glm::length(q);
    }
    glm::vec3 center() const { return (min + max) * 0.5f; }
    glm::vec3 size() const { return max - min; }
};

// An orthonormal frame: origin and axes (columns x, y, z) in the world.
struct Frame {
    glm::vec3 origin{0.0f};
    glm::mat3 axes{1.0f};

    glm::vec3 to_local(const glm::vec3& p) const { return glm::transpose(axes) * (p - origin); }
    glm::vec3 to_world(const glm::vec3& local) const { return origin + axes * local; }
    glm::vec3 dir(const glm::vec3& local) const { return axes * local; }
    glm::vec3 x() const { return axes[0]; }
    glm::vec3 y() const { return axes[1]; }
    glm::vec3 z() const { return axes[2]; }

    // A frame whose y axis is `up` and whose z axis is as close to `forward` as possible.
    static Frame from_up_forward(const glm::vec3& origin, const glm::vec3& up, const glm::vec3& forward);
    // A frame whose x axis is `x` and whose y axis is as close to `y_hint` as possible.
    static Frame from_x_y(const glm::vec3& origin, const glm::vec3& x, const glm::vec3& y_hint);
};

// [SECTION] Primitives

enum class PrimKind : std::uint8_t { sphere, round_cone, ellipsoid, round_box, torus, plane, sweep, prism, slab };

// A node of a swept tube: centre, the two radii of its elliptical section and the direction of
// the first radius (made perpendicular to the curve).
struct SweepNode {
    glm::vec3 pos{0.0f};
    float ra = 0.0f, rb = 0.0f;
    glm::vec3 up{0.0f, 0.0f, 1.0f};
};

struct SweepData;
struct PolygonData;

// A curved plate: the mid-surface z = f(x, y) over a frame's xy plane, with half thickness t(y).
//   f(x, y) = c1 y + c2 y^2 + c3 y^3 + bulge * h(y) * exp(-((x - bulge_x) / bulge_width)^2)
//   h(y)    = a (1 + bulge_curve a), a = max(y - bulge_y0, 0)  (bulge_curve < 0 makes it level off)
//   t(y)    = max(t0 + t1 y, t_min)
// It is unbounded in x and y: clip it (with a prism) to give it an outline.
struct SlabShape {
    float c1 = 0.0f, c2 = 0.0f, c3 = 0.0f;
    float bulge = 0.0f, bulge_y0 = 0.0f, bulge_x = 0.0f, bulge_width = 1.0f, bulge_curve = 0.0f;
    float t0 = 0.002f, t1 = 0.0f, t_min = 0.001f;
    float mid(float x, float y) const;        // f(x, y)
    glm::vec2 slope(float x, float y) const;  // (df/dx, df/dy)
    float half_thickness(float y) const { return std::max(t0 + t1 * y, t_min); }
};

// One primitive. Build them with the functions below, not by hand.
struct Prim {
    PrimKind kind = PrimKind::sphere;
    glm::vec3 a{0.0f}, b{0.0f};                   // centre, end points or plane point
    glm::mat3 to_local{1.0f};                     // world -> local rotation (rows are the local axes)
    glm::vec3 size{0.0f};                         // radii or half extents
    float r0 = 0.0f, r1 = 0.0f;                   // radii, rounding
    std::shared_ptr<const SweepData> sweep;       // sweep: its segments
    std::shared_ptr<const PolygonData> polygon;   // prism: its outline
    std::shared_ptr<const SlabShape> slab_shape;  // slab: its mid-surface and thickness
    float shell = 0.0f;                           // > 0: keep only a shell of this half thickness
    Box box;                                      // where the primitive can be negative (world)
};

Prim sphere(const glm::vec3& c, float r);
Prim capsule(const glm::vec3& a, const glm::vec3& b, float r);
// Tapered capsule: the convex hull of two spheres.
Prim cone(const glm::vec3& a, const glm::vec3& b, float ra, float rb);
Prim ellipsoid(const Frame& f, const glm::vec3& radii);
Prim round_box(const Frame& f, const glm::vec3& half, float rounding);
// Torus around the frame's y axis: ring radius R, tube radius r (tube flattened along y by flat_y <= 1).
Prim torus(const Frame& f, float R, float r, float flat_y = 1.0f);
// Half space behind a plane: negative where dot(p - point, normal) < 0.
Prim plane(const glm::vec3& point, const glm::vec3& normal);
// A tube along the nodes (at least two), elliptical sections interpolated between them.
Prim sweep(const std::vector<SweepNode>& nodes);
// A prism: the polygon (frame x, y coordinates, closed, either winding) extruded along the frame's
// z by +-half_thickness, its rims rounded by `rounding`.
Prim prism(const Frame& f, const std::vector<glm::vec2>& polygon, float half_thickness, float rounding);
// A curved plate in frame f (see SlabShape); unbounded, so use it inside clip().
Prim slab(const Frame& f, const SlabShape& shape);
// The mid-surface point of a slab above (x, y) in world coordinates.
glm::vec3 slab_point(const Frame& f, const SlabShape& shape, float x, float y, float offset = 0.0f);

// [SECTION] Shapes

enum class Op : std::uint8_t { first, add, cut, clip };

class Shape {
public:
    Shape();

    // Union, subtraction and intersection with a primitive or another shape; k > 0 blends
    // smoothly over about k metres.
    Shape& add(const Prim& p, float k = 0.0f) { return push(Op::add, p, k); }
    Shape& cut(const Prim& p, float k = 0.0f) { return push(Op::cut, p, k); }
    Shape& clip(const Prim& p, float k = 0.0f) { return push(Op::clip, p, k); }
    Shape& add(const Shape& s, float k = 0.0f) { return push(Op::add, s, k); }
    Shape& cut(const Shape& s, float k = 0.0f) { return push(Op::cut, s, k); }
    Shape& clip(const Shape& s, float k = 0.0f) { return push(Op::clip, s, k); }

    // Keep only a shell of half thickness t around the current surface.
    Shape& hollow(float t);
    // Grow the whole shape outward by r (an offset surface).
    Shape& grow(float r);

    bool empty() const { return groups_[0].nodes.empty(); }
    float eval(const glm::vec3& p) const;

    // For a ball (centre, radius): marks the top-level nodes that cannot change the value anywhere
    // in it (interval bounds from their values at the centre and the 1-Lipschitz property), so
    // many evaluations there can skip them. Returns the value at the centre.
    float cull(const glm::vec3& centre, float radius, std::vector<std::uint8_t>& skip) const;
    // eval() for points inside that ball, skipping the marked nodes.
    float eval(const glm::vec3& p, const std::vector<std::uint8_t>& skip) const;
    glm::vec3 gradient(const glm::vec3& p, float eps = 5e-5f) const;
    // Unit outward normal (gradient direction); falls back to +y where the gradient vanishes.
    glm::vec3 normal(const glm::vec3& p) const;
    // Where the surface can be: finite for any shape that holds at least one bounded union.
    Box bounds() const { return groups_[0].box; }

    // Moves p onto the surface along the gradient (a few Newton steps); returns the result.
    glm::vec3 project(const glm::vec3& p, int iterations = 4) const;

private:
    struct Node {
        Op op = Op::add;
        float k = 0.0f;
        int prim = -1;   // index into prims_, or
        int group = -1;  // index into groups_
        Box box;         // bound of the node's negative region, grown by k
    };
    struct Group {
        std::vector<Node> nodes;
        float shell = 0.0f;
        float grow = 0.0f;
        Box box;
    };
    Shape& push(Op op, const Prim& p, float k);
    Shape& push(Op op, const Shape& s, float k);
    void add_node(Node n);
    float eval_group(int g, const glm::vec3& p, const std::uint8_t* skip = nullptr) const;
    float eval_node(const Node& n, const glm::vec3& p) const;
    float eval_prim(const Prim& pr, const glm::vec3& p) const;

    std::vector<Group> groups_;
    std::vector<Prim> prims_;
};

// Smooth minimum and maximum (quadratic blend over k; exact min/max when k <= 0).
inline float smin(float a, float b, float k) {
    if (k <= 0.0f) return std::min(a, b);
    const float h = std::max(k - std::abs(a - b), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}
inline float smax(float a, float b, float k) { return -smin(-a, -b, k); }

}  // namespace bonegen
