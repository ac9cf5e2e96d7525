// bonegen/generator.cpp
//
// [SECTION] Symmetry and the part list
// [SECTION] Landmark tubercles
// [SECTION] Meshing (parallel, deterministic)
// [SECTION] Ambient occlusion and colour
// [SECTION] Layout
#include "bonegen/generator.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "bonegen/mesher.hpp"
#include "bonegen/parts.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace bonegen {

namespace {

// [SECTION] Symmetry and the part list

std::string swap_suffix(const std::string& s, const std::string& from, const std::string& to) {
    if (s.size() >= from.size() && s.compare(s.size() - from.size(), from.size(), from) == 0) return s.substr(0, s.size() - from.size()) + to;
    return s;
}

// True when every left joint and landmark is its right counterpart mirrored in x (within 10 um)
// and everything in the midline is on it. Then left parts are mirrored copies of the right ones.
bool rig_is_symmetric(const anat::Skeleton& s) {
    constexpr float tol = 1e-5f;
    auto mirrored = [&](const glm::vec3& a, const glm::vec3& b) { return glm::length(a - glm::vec3(-b.x, b.y, b.z)) < tol; };
    for (const auto& j : s.joints) {
        const std::string other = swap_suffix(j.name, "_l", "_r");
        if (other == j.name) {
            if (swap_suffix(j.name, "_r", "_l") == j.name && std::abs(j.rest_world.x) > tol) return false;
            continue;
        }
        const int r = s.find_joint(other);
        if (r < 0 || !mirrored(j.rest_world, s.joints[static_cast<std::size_t>(r)].rest_world)) return false;
    }
    for (std::size_t i = 0; i < s.landmarks.size(); ++i) {
        const auto& l = s.landmarks[i];
        const std::string other = swap_suffix(l.name, "_l", "_r");
        if (other == l.name) continue;  // right or midline: checked from the left side
        const int r = s.find_landmark(other);
        if (r < 0 || !mirrored(s.landmark_rest_world(static_cast<int>(i)), s.landmark_rest_world(r))) return false;
        if (swap_suffix(l.bone, "_l", "_r") != s.landmarks[static_cast<std::size_t>(r)].bone) return false;
    }
    return true;
}

bool bilateral(const std::string& name) { return swap_suffix(name, "_r", "") != name; }

std::vector<Part> build_parts(const Rig& rig, bool symmetric, bool skin) {
    std::vector<Part> parts;
    build_pelvis(rig, parts);
    build_spine(rig, parts);
    build_sternum(rig, parts);
    build_skull(rig, parts);
    for (const Side* side : {&right_side, &left_side}) {
        if (symmetric && !side->right()) break;
        build_hip_bone(rig, *side, parts);
        build_thorax(rig, *side, parts);
        build_upper_limb(rig, *side, parts);
        build_lower_limb(rig, *side, parts);
    }
    if (skin) build_skin(rig, parts);
    if (symmetric) {
        const std::size_t n = parts.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (!bilateral(parts[i].name)) continue;
            Part left;
            left.name = swap_suffix(parts[i].name, "_r", "_l");
            left.joint = swap_suffix(parts[i].joint, "_r", "_l");
            left.tissue = parts[i].tissue;
            left.step_m = parts[i].step_m;
            left.budget = parts[i].budget;
            left.mirror_of = static_cast<int>(i);
            parts.push_back(std::move(left));
        }
    }
    return parts;
}

// [SECTION] Landmark tubercles

// True when at least 40 % of 26 rays from p meet the shape's surface within `reach` (a socket
// covers about half the directions).
bool enclosed(const Shape& shape, const glm::vec3& p, float reach) {
    int hits = 0, rays = 0;
    for (int dx = -1; dx <= 1; ++dx)
        for (int dy = -1; dy <= 1; ++dy)
            for (int dz = -1; dz <= 1; ++dz) {
                if (dx == 0 && dy == 0 && dz == 0) continue;
                const glm::vec3 dir = glm::normalize(glm::vec3(static_cast<float>(dx), static_cast<float>(dy), static_cast<float>(dz)));
                ++rays;
                float t = 0.0f;
                for (int it = 0; it < 64 && t < reach; ++it) {
                    const float d = shape.eval(p + dir * t);
                    if (d < 1e-4f) {
                        ++hits;
                        break;
                    }
                    t += d;
                }
            }
    return hits * 5 >= rays * 2;
}

// Where a surface landmark lies off its bone, grow a small smooth tubercle out to it; report
// landmarks deep inside (they cannot be fixed by adding bone).
void fit_landmarks(Part& part, const Rig& rig, std::vector<std::string>& warnings) {
    const anat::Skeleton& s = rig.skeleton();
    for (std::size_t i = 0; i < s.landmarks.size(); ++i) {
        const anat::Landmark& l = s.landmarks[i];
        if (l.bone != part.name) continue;
        const glm::vec3 p = s.landmark_rest_world(static_cast<int>(i));
        const float d = part.shape.eval(p);
        if (l.kind == anat::LandmarkKind::centre) {
            // A joint centre may lie in its bone's socket rather than in bone (hip_center in the
            // acetabulum): accept it when most directions from it meet the bone within 4 cm.
            if (d >= 0.0f && !enclosed(part.shape, p, rig.mm(40.0f)))
                warnings.push_back("landmark " + l.name + " (a centre) lies outside " + part.name);
            continue;
        }
        // Muscle attachments do not reshape the bone: they are marked on its surface after meshing.
        if (l.name.find("_origin_") != std::string::npos || l.name.find("_insertion_") != std::string::npos) continue;
        if (d < -rig.mm(2.5f)) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "landmark %s lies %.1f mm inside %s", l.name.c_str(), -d * 1e3, part.name.c_str());
            warnings.emplace_back(buf);
            continue;
        }
        if (d <= rig.mm(0.8f)) continue;
        glm::vec3 target = p;
        for (int round = 0; round < 3; ++round) {
            const glm::vec3 q = part.shape.project(target, 8);
            glm::vec3 out = target - q;
            const float gap = glm::length(out);
            out = gap > 1e-6f ? out / gap : part.shape.normal(target);
            const float r = std::clamp(0.4f * gap, rig.mm(1.5f), rig.mm(4.0f));
            part.shape.add(capsule(q - out * r, target - out * r, r), r * 0.8f);
            const float now = part.shape.eval(p);
            if (now <= rig.mm(0.5f)) break;
            target = p + out * now;  // reach a little further
        }
    }
}

// [SECTION] Meshing (parallel, deterministic)

// Lattice step: fine detail samples about 1.6 times as densely (about 1 mm for the pelvis);
// coarse (tests) a third less. The skin's step hardly matters to its smooth outline.
float step_for(const Part& p, Detail d, float k) {
    const float base = p.step_m * k;
    const bool skin = p.tissue == Tissue::skin;
    switch (d) {
        case Detail::coarse: return skin ? base : base * 1.35f;
        case Detail::standard: return base;
        case Detail::fine: return skin ? base * 0.75f : std::max(base * 0.62f, 0.0005f * k);
    }
    return base;
}

// Triangle budget: fine detail about four times the default (skin 1.25 times), coarse 60 %.
std::size_t budget_for(const Part& p, Detail d) {
    const auto b = static_cast<std::size_t>(std::max(p.budget, 8));
    switch (d) {
        case Detail::coarse: return std::max<std::size_t>(b * 3 / 5, 8);
        case Detail::standard: return b;
        case Detail::fine: return p.tissue == Tissue::skin ? b * 5 / 4 : b * 21 / 5;
    }
    return b;
}

// [SECTION] Ambient occlusion and colour

struct Occluder {
    const Shape* shape;
    bool mirrored;
    Box box;
    float eval(const glm::vec3& p) const { return shape->eval(mirrored ? glm::vec3(-p.x, p.y, p.z) : p); }
};

Box mirrored_box(const Box& b) { return {{-b.max.x, b.min.y, b.min.z}, {-b.min.x, b.max.y, b.max.z}}; }

std::uint8_t occlusion(const glm::vec3& p, const glm::vec3& n, const std::vector<const Occluder*>& near, float reach) {
    constexpr int samples = 5;
    float occ = 0.0f, weight = 1.0f, total = 0.0f;
    for (int i = 1; i <= samples; ++i) {
        const float delta = reach * static_cast<float>(i) / samples;
        const glm::vec3 q = p + n * delta;
        float d = 1e30f;
        for (const Occluder* o : near)
            if (o->box.distance(q) < d) d = std::min(d, o->eval(q));
        occ += weight * std::clamp((delta - d) / delta, 0.0f, 1.0f);
        total += weight;
        weight *= 0.7f;
    }
    const float ao = std::clamp(1.0f - 1.15f * occ / total, 0.18f, 1.0f);
    return static_cast<std::uint8_t>(std::lround(ao * 255.0f));
}

glm::u8vec3 tissue_rgb(Tissue t) {
    switch (t) {
        case Tissue::bone: return bone_rgb;
        case Tissue::cartilage: return cartilage_rgb;
        case Tissue::skin: return skin_rgb;
    }
    return bone_rgb;
}

std::string region_of(const std::string& name) {
    static const std::pair<const char*, const char*> prefixes[] = {{"hip_bone", "pelvis"},
                                                                   {"sacrum", "pelvis"},
                                                                   {"coccyx", "pelvis"},
                                                                   {"vertebra_l", "lumbar spine"},
                                                                   {"vertebra_t", "thoracic spine"},
                                                                   {"vertebra_c", "cervical spine"},
                                                                   {"disc_", "discs"},
                                                                   {"rib_", "ribs and sternum"},
                                                                   {"costal", "ribs and sternum"},
                                                                   {"sternum", "ribs and sternum"},
                                                                   {"skull", "skull"},
                                                                   {"mandible", "skull"},
                                                                   {"clavicle", "shoulders and arms"},
                                                                   {"scapula", "shoulders and arms"},
                                                                   {"humerus", "shoulders and arms"},
                                                                   {"ulna", "shoulders and arms"},
                                                                   {"radius", "shoulders and arms"},
                                                                   {"carpals", "hands"},
                                                                   {"metacarpal", "hands"},
                                                                   {"finger", "hands"},
                                                                   {"femur", "femora"},
                                                                   {"patella", "knees and legs"},
                                                                   {"tibia", "knees and legs"},
                                                                   {"fibula", "knees and legs"},
                                                                   {"skin", "skin"}};
    for (const auto& [p, r] : prefixes)
        if (name.rfind(p, 0) == 0) return r;
    return "feet";
}

// Distance from p to the nearest triangle, and whether p is inside (winding number).
glm::vec3 closest_on_triangle(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, const glm::vec3& c) {
    const glm::vec3 ab = b - a, ac = c - a, ap = p - a;
    const float d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return a;
    const glm::vec3 bp = p - b;
    const float d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0.0f && d4 <= d3) return b;
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) return a + ab * (d1 / (d1 - d3));
    const glm::vec3 cp = p - c;
    const float d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0.0f && d5 <= d6) return c;
    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) return a + ac * (d2 / (d2 - d6));
    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.0f && (d4 - d3) >= 0.0f && (d5 - d6) >= 0.0f) return b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
    const float denom = 1.0f / (va + vb + vc);
    return a + ab * (vb * denom) + ac * (vc * denom);
}

}  // namespace

anat::Skeleton skeleton_for_bake(const anat::SkeletonParams& params) {
    anat::Skeleton skeleton = anat::build_default_skeleton(params);
    anat::add_attachment_landmarks(skeleton, anat::load_default_muscle_catalogue(skeleton));
    return skeleton;
}

float distance_to_mesh(const std::vector<core::Vertex>& v, const std::vector<std::uint32_t>& idx, const glm::vec3& p) {
    float best = 1e30f;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        const glm::vec3 q = closest_on_triangle(p, v[idx[t]].position, v[idx[t + 1]].position, v[idx[t + 2]].position);
        best = std::min(best, glm::length(p - q));
    }
    return best;
}

glm::vec3 closest_point_on_mesh(const std::vector<core::Vertex>& v, const std::vector<std::uint32_t>& idx, const glm::vec3& p) {
    float best = 1e30f;
    glm::vec3 at = p;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        const glm::vec3 q = closest_on_triangle(p, v[idx[t]].position, v[idx[t + 1]].position, v[idx[t + 2]].position);
        const float d = glm::length(p - q);
        if (d < best) {
            best = d;
            at = q;
        }
    }
    return at;
}

bool point_inside_mesh(const std::vector<core::Vertex>& v, const std::vector<std::uint32_t>& idx, const glm::vec3& p) {
    // Generalised winding number: the solid angles of all triangles sum to 4 pi inside.
    double total = 0.0;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
        const glm::dvec3 a = glm::dvec3(v[idx[t]].position - p), b = glm::dvec3(v[idx[t + 1]].position - p),
                         c = glm::dvec3(v[idx[t + 2]].position - p);
        const double la = glm::length(a), lb = glm::length(b), lc = glm::length(c);
        const double num = glm::dot(a, glm::cross(b, c));
        const double den = la * lb * lc + glm::dot(a, b) * lc + glm::dot(b, c) * la + glm::dot(c, a) * lb;
        total += 2.0 * std::atan2(num, den);
    }
    return total / (4.0 * core::pi) > 0.5;
}

namespace {

// [SECTION] Layout

core::MeshData mirrored_mesh(const core::MeshData& src, const std::string& name) {
    core::MeshData m = src;
    m.name = name;
    for (auto& v : m.vertices) {
        v.position.x = -v.position.x;
        v.normal.x = -v.normal.x;
    }
    for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) std::swap(m.indices[t + 1], m.indices[t + 2]);
    return m;
}

}  // namespace

SkeletonAsset generate_skeleton(const anat::Skeleton& skeleton, const Options& options) {
    const auto t0 = std::chrono::steady_clock::now();
    const Rig rig(skeleton);
    const bool symmetric = rig_is_symmetric(skeleton);
    std::vector<Part> parts = build_parts(rig, symmetric, options.skin);
    if (!options.only.empty()) {
        // Keep the named parts; a left part copied from the right keeps its source, unnamed.
        std::vector<Part> kept;
        std::map<int, int> moved;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool wanted = std::find(options.only.begin(), options.only.end(), parts[i].name) != options.only.end();
            bool source_of_wanted = false;
            for (const auto& p : parts)
                if (p.mirror_of == static_cast<int>(i) && std::find(options.only.begin(), options.only.end(), p.name) != options.only.end())
                    source_of_wanted = true;
            if (!wanted && !source_of_wanted) continue;
            moved[static_cast<int>(i)] = static_cast<int>(kept.size());
            kept.push_back(std::move(parts[i]));
            if (!wanted) kept.back().name = "(source) " + kept.back().name;
        }
        for (auto& p : kept)
            if (p.mirror_of >= 0) p.mirror_of = moved.at(p.mirror_of);
        parts = std::move(kept);
    }

    SkeletonAsset asset;
    Report& report = asset.report;
    for (auto& p : parts)
        if (p.mirror_of < 0 && p.tissue != Tissue::skin) fit_landmarks(p, rig, report.warnings);

    const int threads = options.threads > 0 ? options.threads : core::worker_threads();
    // Biggest first, so the pool ends together.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (parts[i].mirror_of < 0) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Box ba = parts[a].shape.bounds(), bb = parts[b].shape.bounds();
        const glm::vec3 sa = ba.size() / parts[a].step_m, sb = bb.size() / parts[b].step_m;
        return sa.x * sa.y + sa.y * sa.z + sa.z * sa.x > sb.x * sb.y + sb.y * sb.z + sb.z * sb.x;
    });

    std::vector<RawMesh> meshes(parts.size());
    std::vector<Report::PartTiming> timings(parts.size());
    core::parallel_for(order.size(), threads, [&](std::size_t job) {
        const std::size_t i = order[job];
        const Part& p = parts[i];
        const auto start = std::chrono::steady_clock::now();
        const float step = step_for(p, options.detail, rig.k());
        const RawMesh raw = extract_surface(p.shape, step);
        meshes[i] = simplify(raw, budget_for(p, options.detail), p.shape, step);
        timings[i] = {p.name, raw.triangle_count(), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
    });
    for (std::size_t i : order) report.parts.push_back(timings[i]);

    // Occluders: every part's field, left copies through the mirror.
    std::vector<Occluder> occluders(parts.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool mir = parts[i].mirror_of >= 0;
        const Part& src = mir ? parts[static_cast<std::size_t>(parts[i].mirror_of)] : parts[i];
        occluders[i] = {&src.shape, mir, mir ? mirrored_box(src.shape.bounds()) : src.shape.bounds()};
    }
    const float reach = rig.mm(9.0f);
    std::vector<core::MeshData> finished(parts.size());
    core::parallel_for(order.size(), threads, [&](std::size_t job) {
        const std::size_t i = order[job];
        const Part& p = parts[i];
        const RawMesh& m = meshes[i];
        std::vector<const Occluder*> near;
        if (p.tissue != Tissue::skin) {
            const Box mine = p.shape.bounds().expanded(reach);
            for (std::size_t j = 0; j < parts.size(); ++j) {
                if (parts[j].tissue == Tissue::skin) continue;
                const Box& b = occluders[j].box;
                if (b.min.x <= mine.max.x && b.max.x >= mine.min.x && b.min.y <= mine.max.y && b.max.y >= mine.min.y && b.min.z <= mine.max.z &&
                    b.max.z >= mine.min.z)
                    near.push_back(&occluders[j]);
            }
        }
        core::MeshData out;
        out.name = p.name;
        out.vertices.resize(m.positions.size());
        const glm::u8vec3 base = tissue_rgb(p.tissue);
        const bool tinted = !p.cartilage.empty();
        for (std::size_t v = 0; v < m.positions.size(); ++v) {
            core::Vertex& vx = out.vertices[v];
            vx.position = m.positions[v];
            vx.normal = p.shape.normal(m.positions[v]);
            glm::vec3 rgb = glm::vec3(base);
            if (tinted) {
                const float c = p.cartilage.eval(m.positions[v]);
                const float w = std::clamp(0.5f - c / rig.mm(1.2f), 0.0f, 1.0f);
                rgb = glm::mix(rgb, glm::vec3(cartilage_rgb), w);
            }
            const std::uint8_t ao = near.empty() ? std::uint8_t{255} : occlusion(vx.position, vx.normal, near, reach);
            vx.color = {static_cast<std::uint8_t>(std::lround(rgb.r)), static_cast<std::uint8_t>(std::lround(rgb.g)),
                        static_cast<std::uint8_t>(std::lround(rgb.b)), ao};
        }
        out.indices = m.indices;
        finished[i] = std::move(out);
    });
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (parts[i].mirror_of >= 0) finished[i] = mirrored_mesh(finished[static_cast<std::size_t>(parts[i].mirror_of)], parts[i].name);

    // How well the finished meshes carry the landmarks (world coordinates still). A muscle
    // attachment is marked where its bone's surface is nearest the published point (the attachment
    // region): they differ by millimetres for most, by centimetres where the published point
    // stands for something we do not model as bone (gait2392's quadriceps insert on a moving
    // patella point in the tibia's frame; the abdominal insertions sit on a generic rib cage). The
    // muscle path keeps the published point.
    std::vector<glm::vec3> landmark_position(skeleton.landmarks.size());
    for (std::size_t li = 0; li < skeleton.landmarks.size(); ++li) landmark_position[li] = skeleton.landmarks[li].position;
    auto is_attachment = [](const std::string& name) {
        return name.find("_origin_") != std::string::npos || name.find("_insertion_") != std::string::npos;
    };
    for (std::size_t li = 0; li < skeleton.landmarks.size(); ++li) {
        const anat::Landmark& l = skeleton.landmarks[li];
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].name != l.bone) continue;
            glm::vec3 p = skeleton.landmark_rest_world(static_cast<int>(li));
            constexpr float on_surface_m = 0.0025f;
            if (l.kind == anat::LandmarkKind::surface && is_attachment(l.name)) {
                const glm::vec3 q = closest_point_on_mesh(finished[i].vertices, finished[i].indices, p);
                const float off = glm::length(q - p);
                if (off > on_surface_m) {
                    landmark_position[li] += q - p;
                    p = q;
                }
            }
            Report::LandmarkFit fit{l.name, l.bone, l.kind == anat::LandmarkKind::surface,
                                    distance_to_mesh(finished[i].vertices, finished[i].indices, p),
                                    point_inside_mesh(finished[i].vertices, finished[i].indices, p)};
            if (fit.surface && fit.distance_m > 0.003f)
                report.warnings.push_back("landmark " + l.name + " is " + std::to_string(fit.distance_m * 1e3f).substr(0, 4) +
                                          " mm from the surface of " + l.bone);
            report.landmarks.push_back(fit);
        }
    }

    // Nodes: the root, the joints, then each joint's bones, discs, skin and landmarks.
    asset.nodes.push_back({"skeleton", -1, glm::vec3(0.0f), {}});
    for (const auto& j : skeleton.joints) {
        // The root joint sits at its rest position in the model (the rig's rest_offset of the
        // root is zero by convention), so the baked model stands on the floor.
        const glm::vec3 t = j.parent < 0 ? j.rest_world : j.rest_offset;
        asset.nodes.push_back({j.name, j.parent < 0 ? 0 : j.parent + 1, t, {}});
    }
    std::map<std::string, std::size_t> by_region;
    for (std::size_t ji = 0; ji < skeleton.joints.size(); ++ji) {
        const anat::Joint& j = skeleton.joints[ji];
        const int node = static_cast<int>(ji) + 1;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (parts[i].joint != j.name || parts[i].name.rfind("(source) ", 0) == 0) continue;
            core::MeshData m = std::move(finished[i]);
            for (auto& v : m.vertices) v.position -= j.rest_world;
            const std::size_t tris = m.triangle_count();
            if (parts[i].tissue == Tissue::skin)
                report.skin_triangles += tris;
            else
                report.skeleton_triangles += tris;
            by_region[region_of(parts[i].name)] += tris;
            asset.nodes.push_back({parts[i].name, node, glm::vec3(0.0f), {static_cast<int>(asset.meshes.size())}});
            asset.meshes.push_back(std::move(m));
        }
        for (std::size_t li = 0; li < skeleton.landmarks.size(); ++li)
            if (skeleton.landmarks[li].joint == static_cast<int>(ji))
                asset.nodes.push_back({"landmark:" + skeleton.landmarks[li].name, node, landmark_position[li], {}});
    }
    for (const auto& [name, tris] : by_region) report.regions.push_back({name, tris});
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return asset;
}

}  // namespace bonegen
