// bonegen/sdf.cpp
//
// [SECTION] Frames
// [SECTION] Primitive constructors
// [SECTION] Sweeps and prisms
// [SECTION] Shape building
// [SECTION] Evaluation
#include "bonegen/sdf.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace bonegen {

struct SweepData {
    std::vector<SweepNode> nodes;  // up vectors made perpendicular to the local tangent
    std::vector<glm::vec3> dir;    // unit direction of each segment
    std::vector<float> length;     // length of each segment
    std::vector<Box> seg_box;      // bound of each segment's tube
};

struct PolygonData {
    std::vector<glm::vec2> pts;
    float half_thickness = 0.0f, rounding = 0.0f;
};

namespace {

// [SECTION] Frames

glm::vec3 any_perpendicular(const glm::vec3& v) {
    const glm::vec3 t = std::abs(v.x) < 0.9f ? glm::vec3(1.0f, 0.0f, 0.0f) : glm::vec3(0.0f, 1.0f, 0.0f);
    return glm::normalize(glm::cross(v, t));
}

Box box_of_local_box(const Frame& f, const glm::vec3& lo, const glm::vec3& hi) {
    Box b;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 c{(i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z};
        b.add(f.to_world(c));
    }
    return b;
}

glm::mat3 to_local_of(const Frame& f) { return glm::transpose(f.axes); }

}  // namespace

Frame Frame::from_up_forward(const glm::vec3& origin, const glm::vec3& up, const glm::vec3& forward) {
    const glm::vec3 y = glm::normalize(up);
    glm::vec3 z = forward - y * glm::dot(forward, y);
    z = glm::length(z) > 1e-6f ? glm::normalize(z) : any_perpendicular(y);
    const glm::vec3 x = glm::cross(y, z);
    Frame f;
    f.origin = origin;
    f.axes = glm::mat3(x, y, z);
    return f;
}

Frame Frame::from_x_y(const glm::vec3& origin, const glm::vec3& x_axis, const glm::vec3& y_hint) {
    const glm::vec3 x = glm::normalize(x_axis);
    glm::vec3 y = y_hint - x * glm::dot(y_hint, x);
    y = glm::length(y) > 1e-6f ? glm::normalize(y) : any_perpendicular(x);
    const glm::vec3 z = glm::cross(x, y);
    Frame f;
    f.origin = origin;
    f.axes = glm::mat3(x, y, z);
    return f;
}

// [SECTION] Primitive constructors

Prim sphere(const glm::vec3& c, float r) {
    Prim p;
    p.kind = PrimKind::sphere;
    p.a = c;
    p.r0 = r;
    p.box = Box{c - glm::vec3(r), c + glm::vec3(r)};
    return p;
}

Prim capsule(const glm::vec3& a, const glm::vec3& b, float r) { return cone(a, b, r, r); }

Prim cone(const glm::vec3& a, const glm::vec3& b, float ra, float rb) {
    Prim p;
    p.kind = PrimKind::round_cone;
    p.a = a;
    p.b = b;
    p.r0 = ra;
    p.r1 = rb;
    p.box = Box{glm::min(a - glm::vec3(ra), b - glm::vec3(rb)), glm::max(a + glm::vec3(ra), b + glm::vec3(rb))};
    return p;
}

Prim ellipsoid(const Frame& f, const glm::vec3& radii) {
    Prim p;
    p.kind = PrimKind::ellipsoid;
    p.a = f.origin;
    p.to_local = to_local_of(f);
    p.size = radii;
    p.box = box_of_local_box(f, -radii, radii);
    return p;
}

Prim round_box(const Frame& f, const glm::vec3& half, float rounding) {
    Prim p;
    p.kind = PrimKind::round_box;
    p.a = f.origin;
    p.to_local = to_local_of(f);
    p.size = half;
    p.r0 = std::min(rounding, std::min(half.x, std::min(half.y, half.z)));
    p.box = box_of_local_box(f, -half, half);
    return p;
}

Prim torus(const Frame& f, float R, float r, float flat_y) {
    Prim p;
    p.kind = PrimKind::torus;
    p.a = f.origin;
    p.to_local = to_local_of(f);
    p.r0 = R;
    p.r1 = r;
    p.size = glm::vec3(std::clamp(flat_y, 0.05f, 1.0f));
    const glm::vec3 e{R + r, r * p.size.x, R + r};
    p.box = box_of_local_box(f, -e, e);
    return p;
}

Prim plane(const glm::vec3& point, const glm::vec3& normal) {
    Prim p;
    p.kind = PrimKind::plane;
    p.a = point;
    p.b = glm::normalize(normal);
    p.box = Box::infinite();
    return p;
}

// [SECTION] Sweeps and prisms

Prim sweep(const std::vector<SweepNode>& nodes) {
    ANATOMY_ASSERT(nodes.size() >= 2, "sweep needs at least two nodes");
    auto data = std::make_shared<SweepData>();
    data->nodes = nodes;
    const std::size_t n = nodes.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        glm::vec3 d = nodes[i + 1].pos - nodes[i].pos;
        float len = glm::length(d);
        if (len < 1e-7f) {
            d = glm::vec3(0.0f, 1.0f, 0.0f);
            len = 1e-7f;
        }
        data->dir.push_back(d / len);
        data->length.push_back(len);
    }
    // Make each node's up vector perpendicular to the tangent there.
    for (std::size_t i = 0; i < n; ++i) {
        glm::vec3 t = i == 0 ? data->dir[0] : (i + 1 == n ? data->dir[i - 1] : glm::normalize(data->dir[i - 1] + data->dir[i]));
        if (!(glm::length(t) > 0.5f)) t = data->dir[std::min(i, n - 2)];
        glm::vec3 u = data->nodes[i].up - t * glm::dot(data->nodes[i].up, t);
        data->nodes[i].up = glm::length(u) > 1e-6f ? glm::normalize(u) : any_perpendicular(t);
    }
    Prim p;
    p.kind = PrimKind::sweep;
    Box all;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const SweepNode& a = data->nodes[i];
        const SweepNode& b = data->nodes[i + 1];
        const float r = std::max(std::max(a.ra, a.rb), std::max(b.ra, b.rb));
        Box sb;
        sb.add(a.pos);
        sb.add(b.pos);
        sb = sb.expanded(r);
        data->seg_box.push_back(sb);
        all.add(sb);
    }
    p.box = all;
    p.sweep = std::move(data);
    return p;
}

Prim prism(const Frame& f, const std::vector<glm::vec2>& polygon, float half_thickness, float rounding) {
    ANATOMY_ASSERT(polygon.size() >= 3, "prism needs a polygon of at least three points");
    auto data = std::make_shared<PolygonData>();
    data->pts = polygon;
    data->half_thickness = half_thickness;
    data->rounding = std::min(rounding, half_thickness);
    glm::vec2 lo(1e30f), hi(-1e30f);
    for (const auto& q : polygon) {
        lo = glm::min(lo, q);
        hi = glm::max(hi, q);
    }
    Prim p;
    p.kind = PrimKind::prism;
    p.a = f.origin;
    p.to_local = to_local_of(f);
    p.box = box_of_local_box(f, {lo.x, lo.y, -half_thickness}, {hi.x, hi.y, half_thickness});
    p.polygon = std::move(data);
    return p;
}

float SlabShape::mid(float x, float y) const {
    const float a = std::max(y - bulge_y0, 0.0f);
    const float b = bulge * a * (1.0f + bulge_curve * a) * std::exp(-((x - bulge_x) / bulge_width) * ((x - bulge_x) / bulge_width));
    return c1 * y + c2 * y * y + c3 * y * y * y + b;
}

glm::vec2 SlabShape::slope(float x, float y) const {
    const float u = (x - bulge_x) / bulge_width;
    const float g = std::exp(-u * u);
    const float a = std::max(y - bulge_y0, 0.0f);
    const float h = a * (1.0f + bulge_curve * a);
    const float dx = bulge * h * g * (-2.0f * u / bulge_width);
    const float dy = c1 + 2.0f * c2 * y + 3.0f * c3 * y * y + (y > bulge_y0 ? bulge * g * (1.0f + 2.0f * bulge_curve * a) : 0.0f);
    return {dx, dy};
}

Prim slab(const Frame& f, const SlabShape& shape) {
    Prim p;
    p.kind = PrimKind::slab;
    p.a = f.origin;
    p.to_local = to_local_of(f);
    p.box = Box::infinite();
    p.slab_shape = std::make_shared<SlabShape>(shape);
    return p;
}

glm::vec3 slab_point(const Frame& f, const SlabShape& shape, float x, float y, float offset) {
    const glm::vec2 g = shape.slope(x, y);
    const glm::vec3 n = glm::normalize(glm::vec3(-g.x, -g.y, 1.0f));
    return f.to_world(glm::vec3(x, y, shape.mid(x, y)) + n * offset);
}

// [SECTION] Shape building

Shape::Shape() { groups_.emplace_back(); }

void Shape::add_node(Node n) {
    Group& g = groups_[0];
    if (g.nodes.empty()) {
        n.op = Op::first;
        g.box = n.box;
    } else if (n.op == Op::add) {
        g.box.add(n.box);
    } else if (n.op == Op::clip && !n.box.is_infinite()) {
        g.box = g.box.intersected(n.box);
    }
    g.nodes.push_back(n);
}

Shape& Shape::push(Op op, const Prim& p, float k) {
    Node n;
    n.op = op;
    n.k = std::max(k, 0.0f);
    n.prim = static_cast<int>(prims_.size());
    prims_.push_back(p);
    n.box = p.box.is_infinite() ? p.box : p.box.expanded(p.shell + n.k);
    if (p.shell > 0.0f) prims_.back().box = p.box.expanded(p.shell);
    add_node(n);
    return *this;
}

Shape& Shape::push(Op op, const Shape& s, float k) {
    if (s.empty()) return *this;
    const int prim_offset = static_cast<int>(prims_.size());
    const int group_offset = static_cast<int>(groups_.size());
    prims_.insert(prims_.end(), s.prims_.begin(), s.prims_.end());
    for (const Group& g : s.groups_) {
        Group copy = g;
        for (Node& n : copy.nodes) {
            if (n.prim >= 0) n.prim += prim_offset;
            if (n.group >= 0) n.group += group_offset;
        }
        groups_.push_back(std::move(copy));
    }
    Node n;
    n.op = op;
    n.k = std::max(k, 0.0f);
    n.group = group_offset;
    n.box = s.bounds().is_infinite() ? s.bounds() : s.bounds().expanded(n.k);
    add_node(n);
    return *this;
}

Shape& Shape::grow(float r) {
    groups_[0].grow += r;
    groups_[0].box = groups_[0].box.expanded(r);
    return *this;
}

Shape& Shape::hollow(float t) {
    groups_[0].shell = t;
    groups_[0].box = groups_[0].box.expanded(t);
    return *this;
}

// [SECTION] Evaluation

namespace {

float round_cone_distance(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float ra, float rb) {
    const glm::vec3 ab = b - a;
    const float len = glm::length(ab);
    if (len < 1e-9f || std::abs(ra - rb) >= len) {
        return std::min(glm::length(p - a) - ra, glm::length(p - b) - rb);
    }
    const glm::vec3 axis = ab / len;
    const glm::vec3 ap = p - a;
    const float x = glm::dot(ap, axis);
    const float y = glm::length(ap - axis * x);
    const float s = (ra - rb) / len;  // sine of the cone's half angle
    const float c = std::sqrt(1.0f - s * s);
    // Slant coordinate of the point along the side line, from the tangent point on sphere a.
    const float u = (x - ra * s) * c - (y - ra * c) * s;
    if (u < 0.0f) return glm::length(ap) - ra;
    if (u > len * c) return glm::length(p - b) - rb;
    return x * s + y * c - ra;
}

float polygon_distance(const std::vector<glm::vec2>& pts, const glm::vec2& q) {
    float best = 1e30f;
    bool inside = false;
    const std::size_t n = pts.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const glm::vec2 a = pts[j], b = pts[i];
        const glm::vec2 e = b - a, w = q - a;
        const float t = std::clamp(glm::dot(w, e) / std::max(glm::dot(e, e), 1e-20f), 0.0f, 1.0f);
        best = std::min(best, glm::dot(w - e * t, w - e * t));
        if ((a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    const float d = std::sqrt(best);
    return inside ? -d : d;
}

float sweep_distance(const SweepData& s, const glm::vec3& p) {
    float best = 1e30f;
    const std::size_t segs = s.dir.size();
    for (std::size_t i = 0; i < segs; ++i) {
        const float box_d = s.seg_box[i].distance(p);
        if (box_d > 0.0f && box_d >= best) continue;  // never nearer than its box
        const SweepNode& n0 = s.nodes[i];
        const SweepNode& n1 = s.nodes[i + 1];
        const glm::vec3& dir = s.dir[i];
        const float t = std::clamp(glm::dot(p - n0.pos, dir) / s.length[i], 0.0f, 1.0f);
        const glm::vec3 q = p - (n0.pos + dir * (s.length[i] * t));
        const float ra = n0.ra + (n1.ra - n0.ra) * t;
        const float rb = n0.rb + (n1.rb - n0.rb) * t;
        if (std::abs(ra - rb) < 1e-7f) {  // round section: no frame needed
            const float d = glm::length(q) - ra;
            const float bd = s.seg_box[i].distance(p);
            best = std::min(best, bd > 0.0f ? std::max(d, bd) : d);
            continue;
        }
        glm::vec3 u = n0.up + (n1.up - n0.up) * t;
        u -= dir * glm::dot(u, dir);
        const float ul = glm::length(u);
        u = ul > 1e-6f ? u / ul : any_perpendicular(dir);
        const glm::vec3 v = glm::cross(dir, u);
        const float rm = std::min(ra, rb);
        const glm::vec3 e{glm::dot(q, u) / ra, glm::dot(q, v) / rb, glm::dot(q, dir) / rm};
        const float d = (glm::length(e) - 1.0f) * rm;
        // A segment is never nearer than its box: keeps the culling above consistent.
        const float bd = s.seg_box[i].distance(p);
        best = std::min(best, bd > 0.0f ? std::max(d, bd) : d);
    }
    return best;
}

}  // namespace

float Shape::eval_prim(const Prim& pr, const glm::vec3& p) const {
    float d = 0.0f;
    switch (pr.kind) {
        case PrimKind::sphere: d = glm::length(p - pr.a) - pr.r0; break;
        case PrimKind::round_cone: d = round_cone_distance(p, pr.a, pr.b, pr.r0, pr.r1); break;
        case PrimKind::ellipsoid: {
            const glm::vec3 q = pr.to_local * (p - pr.a);
            const float rm = std::min(pr.size.x, std::min(pr.size.y, pr.size.z));
            d = (glm::length(q / pr.size) - 1.0f) * rm;
            break;
        }
        case PrimKind::round_box: {
            const glm::vec3 q = glm::abs(pr.to_local * (p - pr.a)) - (pr.size - glm::vec3(pr.r0));
            d = glm::length(glm::max(q, glm::vec3(0.0f))) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f) - pr.r0;
            break;
        }
        case PrimKind::torus: {
            const glm::vec3 q = pr.to_local * (p - pr.a);
            const float ring = std::sqrt(q.x * q.x + q.z * q.z) - pr.r0;
            const float flat = pr.size.x;
            d = (std::sqrt(ring * ring + (q.y / flat) * (q.y / flat)) - pr.r1) * flat;
            break;
        }
        case PrimKind::plane: d = glm::dot(p - pr.a, pr.b); break;
        case PrimKind::slab: {
            const SlabShape& sh = *pr.slab_shape;
            const glm::vec3 q = pr.to_local * (p - pr.a);
            const glm::vec2 g = sh.slope(q.x, q.y);
            d = std::abs(q.z - sh.mid(q.x, q.y)) / std::sqrt(1.0f + g.x * g.x + g.y * g.y) - sh.half_thickness(q.y);
            break;
        }
        case PrimKind::sweep: d = sweep_distance(*pr.sweep, p); break;
        case PrimKind::prism: {
            const PolygonData& poly = *pr.polygon;
            const glm::vec3 q = pr.to_local * (p - pr.a);
            const float r = poly.rounding;
            const float d2 = polygon_distance(poly.pts, {q.x, q.y}) + r;
            const float dz = std::abs(q.z) - (poly.half_thickness - r);
            d = std::min(std::max(d2, dz), 0.0f) + glm::length(glm::max(glm::vec2(d2, dz), glm::vec2(0.0f))) - r;
            break;
        }
    }
    if (pr.shell > 0.0f) d = std::abs(d) - pr.shell;
    // Outside its box a primitive is at least as far as the box (keeps culling exact).
    if (!pr.box.is_infinite()) {
        const float bd = pr.box.distance(p);
        if (bd > 0.0f) d = std::max(d, bd);
    }
    return d;
}

float Shape::eval_node(const Node& n, const glm::vec3& p) const {
    return n.prim >= 0 ? eval_prim(prims_[static_cast<std::size_t>(n.prim)], p) : eval_group(n.group, p);
}

float Shape::eval_group(int gi, const glm::vec3& p, const std::uint8_t* skip) const {
    const Group& g = groups_[static_cast<std::size_t>(gi)];
    float d = 1e30f;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const Node& n = g.nodes[i];
        if (skip && skip[i]) continue;
        switch (n.op) {
            case Op::first: break;
            // A node's value is at least its box distance outside its box; skip nodes that
            // provably leave d unchanged (never from inside a box, where values can be negative).
            case Op::add: {
                const float bd = n.box.distance(p);
                if (bd > 0.0f && bd >= d + n.k) continue;
                break;
            }
            case Op::cut: {
                const float bd = n.box.is_infinite() ? 0.0f : n.box.distance(p);
                if (bd > 0.0f && bd >= n.k - d) continue;
                break;
            }
            case Op::clip: break;
        }
        const float v = eval_node(n, p);
        switch (n.op) {
            case Op::first: d = v; break;
            case Op::add: d = smin(d, v, n.k); break;
            case Op::cut: d = smax(d, -v, n.k); break;
            case Op::clip: d = smax(d, v, n.k); break;
        }
    }
    if (g.shell > 0.0f) d = std::abs(d) - g.shell;
    d -= g.grow;
    if (!g.box.empty() && !g.box.is_infinite()) {
        const float bd = g.box.distance(p);
        if (bd > 0.0f) d = std::max(d, bd);
    }
    return d;
}

float Shape::eval(const glm::vec3& p) const {
    if (empty()) return 1e30f;
    return eval_group(0, p);
}

float Shape::eval(const glm::vec3& p, const std::vector<std::uint8_t>& skip) const {
    if (empty()) return 1e30f;
    return eval_group(0, p, skip.data());
}

float Shape::cull(const glm::vec3& centre, float radius, std::vector<std::uint8_t>& skip) const {
    const Group& g = groups_[0];
    skip.assign(g.nodes.size(), 0);
    if (g.nodes.empty()) return 1e30f;
    // Interval of the running value over the ball, and the exact running value at the centre.
    float lo = 0.0f, hi = 0.0f, d = 1e30f;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const Node& n = g.nodes[i];
        const float v = eval_node(n, centre);
        const float vlo = v - radius, vhi = v + radius;
        switch (n.op) {
            case Op::first:
                lo = vlo;
                hi = vhi;
                d = v;
                break;
            case Op::add:
                if (vlo >= hi + n.k)
                    skip[i] = 1;
                else {
                    lo = std::min(lo, vlo) - n.k * 0.25f;
                    hi = std::min(hi, vhi);
                }
                d = smin(d, v, n.k);
                break;
            case Op::cut:
                if (vlo >= n.k - lo)
                    skip[i] = 1;
                else {
                    lo = std::max(lo, -vhi);
                    hi = std::max(hi, -vlo) + n.k * 0.25f;
                }
                d = smax(d, -v, n.k);
                break;
            case Op::clip:
                if (vhi <= lo - n.k)
                    skip[i] = 1;
                else {
                    lo = std::max(lo, vlo);
                    hi = std::max(hi, vhi) + n.k * 0.25f;
                }
                d = smax(d, v, n.k);
                break;
        }
    }
    if (g.shell > 0.0f) d = std::abs(d) - g.shell;
    return d - g.grow;
}

glm::vec3 Shape::gradient(const glm::vec3& p, float eps) const {
    const glm::vec3 dx{eps, 0.0f, 0.0f}, dy{0.0f, eps, 0.0f}, dz{0.0f, 0.0f, eps};
    return glm::vec3(eval(p + dx) - eval(p - dx), eval(p + dy) - eval(p - dy), eval(p + dz) - eval(p - dz)) / (2.0f * eps);
}

glm::vec3 Shape::normal(const glm::vec3& p) const {
    const glm::vec3 g = gradient(p);
    const float l = glm::length(g);
    return l > 1e-8f ? g / l : glm::vec3(0.0f, 1.0f, 0.0f);
}

glm::vec3 Shape::project(const glm::vec3& p, int iterations) const {
    glm::vec3 q = p;
    for (int i = 0; i < iterations; ++i) {
        const float d = eval(q);
        if (std::abs(d) < 1e-7f) break;
        const glm::vec3 g = gradient(q);
        const float g2 = glm::dot(g, g);
        if (g2 < 1e-12f) break;
        q -= g * (d / g2);
    }
    return q;
}

}  // namespace bonegen
