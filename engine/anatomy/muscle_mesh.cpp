#include "anatomy/muscle_mesh.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace anat {

BodyAxes body_axes(const Skeleton& skeleton, std::span<const core::Rigid> world) {
    BodyAxes axes;
    auto at = [&](const char* joint) { return world[static_cast<std::size_t>(skeleton.find_joint(joint))].translation; };
    axes.segments.emplace_back(at("pelvis") - glm::vec3(0.0f, 0.12f, 0.0f), at("c7_t1"));
    for (const char* side : {"_r", "_l"}) {
        const std::string s = side;
        axes.segments.emplace_back(at(("hip" + s).c_str()), at(("knee" + s).c_str()));
        axes.segments.emplace_back(at(("knee" + s).c_str()), at(("ankle" + s).c_str()));
    }
    return axes;
}

namespace {

glm::vec3 closest_on_segment(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 ab = b - a;
    const float t = std::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-12f), 0.0f, 1.0f);
    return a + ab * t;
}

// Outward direction from the nearest body axis: flat muscles spread across it.
glm::vec3 outward(const glm::vec3& p, const BodyAxes& axes) {
    float best = 1e30f;
    glm::vec3 dir{0.0f, 0.0f, 1.0f};
    for (const auto& [a, b] : axes.segments) {
        const glm::vec3 c = closest_on_segment(p, a, b);
        const float d = glm::distance(p, c);
        if (d < best && d > 1e-5f) {
            best = d;
            dir = (p - c) / d;
        }
    }
    return dir;
}

// Centripetal Catmull-Rom through the path points, sampled uniformly by arc length.
// `at`: fractions of the length, increasing from 0 to 1.
void resample(std::span<const glm::vec3> pts, std::span<const float> at, std::vector<glm::vec3>& out) {
    out.clear();
    const std::size_t n = pts.size();
    // Dense polyline along the spline first, then equal steps along it. The buffers are reused:
    // this runs for every muscle every frame.
    thread_local std::vector<glm::vec3> dense;
    thread_local std::vector<float> cum;
    dense.clear();
    constexpr int per_segment = 8;  // enough to follow a via point's bend smoothly
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const glm::vec3 p0 = i == 0 ? pts[0] * 2.0f - pts[1] : pts[i - 1];
        const glm::vec3 p1 = pts[i], p2 = pts[i + 1];
        const glm::vec3 p3 = i + 2 < n ? pts[i + 2] : pts[n - 1] * 2.0f - pts[n - 2];
        auto knot = [](const glm::vec3& a, const glm::vec3& b) { return std::sqrt(std::max(glm::distance(a, b), 1e-6f)); };
        const float t0 = 0.0f, t1 = t0 + knot(p0, p1), t2 = t1 + knot(p1, p2), t3 = t2 + knot(p2, p3);
        for (int k = 0; k < per_segment; ++k) {
            const float t = t1 + (t2 - t1) * static_cast<float>(k) / per_segment;
            const glm::vec3 a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1;
            const glm::vec3 a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2;
            const glm::vec3 a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3;
            const glm::vec3 b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2;
            const glm::vec3 b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3;
            dense.push_back((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2);
        }
    }
    dense.push_back(pts[n - 1]);
    cum.assign(dense.size(), 0.0f);
    for (std::size_t i = 1; i < dense.size(); ++i) cum[i] = cum[i - 1] + glm::distance(dense[i - 1], dense[i]);
    const float total = cum.back();
    std::size_t j = 0;
    for (const float fraction : at) {
        const float s = total * fraction;
        while (j + 2 < dense.size() && cum[j + 1] < s) ++j;
        const float seg = cum[j + 1] - cum[j];
        const float f = seg > 1e-9f ? std::clamp((s - cum[j]) / seg, 0.0f, 1.0f) : 0.0f;
        out.push_back(glm::mix(dense[j], dense[j + 1], f));
    }
}

glm::u8vec4 to_u8(const glm::vec3& c) {
    const glm::vec3 v = glm::clamp(c, 0.0f, 1.0f) * 255.0f + 0.5f;
    return {static_cast<std::uint8_t>(v.r), static_cast<std::uint8_t>(v.g), static_cast<std::uint8_t>(v.b), 255};
}

const glm::vec3 tendon_color{0.86f, 0.83f, 0.76f};
// A tendon's cross-section as drawn: a flat band about three times as wide as thick.
const float tendon_aspect = std::sqrt(0.3f);

// One line of action sampled along its length: the centre of each ring, the radius drawn there
// and how much of it is belly (0 tendon, 1 full belly).
struct LineRings {
    std::vector<float> at;  // each ring's place along the line, 0 to 1
    std::vector<glm::vec3> centre;
    std::vector<float> radius, belly;
    std::vector<float> tint;  // 1 the belly's colour where it is belly; 0 a tendinous intersection's
    float aspect = 1.0f;      // the cross-section: major = r / aspect, minor = r * aspect
};

// A tendinous intersection: a narrow band across a strap muscle (three rings: its edges and
// itself), pinched a little.
constexpr float intersection_half_width = 0.012f;  // of the line's length
constexpr float intersection_pinch = 0.85f;

// `intersections`: draw the muscle's tendinous intersections (not in a lofted body, whose lines
// share their rings).
void line_rings(const Muscle& m, std::span<const glm::vec3> pts, float length, int rings, float section_scale, bool intersections, LineRings& out) {
    out.at.clear();
    for (int k = 0; k < rings; ++k) out.at.push_back(static_cast<float>(k) / static_cast<float>(rings - 1));
    if (intersections)
        for (const float f : m.shape.intersections)
            for (const float d : {-intersection_half_width, 0.0f, intersection_half_width}) out.at.push_back(f + d);
    std::sort(out.at.begin(), out.at.end());
    resample(pts, out.at, out.centre);
    // Visible tendons: about half the slack length (the rest is aponeurosis over the belly),
    // split 35 % proximal, 65 % distal, leaving at least 60 % belly.
    const float tendon = std::min(0.5f * m.params.l_ts_m / length, 0.4f);
    const float t0 = 0.35f * tendon, t1 = 1.0f - 0.65f * tendon;
    // The belly keeps its volume: it thickens as it shortens and thins as it lengthens (its
    // cross-section goes as one over its length), within limits so poses stay believable.
    const float neutral_length = std::max(m.neutral_length_m, 1e-3f);
    const float neutral_belly = neutral_length * (1.0f - std::min(0.5f * m.params.l_ts_m / neutral_length, 0.4f));
    const float belly_length = length * (1.0f - tendon);
    const float bulge = std::clamp(std::sqrt(neutral_belly / std::max(belly_length, 1e-3f)), 0.7f, 1.45f);
    // A belly never rounder than a spindle: radius at most a sixth of the line's length. (A
    // line that spans only part of its muscle, as the vasti's do, holds less than the muscle's
    // volume: drawn fuller it would be a ball.)
    const float r_belly = std::min(m.radius_m * bulge, max_belly_radius_per_length * length) * section_scale;
    const float r_tendon = std::max(0.18f * m.radius_m, 0.0025f) * section_scale;
    out.aspect = std::sqrt(m.shape.flatten);
    // Belly profile: a spindle rises smoothly out of each tendon and is full in the middle; a
    // strap's parallel fibres keep nearly the same width from end to end.
    const float fullness = m.shape.architecture == MuscleShape::Architecture::strap ? 0.15f : 0.6f;
    const std::size_t count = out.at.size();
    out.radius.resize(count);
    out.belly.resize(count);
    out.tint.assign(count, 1.0f);
    for (std::size_t k = 0; k < count; ++k) {
        const float s = out.at[k];
        float belly = 0.0f;
        if (s > t0 && s < t1) belly = std::pow(std::sin(core::pi * (s - t0) / (t1 - t0)), fullness);
        out.radius[k] = r_tendon + (r_belly - r_tendon) * belly;
        out.belly[k] = belly;
    }
    if (intersections)
        for (const float f : m.shape.intersections)
            for (std::size_t k = 0; k < count; ++k)
                if (std::abs(out.at[k] - f) < 1e-6f) {
                    out.tint[k] = 0.0f;
                    out.radius[k] *= intersection_pinch;
                }
}

glm::vec3 ring_tangent(const std::vector<glm::vec3>& centre, int k) {
    const int last = static_cast<int>(centre.size()) - 1;
    const glm::vec3 t = centre[static_cast<std::size_t>(std::min(k + 1, last))] - centre[static_cast<std::size_t>(std::max(k - 1, 0))];
    return glm::length(t) > 1e-9f ? glm::normalize(t) : glm::vec3(0, 1, 0);
}

// Closes a ring at each end of a sleeve with a fan around its mean point.
void close_ends(core::MeshData& mesh, std::vector<std::uint32_t>& ids, std::uint32_t base, std::uint32_t rings, std::uint32_t around,
                std::uint32_t id) {
    const std::uint32_t stride = around + 1;
    for (std::uint32_t end = 0; end < 2; ++end) {
        const std::uint32_t ring = end == 0 ? 0u : rings - 1;
        const std::uint32_t other = end == 0 ? 1u : rings - 2;
        glm::vec3 p{0.0f}, q{0.0f};
        for (std::uint32_t j = 0; j < around; ++j) {
            p += mesh.vertices[base + ring * stride + j].position;
            q += mesh.vertices[base + other * stride + j].position;
        }
        p /= static_cast<float>(around);
        q /= static_cast<float>(around);
        const auto centre_index = static_cast<std::uint32_t>(mesh.vertices.size());
        core::Vertex v;
        v.position = p;
        v.normal = glm::length(p - q) > 1e-9f ? glm::normalize(p - q) : glm::vec3(0, 1, 0);
        v.uv = {0.5f, static_cast<float>(end)};
        v.color = to_u8(tendon_color);
        mesh.vertices.push_back(v);
        ids.push_back(id);
        for (std::uint32_t j = 0; j < around; ++j) {
            const std::uint32_t a = base + ring * stride + j, b = a + 1;
            if (end == 0)
                mesh.indices.insert(mesh.indices.end(), {centre_index, b, a});
            else
                mesh.indices.insert(mesh.indices.end(), {centre_index, a, b});
        }
    }
}

// The quads between consecutive rings of `around` + 1 vertices (the last repeats the first, for uv).
void sleeve_indices(core::MeshData& mesh, std::uint32_t base, std::uint32_t rings, std::uint32_t around) {
    const std::uint32_t stride = around + 1;
    // Written through a pointer: push_back would reload the vector's end for every index.
    const std::size_t first_index = mesh.indices.size();
    mesh.indices.resize(first_index + static_cast<std::size_t>(6 * (rings - 1) * around));
    std::uint32_t* out = mesh.indices.data() + first_index;
    for (std::uint32_t k = 0; k + 1 < rings; ++k)
        for (std::uint32_t j = 0; j < around; ++j) {
            const std::uint32_t i0 = base + k * stride + j, i1 = i0 + 1, i2 = i0 + stride, i3 = i2 + 1;
            *out++ = i0, *out++ = i1, *out++ = i2, *out++ = i1, *out++ = i3, *out++ = i2;
        }
}

// One line as a tube with an elliptical cross-section, its flat side against the body.
void append_tube(const LineRings& line, const MuscleStyle& style, const BodyAxes& axes, std::span<const glm::vec2> around, core::MeshData& mesh,
                 std::vector<std::uint32_t>& ids) {
    const int rings = static_cast<int>(line.centre.size());
    const int sides = static_cast<int>(around.size()) - 1;
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    glm::vec3 prev_major{0.0f};
    for (int k = 0; k < rings; ++k) {
        const float s = line.at[static_cast<std::size_t>(k)];
        const glm::vec3 p = line.centre[static_cast<std::size_t>(k)];
        const glm::vec3 tangent = ring_tangent(line.centre, k);
        // Flat side against the body: the major axis runs across the outward direction.
        glm::vec3 major = glm::cross(tangent, outward(p, axes));
        if (glm::length(major) < 1e-4f) major = prev_major;
        if (glm::length(major) < 1e-4f) major = glm::cross(tangent, glm::vec3(1, 0, 0));
        major = glm::normalize(major - tangent * glm::dot(major, tangent));
        if (k > 0 && glm::dot(major, prev_major) < 0.0f) major = -major;  // no twist flips
        prev_major = major;
        const glm::vec3 minor = glm::cross(tangent, major);
        const float r = line.radius[static_cast<std::size_t>(k)];
        // Tendons are flat bands (aponeuroses widen into the belly): the section flattens toward
        // the tendon's aspect as the belly thins, keeping its area.
        const float aspect = glm::mix(tendon_aspect, line.aspect, line.belly[static_cast<std::size_t>(k)]);
        const float ra = r / aspect, rb = r * aspect;
        const float flesh = std::clamp(line.belly[static_cast<std::size_t>(k)] * 1.6f, 0.0f, 1.0f) * line.tint[static_cast<std::size_t>(k)];
        const glm::u8vec4 c = to_u8(glm::mix(tendon_color, style.color, flesh));
        const std::size_t first = mesh.vertices.size();
        mesh.vertices.resize(first + static_cast<std::size_t>(sides + 1));
        ids.insert(ids.end(), static_cast<std::size_t>(sides + 1), style.id | style.flags);
        core::Vertex* v = mesh.vertices.data() + first;
        for (int j = 0; j <= sides; ++j, ++v) {
            const float ct = around[static_cast<std::size_t>(j)].x, st = around[static_cast<std::size_t>(j)].y;
            v->position = p + major * (ct * ra) + minor * (st * rb);
            v->normal = glm::normalize(major * (ct / ra) + minor * (st / rb));
            v->uv = {static_cast<float>(j) / static_cast<float>(sides), s};
            v->color = c;
        }
    }
    sleeve_indices(mesh, base, static_cast<std::uint32_t>(rings), static_cast<std::uint32_t>(sides));
    close_ends(mesh, ids, base, static_cast<std::uint32_t>(rings), static_cast<std::uint32_t>(sides), style.id | style.flags);
}

// Several lines of one muscle as one body: at each ring a flat section through the lines'
// centres (a smooth curve across them), as thick at each line as its own cross-section area
// spread over its share of the width, with half-elliptical edges. Each line keeps its id and
// colour on its share of the surface; the colours blend between lines.
void append_loft(std::span<const LineRings> lines, std::span<const MuscleStyle* const> styles, const BodyAxes& axes, int sub, int edge,
                 core::MeshData& mesh, std::vector<std::uint32_t>& ids) {
    const int n = static_cast<int>(lines.size());
    const int rings = static_cast<int>(lines[0].centre.size());
    const int across = (n - 1) * sub + 1;  // samples along each face, line to line
    const int around = 2 * across + 2 * edge;
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    struct Sample {
        glm::vec3 p;
        float part;  // where across the lines: 0 first, n - 1 last
        float belly;
    };
    thread_local std::vector<Sample> loop;
    thread_local std::vector<glm::vec3> c, d, nrm, mids;
    thread_local std::vector<float> h, w;
    glm::vec3 prev_across{0.0f};
    for (int k = 0; k < rings; ++k) {
        const auto kk = static_cast<std::size_t>(k);
        c.resize(static_cast<std::size_t>(n));
        d.resize(static_cast<std::size_t>(n));
        nrm.resize(static_cast<std::size_t>(n));
        h.resize(static_cast<std::size_t>(n));
        w.resize(static_cast<std::size_t>(n));
        for (int p = 0; p < n; ++p) c[static_cast<std::size_t>(p)] = lines[static_cast<std::size_t>(p)].centre[kk];
        // Across the sheet at each line, and the sheet's normal (away from the body's axis).
        for (int p = 0; p < n; ++p) {
            const auto pp = static_cast<std::size_t>(p);
            const glm::vec3 t = ring_tangent(lines[pp].centre, k);
            glm::vec3 a = c[static_cast<std::size_t>(std::min(p + 1, n - 1))] - c[static_cast<std::size_t>(std::max(p - 1, 0))];
            a -= t * glm::dot(a, t);
            if (glm::length(a) < 1e-4f) a = prev_across;                          // the lines meet here
            if (glm::length(a) < 1e-4f) a = glm::cross(t, outward(c[pp], axes));  // as a tube would lie
            if (glm::length(a) < 1e-6f) a = glm::cross(t, glm::vec3(1, 0, 0));
            d[pp] = glm::normalize(a);
            nrm[pp] = glm::normalize(glm::cross(t, d[pp]));
        }
        prev_across = d[static_cast<std::size_t>(n / 2)];
        float target = 0.0f;  // the lines' cross-sections together
        // Each line's share of the width (half the gap to each neighbour; its own radius past the
        // edge lines) and the half-thickness that holds its cross-section there.
        for (int p = 0; p < n; ++p) {
            const auto pp = static_cast<std::size_t>(p);
            const float r = lines[pp].radius[kk];
            const float before = p > 0 ? 0.5f * glm::distance(c[pp], c[pp - 1]) : r;
            const float after = p + 1 < n ? 0.5f * glm::distance(c[pp], c[pp + 1]) : r;
            w[pp] = before + after;
            const float area = core::pi * r * r;
            h[pp] = std::clamp(area / (2.0f * std::max(w[pp], 1e-4f)), 0.25f * r, 1.3f * r);
            target += area;
        }
        // The section holds the lines' cross-sections together: its area (the faces' thickness
        // along the curve through the lines, and the half-elliptical edges) scaled to theirs, so
        // where the lines converge and the thickness stops growing the rest goes elsewhere.
        auto mid_at = [&](float u) {
            const int p0 = std::clamp(static_cast<int>(std::floor(u)), 0, n - 2);
            const float f = u - static_cast<float>(p0);
            const auto a = static_cast<std::size_t>(p0), b = a + 1;
            // Hermite across the lines (Catmull-Rom tangents), so the face curves smoothly.
            const glm::vec3 m0 = 0.5f * (c[b] - c[static_cast<std::size_t>(std::max(p0 - 1, 0))]);
            const glm::vec3 m1 = 0.5f * (c[static_cast<std::size_t>(std::min(p0 + 2, n - 1))] - c[a]);
            const float f2 = f * f, f3 = f2 * f;
            return (2 * f3 - 3 * f2 + 1) * c[a] + (f3 - 2 * f2 + f) * m0 + (-2 * f3 + 3 * f2) * c[b] + (f3 - f2) * m1;
        };
        auto thick_at = [&](float u) {
            const int p0 = std::clamp(static_cast<int>(std::floor(u)), 0, n - 2);
            return glm::mix(h[static_cast<std::size_t>(p0)], h[static_cast<std::size_t>(p0 + 1)], u - static_cast<float>(p0));
        };
        // The curve through the lines at each sample across, once: the area and both faces use it.
        mids.resize(static_cast<std::size_t>(across));
        for (int i = 0; i < across; ++i) mids[static_cast<std::size_t>(i)] = mid_at(static_cast<float>(i) / static_cast<float>(sub));
        float area =
            0.5f * core::pi * (lines[0].radius[kk] * h[0] + lines[static_cast<std::size_t>(n - 1)].radius[kk] * h[static_cast<std::size_t>(n - 1)]);
        for (int i = 0; i + 1 < across; ++i) {
            const float u0 = static_cast<float>(i) / static_cast<float>(sub), u1 = static_cast<float>(i + 1) / static_cast<float>(sub);
            area += (thick_at(u0) + thick_at(u1)) * glm::distance(mids[static_cast<std::size_t>(i)], mids[static_cast<std::size_t>(i + 1)]);
        }
        if (area > 1e-12f) {
            const float scale = std::clamp(target / area, 0.5f, 2.5f);
            for (float& t : h) t *= scale;
        }
        // The section's outline: the outer face from the last line to the first, round the first
        // line's edge, the inner face back, round the last line's edge. (This order makes the
        // triangles face out as the tubes' do.)
        loop.clear();
        auto on_face = [&](int i, float side) {
            const float u = static_cast<float>(i) / static_cast<float>(sub);
            const int p0 = std::clamp(static_cast<int>(std::floor(u)), 0, n - 2);
            const float f = u - static_cast<float>(p0);
            const auto a = static_cast<std::size_t>(p0), b = a + 1;
            const glm::vec3 mid = mids[static_cast<std::size_t>(i)];
            const glm::vec3 normal = glm::normalize(glm::mix(nrm[a], nrm[b], f));
            const float thick = thick_at(u);
            const float belly = glm::mix(lines[a].belly[kk], lines[b].belly[kk], f);
            loop.push_back({mid + normal * (side * thick), u, belly});
        };
        auto round_edge = [&](int p, float dir, bool down) {
            const auto pp = static_cast<std::size_t>(p);
            const float r = lines[pp].radius[kk];
            for (int i = 1; i <= edge; ++i) {
                const float psi = core::pi * (static_cast<float>(i) / static_cast<float>(edge + 1)) - 0.5f * core::pi;  // -90 to 90 degrees
                const float up = down ? -std::sin(psi) : std::sin(psi);
                loop.push_back({c[pp] + d[pp] * (dir * r * std::cos(psi)) + nrm[pp] * (h[pp] * up), static_cast<float>(p), lines[pp].belly[kk]});
            }
        };
        for (int i = across - 1; i >= 0; --i) on_face(i, 1.0f);
        round_edge(0, -1.0f, true);
        for (int i = 0; i < across; ++i) on_face(i, -1.0f);
        round_edge(n - 1, 1.0f, false);
        loop.push_back(loop.front());  // the seam, for uv

        const float s = static_cast<float>(k) / static_cast<float>(rings - 1);
        for (int j = 0; j <= around; ++j) {
            const Sample& q = loop[static_cast<std::size_t>(j)];
            const int p0 = std::clamp(static_cast<int>(std::floor(q.part)), 0, n - 1);
            const int p1 = std::min(p0 + 1, n - 1);
            const float f = q.part - static_cast<float>(p0);
            const glm::vec3 muscle = glm::mix(styles[static_cast<std::size_t>(p0)]->color, styles[static_cast<std::size_t>(p1)]->color, f);
            const MuscleStyle& nearest = *styles[static_cast<std::size_t>(f < 0.5f ? p0 : p1)];
            core::Vertex v;
            v.position = q.p;
            v.uv = {static_cast<float>(j) / static_cast<float>(around), s};
            v.color = to_u8(glm::mix(tendon_color, muscle, std::clamp(q.belly * 1.6f, 0.0f, 1.0f)));
            mesh.vertices.push_back(v);
            ids.push_back(nearest.id | nearest.flags);
        }
    }
    // Normals from the surface itself: across the loop and along the lines.
    const auto stride = static_cast<std::size_t>(around + 1);
    for (int k = 0; k < rings; ++k)
        for (int j = 0; j <= around; ++j) {
            auto at = [&](int kk, int jj) -> const glm::vec3& {
                jj = (jj % around + around) % around;
                return mesh.vertices[base + static_cast<std::size_t>(kk) * stride + static_cast<std::size_t>(jj)].position;
            };
            const glm::vec3 dj = at(k, j + 1) - at(k, j - 1);
            const glm::vec3 dk = at(std::min(k + 1, rings - 1), j) - at(std::max(k - 1, 0), j);
            const glm::vec3 nn = glm::cross(dj, dk);
            core::Vertex& v = mesh.vertices[base + static_cast<std::size_t>(k) * stride + static_cast<std::size_t>(j)];
            v.normal = glm::length(nn) > 1e-12f ? glm::normalize(nn) : glm::vec3(0, 1, 0);
        }
    sleeve_indices(mesh, base, static_cast<std::uint32_t>(rings), static_cast<std::uint32_t>(around));
    close_ends(mesh, ids, base, static_cast<std::uint32_t>(rings), static_cast<std::uint32_t>(around), styles[0]->id | styles[0]->flags);
}

}  // namespace

// [SECTION] Layers

namespace {

constexpr float layer_gap_m = 0.001f;  // between a superficial muscle and the one under it

// A drawn tube's ring: centre, the section's unit axes and half-widths along them.
struct SectionRing {
    glm::vec3 centre, major, minor;
    float ra, rb;
};

// The rings of a tube append_tube drew at vertices [begin, end) with `sides` sides.
void tube_sections(const core::MeshData& mesh, std::uint32_t begin, std::uint32_t end, int sides, std::vector<SectionRing>& out) {
    out.clear();
    const auto per_ring = static_cast<std::uint32_t>(sides + 1);
    const std::uint32_t rings = (end - begin - 2) / per_ring;  // two cap centres close it
    for (std::uint32_t k = 0; k < rings; ++k) {
        const core::Vertex* v = mesh.vertices.data() + begin + k * per_ring;
        glm::vec3 c{0.0f};
        for (int j = 0; j < sides; ++j) c += v[j].position;
        c /= static_cast<float>(sides);
        const glm::vec3 a = v[0].position - c, b = v[sides / 4].position - c;  // at 0 and 90 degrees
        const float ra = glm::length(a), rb = glm::length(b);
        if (ra < 1e-6f || rb < 1e-6f) continue;
        out.push_back({c, a / ra, b / rb, ra, rb});
    }
}

// How far a point must move along w (a unit direction) to leave the tube `deep`, with
// layer_gap_m to spare; 0 where it is outside or beyond the tube's ends.
// `from`, `to`: the stretches of the deep muscle's axis to look along.
float lift_out_of(std::span<const SectionRing> deep, const glm::vec3& q, const glm::vec3& w, std::size_t from, std::size_t to) {
    // The nearest stretch of the deep muscle's axis, unless the point lies beyond its ends.
    float best = 1e30f, best_t = 0.0f;
    std::size_t best_k = 0;
    for (std::size_t k = from; k < to && k + 1 < deep.size(); ++k) {
        const glm::vec3 e = deep[k + 1].centre - deep[k].centre;
        const float len2 = glm::dot(e, e);
        const float t = len2 > 1e-12f ? glm::clamp(glm::dot(q - deep[k].centre, e) / len2, 0.0f, 1.0f) : 0.0f;
        const float d = glm::distance(q, deep[k].centre + t * e);
        if (d < best) {
            best = d;
            best_t = t;
            best_k = k;
        }
    }
    if ((best_k == 0 && best_t <= 0.0f) || (best_k + 2 == deep.size() && best_t >= 1.0f)) return 0.0f;
    const SectionRing &r0 = deep[best_k], &r1 = deep[best_k + 1];
    const glm::vec3 c = glm::mix(r0.centre, r1.centre, best_t);
    const glm::vec3 a = glm::normalize(glm::mix(r0.major, r1.major, best_t)), b = glm::normalize(glm::mix(r0.minor, r1.minor, best_t));
    const float ra = glm::mix(r0.ra, r1.ra, best_t) + layer_gap_m, rb = glm::mix(r0.rb, r1.rb, best_t) + layer_gap_m;
    const glm::vec3 d = q - c;
    const float x = glm::dot(d, a), y = glm::dot(d, b);
    const float inside = (x / ra) * (x / ra) + (y / rb) * (y / rb);
    if (inside >= 1.0f) return 0.0f;
    // Along w to the section's edge: ((x + l wx) / ra)^2 + ((y + l wy) / rb)^2 = 1, l > 0.
    const float wx = glm::dot(w, a), wy = glm::dot(w, b);
    const float qa = (wx / ra) * (wx / ra) + (wy / rb) * (wy / rb);
    if (qa < 1e-9f) return 0.0f;
    const float qb = 2.0f * (x * wx / (ra * ra) + y * wy / (rb * rb));
    return (-qb + std::sqrt(std::max(qb * qb - 4.0f * (inside - 1.0f) * qa, 0.0f))) / (2.0f * qa);
}

// Lifts the tube drawn at vertices [begin, end) (append_tube's layout) off the tube `deep`,
// outward from the body's axis: each ring moves whole, as far as its deepest vertex needs, so the
// muscle keeps its section and lies over the deep one; the lifts are smoothed along the muscle.
void lay_over(std::span<const SectionRing> deep, const BodyAxes& axes, int sides, core::MeshData& mesh, std::uint32_t begin, std::uint32_t end) {
    if (deep.size() < 2) return;
    const auto per_ring = static_cast<std::uint32_t>(sides + 1);
    const std::uint32_t rings = (end - begin - 2) / per_ring;
    thread_local std::vector<glm::vec3> dir;
    thread_local std::vector<float> lift, smooth;
    dir.assign(rings, glm::vec3(0.0f));
    lift.assign(rings, 0.0f);
    // The deep muscle's box, with its widest section: rings wholly outside it are clear.
    glm::vec3 lo(1e30f), hi(-1e30f);
    float widest = 0.0f;
    for (const SectionRing& r : deep) {
        lo = glm::min(lo, r.centre);
        hi = glm::max(hi, r.centre);
        widest = std::max({widest, r.ra, r.rb});
    }
    lo -= glm::vec3(widest + layer_gap_m);
    hi += glm::vec3(widest + layer_gap_m);
    bool any = false;
    for (std::uint32_t k = 0; k < rings; ++k) {
        const core::Vertex* v = mesh.vertices.data() + begin + k * per_ring;
        glm::vec3 c{0.0f}, rlo(1e30f), rhi(-1e30f);
        for (int j = 0; j < sides; ++j) {
            c += v[j].position;
            rlo = glm::min(rlo, v[j].position);
            rhi = glm::max(rhi, v[j].position);
        }
        if (glm::any(glm::lessThan(rhi, lo)) || glm::any(glm::greaterThan(rlo, hi))) continue;
        c /= static_cast<float>(sides);
        // The stretch of the deep axis nearest the ring's centre, and one either side: a ring is
        // much smaller than the stretches.
        std::size_t near = 0;
        float nearest = 1e30f;
        for (std::size_t s = 0; s + 1 < deep.size(); ++s) {
            const float d = glm::distance(c, 0.5f * (deep[s].centre + deep[s + 1].centre));
            if (d < nearest) {
                nearest = d;
                near = s;
            }
        }
        const std::size_t from = near > 0 ? near - 1 : 0, to = near + 2;
        dir[k] = outward(c, axes);
        for (int j = 0; j < sides; ++j) lift[k] = std::max(lift[k], lift_out_of(deep, v[j].position, dir[k], from, to));
        any = any || lift[k] > 0.0f;
    }
    if (!any) return;
    // Each ring as high as its neighbours need, then averaged: a smooth rise along the muscle.
    smooth.assign(rings, 0.0f);
    for (std::uint32_t k = 0; k < rings; ++k) smooth[k] = std::max({lift[k], k > 0 ? lift[k - 1] : 0.0f, k + 1 < rings ? lift[k + 1] : 0.0f});
    for (std::uint32_t k = 0; k < rings; ++k)
        lift[k] = 0.25f * (k > 0 ? smooth[k - 1] : smooth[k]) + 0.5f * smooth[k] + 0.25f * (k + 1 < rings ? smooth[k + 1] : smooth[k]);
    for (std::uint32_t k = 0; k < rings; ++k) {
        if (lift[k] <= 0.0f) continue;
        core::Vertex* v = mesh.vertices.data() + begin + k * per_ring;
        for (std::uint32_t j = 0; j < per_ring; ++j) v[j].position += dir[k] * lift[k];
    }
    // The end caps' centres follow their rings.
    mesh.vertices[begin + rings * per_ring].position += dir[0] * lift[0];
    mesh.vertices[begin + rings * per_ring + 1].position += dir[rings - 1] * lift[rings - 1];
}

}  // namespace

void build_muscle_mesh(const MuscleCatalogue& catalogue, const MusclePaths& paths, std::span<const MuscleStyle> styles, const BodyAxes& axes,
                       const MuscleMeshSettings& settings, core::MeshData& mesh, std::vector<std::uint32_t>& ids) {
    ANATOMY_ASSERT(styles.size() == catalogue.muscles.size(), "one style per muscle");
    const int rings = std::max(settings.rings, 3), sides = std::max(settings.sides, 3);
    // The bellies are sized on the standard level's section (a polygon inside the ellipse): a
    // level with more sides keeps the same area.
    auto polygon_area = [](int n) { return 0.5f * static_cast<float>(n) * std::sin(2.0f * core::pi / static_cast<float>(n)); };
    const float section_scale = std::sqrt(polygon_area(MuscleMeshSettings{}.sides) / polygon_area(sides));
    // The cross-section's angles are the same for every ring of every muscle.
    thread_local std::vector<glm::vec2> around;
    around.clear();
    for (int j = 0; j <= sides; ++j) {
        const float th = 2.0f * core::pi * static_cast<float>(j) / static_cast<float>(sides);
        around.emplace_back(std::cos(th), std::sin(th));
    }
    const std::size_t muscle_vertices = static_cast<std::size_t>(rings * (sides + 1) + 2);
    const std::size_t muscle_indices = static_cast<std::size_t>(6 * (rings - 1) * sides + 6 * sides);
    mesh.vertices.reserve(mesh.vertices.size() + muscle_vertices * catalogue.muscles.size());
    mesh.indices.reserve(mesh.indices.size() + muscle_indices * catalogue.muscles.size());
    ids.reserve(ids.size() + muscle_vertices * catalogue.muscles.size());
    auto drawable = [&](std::size_t mi) { return styles[mi].visible && paths.path(mi).size() >= 2 && paths.length_m[mi] > 1e-4f; };
    thread_local LineRings one;
    // Where each muscle drawn as a tube of its own lies in the mesh (empty: not one).
    thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> tube;
    tube.assign(catalogue.muscles.size(), {0u, 0u});
    const bool lofted = catalogue.loft_of.size() == catalogue.muscles.size();
    for (std::size_t mi = 0; mi < catalogue.muscles.size(); ++mi) {
        if (!drawable(mi)) continue;
        if (lofted && catalogue.loft_of[mi] >= 0) {
            // A line of a muscle drawn as one body: drawn with its body, unless it is the only
            // line of it shown.
            const auto& loft = catalogue.lofts[static_cast<std::size_t>(catalogue.loft_of[mi])];
            if (std::count_if(loft.begin(), loft.end(), drawable) >= 2) continue;
        }
        line_rings(catalogue.muscles[mi], paths.path(mi), paths.length_m[mi], rings, section_scale, true, one);
        const auto begin = static_cast<std::uint32_t>(mesh.vertices.size());
        append_tube(one, styles[mi], axes, around, mesh, ids);
        tube[mi] = {begin, static_cast<std::uint32_t>(mesh.vertices.size())};
    }
    // Superficial muscles over deep ones (the catalogue's layers), both drawn as tubes here.
    // The superficial one's surface moves out over the deep one's outer face.
    thread_local std::vector<SectionRing> sections;
    for (const auto& [over, under] : catalogue.covers) {
        if (over >= tube.size() || under >= tube.size() || tube[over].first == tube[over].second || tube[under].first == tube[under].second) continue;
        if (sides % 4 != 0) break;  // the sections are read at 0 and 90 degrees
        tube_sections(mesh, tube[under].first, tube[under].second, sides, sections);
        lay_over(sections, axes, sides, mesh, tube[over].first, tube[over].second);
    }
    if (!lofted) return;
    // Across a body: a few samples between lines and round each edge, from the tubes' sides.
    const int sub = std::max(2, sides / 3), edge = std::max(2, sides / 3);
    thread_local std::vector<LineRings> lines;
    thread_local std::vector<const MuscleStyle*> line_styles;
    for (const auto& loft : catalogue.lofts) {
        std::size_t count = 0;
        line_styles.clear();
        for (std::size_t mi : loft) {
            if (!drawable(mi)) continue;
            if (lines.size() <= count) lines.emplace_back();
            line_rings(catalogue.muscles[mi], paths.path(mi), paths.length_m[mi], rings, section_scale, false, lines[count++]);
            line_styles.push_back(&styles[mi]);
        }
        if (count < 2) continue;
        append_loft(std::span<const LineRings>(lines.data(), count), line_styles, axes, sub, edge, mesh, ids);
    }
}

}  // namespace anat
