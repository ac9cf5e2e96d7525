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
void resample(std::span<const glm::vec3> pts, int count, std::vector<glm::vec3>& out) {
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
    for (int k = 0; k < count; ++k) {
        const float s = total * static_cast<float>(k) / static_cast<float>(count - 1);
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

}  // namespace

void build_muscle_mesh(const MuscleCatalogue& catalogue, const MusclePaths& paths, std::span<const MuscleStyle> styles, const BodyAxes& axes,
                       const MuscleMeshSettings& settings, core::MeshData& mesh, std::vector<std::uint32_t>& ids) {
    ANATOMY_ASSERT(styles.size() == catalogue.muscles.size(), "one style per muscle");
    const int rings = std::max(settings.rings, 3), sides = std::max(settings.sides, 3);
    const glm::vec3 tendon_color{0.86f, 0.83f, 0.76f};
    thread_local std::vector<glm::vec3> centre;
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
    for (std::size_t mi = 0; mi < catalogue.muscles.size(); ++mi) {
        const MuscleStyle& style = styles[mi];
        const auto pts = paths.path(mi);
        if (!style.visible || pts.size() < 2) continue;
        const Muscle& m = catalogue.muscles[mi];
        const float length = paths.length_m[mi];
        if (!(length > 1e-4f)) continue;
        resample(pts, rings, centre);

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
        const float r_belly = std::min(m.radius_m * bulge, max_belly_radius_per_length * length);
        const float r_tendon = std::max(0.18f * m.radius_m, 0.0025f);
        const float aspect = std::sqrt(m.shape.flatten);  // major = r / aspect, minor = r * aspect

        const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
        glm::vec3 prev_major{0.0f};
        for (int k = 0; k < rings; ++k) {
            const float s = static_cast<float>(k) / static_cast<float>(rings - 1);
            const glm::vec3 p = centre[static_cast<std::size_t>(k)];
            const glm::vec3 a = centre[static_cast<std::size_t>(std::max(k - 1, 0))];
            const glm::vec3 b = centre[static_cast<std::size_t>(std::min(k + 1, rings - 1))];
            glm::vec3 tangent = b - a;
            tangent = glm::length(tangent) > 1e-9f ? glm::normalize(tangent) : glm::vec3(0, 1, 0);
            // Flat side against the body: the major axis runs across the outward direction.
            glm::vec3 major = glm::cross(tangent, outward(p, axes));
            if (glm::length(major) < 1e-4f) major = prev_major;
            if (glm::length(major) < 1e-4f) major = glm::cross(tangent, glm::vec3(1, 0, 0));
            major = glm::normalize(major - tangent * glm::dot(major, tangent));
            if (k > 0 && glm::dot(major, prev_major) < 0.0f) major = -major;  // no twist flips
            prev_major = major;
            const glm::vec3 minor = glm::cross(tangent, major);

            // Belly profile: smooth rise out of each tendon, full in the middle.
            float belly = 0.0f;
            if (s > t0 && s < t1) {
                const float u = (s - t0) / (t1 - t0);
                belly = std::pow(std::sin(core::pi * u), 0.6f);
            }
            const float r = r_tendon + (r_belly - r_tendon) * belly;
            const float ra = r / aspect, rb = r * aspect;
            const glm::u8vec4 c = to_u8(glm::mix(tendon_color, style.color, std::clamp(belly * 1.6f, 0.0f, 1.0f)));
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
        const auto stride = static_cast<std::uint32_t>(sides + 1);
        // Written through a pointer: push_back would reload the vector's end for every index.
        const std::size_t first_index = mesh.indices.size();
        mesh.indices.resize(first_index + static_cast<std::size_t>(6 * (rings - 1) * sides));
        std::uint32_t* out = mesh.indices.data() + first_index;
        for (std::uint32_t k = 0; k + 1 < static_cast<std::uint32_t>(rings); ++k)
            for (std::uint32_t j = 0; j < static_cast<std::uint32_t>(sides); ++j) {
                const std::uint32_t i0 = base + k * stride + j, i1 = i0 + 1, i2 = i0 + stride, i3 = i2 + 1;
                *out++ = i0, *out++ = i1, *out++ = i2, *out++ = i1, *out++ = i3, *out++ = i2;
            }
        // Close both ends with a fan around the end point (the tendon is thin there).
        for (int end = 0; end < 2; ++end) {
            const std::uint32_t ring = end == 0 ? 0u : static_cast<std::uint32_t>(rings - 1);
            const glm::vec3 p = centre[ring];
            const glm::vec3 t = glm::normalize(end == 0 ? centre[0] - centre[1] : centre[ring] - centre[ring - 1]);
            const auto centre_index = static_cast<std::uint32_t>(mesh.vertices.size());
            core::Vertex v;
            v.position = p;
            v.normal = t;
            v.uv = {0.5f, static_cast<float>(end)};
            v.color = to_u8(tendon_color);
            mesh.vertices.push_back(v);
            ids.push_back(style.id | style.flags);
            for (std::uint32_t j = 0; j < static_cast<std::uint32_t>(sides); ++j) {
                const std::uint32_t a = base + ring * stride + j, b = a + 1;
                if (end == 0)
                    mesh.indices.insert(mesh.indices.end(), {centre_index, b, a});
                else
                    mesh.indices.insert(mesh.indices.end(), {centre_index, a, b});
            }
        }
    }
}

}  // namespace anat
