// scene/bone_set.cpp
//
// [SECTION] Loading a skeleton model
// [SECTION] The rig view
// [SECTION] Per-frame deformation and draw items
#include "scene/bone_set.hpp"

#include "core/error.hpp"
#include "core/parallel.hpp"

#define GLM_ENABLE_EXPERIMENTAL
#include <glm/gtx/quaternion.hpp>

#include <meshoptimizer.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <span>

namespace scene {

namespace {
std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}
glm::u8vec4 ivory() { return {235, 226, 204, 255}; }
}  // namespace

int BoneSet::find_bone(const std::string& name) const {
    for (std::size_t i = 0; i < bones_.size(); ++i)
        if (bones_[i].name == name) return static_cast<int>(i);
    return -1;
}

std::size_t BoneSet::triangle_count() const {
    std::size_t n = 0;
    for (const auto& m : meshes_) n += m.mesh->triangle_count();
    return n + (disc_rest_ ? disc_rest_->triangle_count() : 0);
}

BoneSet::BoneSet() : owner_(gfx::new_mesh_owner()), revision_(gfx::new_mesh_revision()) {}

// [SECTION] Loading a skeleton model

std::vector<SkinWeight> skin_weights(const anat::Skeleton& sk, const core::MeshData& skin_rest) {
    struct Segment {
        glm::vec3 a, b;
        int joint;
    };
    std::vector<Segment> segments;
    for (std::size_t j = 0; j < sk.joints.size(); ++j) {
        bool has_child = false;
        for (std::size_t c = 0; c < sk.joints.size(); ++c)
            if (sk.joints[c].parent == static_cast<int>(j)) {
                segments.push_back({sk.joints[j].rest_world, sk.joints[c].rest_world, static_cast<int>(j)});
                has_child = true;
            }
        if (!has_child) segments.push_back({sk.joints[j].rest_world, sk.joints[j].rest_world, static_cast<int>(j)});
    }
    std::vector<SkinWeight> out;
    out.reserve(skin_rest.vertices.size());
    for (const auto& v : skin_rest.vertices) {
        float d1 = 1e9f, d2 = 1e9f;
        int j1 = 0, j2 = 0;
        for (const auto& s : segments) {
            const glm::vec3 ab = s.b - s.a;
            const float t = glm::dot(ab, ab) > 1e-12f ? std::clamp(glm::dot(v.position - s.a, ab) / glm::dot(ab, ab), 0.0f, 1.0f) : 0.0f;
            const float d = glm::distance(v.position, s.a + ab * t);
            if (s.joint == j1 && d < d1) {
                d1 = d;
                continue;
            }
            if (d < d1) {
                if (s.joint != j1) {
                    d2 = d1;
                    j2 = j1;
                }
                d1 = d;
                j1 = s.joint;
            } else if (d < d2 && s.joint != j1) {
                d2 = d;
                j2 = s.joint;
            }
        }
        // 1/d^4 weights: a vertex belongs to one segment except near the joints between them.
        const float w1 = 1.0f / std::pow(std::max(d1, 1e-4f), 4.0f), w2 = 1.0f / std::pow(std::max(d2, 1e-4f), 4.0f);
        out.push_back({j1, j2, w2 / (w1 + w2)});
    }
    return out;
}

void pose_skin_vertex(core::Vertex& out, const core::Vertex& rest, const SkinWeight& w, std::span<const core::Rigid> world,
                      std::span<const glm::vec3> joint_rest) {
    const core::Rigid& a = world[static_cast<std::size_t>(w.a)];
    const core::Rigid& b = world[static_cast<std::size_t>(w.b)];
    const glm::vec3 pa = a.apply(rest.position - joint_rest[static_cast<std::size_t>(w.a)]);
    const glm::vec3 pb = b.apply(rest.position - joint_rest[static_cast<std::size_t>(w.b)]);
    out.position = glm::mix(pa, pb, w.wb);
    out.normal = glm::normalize(glm::mix(a.apply_dir(rest.normal), b.apply_dir(rest.normal), w.wb));
}

BoneSet::BoneSet(const anat::Skeleton& sk, const assets::Model& model, std::vector<std::string>& warnings) : BoneSet() {
    const std::size_t joints = sk.joints.size();
    std::vector<core::MeshData> bone_mesh(joints), cart_mesh(joints);
    std::vector<std::vector<std::uint32_t>> bone_ids(joints), cart_ids(joints);
    const auto world = model.world_from_node();
    std::vector<int> joint_of_node(model.nodes.size(), -1);
    std::vector<bool> joint_seen(joints, false);
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const assets::Node& n = model.nodes[i];
        const int j = sk.find_joint(n.name);
        joint_of_node[i] = j >= 0 ? j : (n.parent >= 0 ? joint_of_node[static_cast<std::size_t>(n.parent)] : -1);
        if (j >= 0) joint_seen[static_cast<std::size_t>(j)] = true;
    }
    auto vertebra_joint = [&](const std::string& name) {
        if (name == "S1") return sk.find_joint("pelvis");
        for (const auto& v : sk.vertebrae)
            if (v.name == name) return v.joint;
        return -1;
    };
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const assets::Node& n = model.nodes[i];
        if (n.meshes.empty() || n.name.rfind("landmark:", 0) == 0) continue;
        core::MeshData merged;
        for (int mi : n.meshes) merged.append_transformed(model.meshes[static_cast<std::size_t>(mi)], world[i]);
        if (n.name == "skin") {
            skin_rest_ = std::move(merged);
            continue;
        }
        int joint = joint_of_node[i];
        if (joint < 0) {
            warnings.push_back(model.source + ": mesh \"" + n.name + "\" is under no joint of the naming convention; it moves with the pelvis");
            joint = 0;
        }
        const glm::vec3 origin = sk.joints[static_cast<std::size_t>(joint)].rest_world;
        for (auto& v : merged.vertices) v.position -= origin;  // world rest -> bone frame (axes are world-aligned at rest)

        if (n.name.rfind("disc_", 0) == 0) {
            // disc_<upper>_<lower>: deforms between the two vertebrae when they hang on different joints.
            const std::string rest = n.name.substr(5);
            const auto us = rest.find('_');
            const std::string up = us == std::string::npos ? "" : upper(rest.substr(0, us));
            const std::string lo = us == std::string::npos ? "" : upper(rest.substr(us + 1));
            const int ju = vertebra_joint(up), jl = vertebra_joint(lo);
            bones_.push_back({n.name, joint, true});
            const auto id = static_cast<std::uint32_t>(bones_.size());
            if (ju >= 0 && jl >= 0 && ju != jl) {
                Disc d;
                d.lower = jl;
                d.upper = ju;
                // Re-express in the lower joint's frame, and weight by height between the endplates.
                const glm::vec3 lower_origin = sk.joints[static_cast<std::size_t>(jl)].rest_world;
                glm::vec3 bottom = sk.s1_center, normal = sk.s1_normal, top = bottom;
                for (std::size_t k = 0; k < sk.vertebrae.size(); ++k) {
                    if (sk.vertebrae[k].name == up) top = sk.vertebrae[k].inferior_center;
                    if (sk.vertebrae[k].name == lo) {
                        bottom = sk.vertebrae[k].superior_center;
                        normal = sk.vertebrae[k].superior_normal;
                    }
                }
                const float height = std::max(glm::dot(top - bottom, normal), 1e-4f);
                for (auto& v : merged.vertices) {
                    const glm::vec3 w = v.position + origin;
                    const float t = std::clamp(glm::dot(w - bottom, normal) / height, 0.0f, 1.0f);
                    d.upper_weight.push_back(t * t * (3.0f - 2.0f * t));
                    v.position = w - lower_origin;
                }
                d.rest = std::move(merged);
                d.ids.assign(d.rest.vertices.size(), id);
                discs_.push_back(std::move(d));
            } else {
                cart_ids[static_cast<std::size_t>(joint)].insert(cart_ids[static_cast<std::size_t>(joint)].end(), merged.vertices.size(), id);
                cart_mesh[static_cast<std::size_t>(joint)].append(merged);
            }
            continue;
        }
        const bool cartilage = n.name.rfind("costal_cartilage", 0) == 0;
        bones_.push_back({n.name, joint, cartilage});
        const auto id = static_cast<std::uint32_t>(bones_.size());
        auto& target = cartilage ? cart_mesh[static_cast<std::size_t>(joint)] : bone_mesh[static_cast<std::size_t>(joint)];
        auto& ids = cartilage ? cart_ids[static_cast<std::size_t>(joint)] : bone_ids[static_cast<std::size_t>(joint)];
        ids.insert(ids.end(), merged.vertices.size(), id | (sk.display.is_arm_bone(n.name) ? gfx::arm_id_bit : 0u));
        target.append(merged);
    }
    if (bones_.empty()) throw core::Error(model.source + ": no bone meshes found");
    for (std::size_t j = 0; j < joints; ++j)
        if (!joint_seen[j]) warnings.push_back(model.source + ": no node named \"" + sk.joints[j].name + "\"; its bones (if any) are missing");
    finish(sk, std::move(bone_mesh), std::move(cart_mesh), std::move(bone_ids), std::move(cart_ids));
}

namespace {

using CoarseMesh = gfx::CoarseIndices;

// Coarser levels of detail: meshoptimizer collapses edges until the triangle budget is met or
// the surface would move by more than the level's error. The whole body in a 720-pixel-high view
// is about 0.35 pixels a millimetre: there level 1 (1.5 mm) strays by about half a pixel, level
// 2 (2 mm) by about 0.7 and level 3 (2.7 mm) by just under one, where the body is a little
// smaller than that (the benchmark's view, a viewer window under 720 pixels high); the renderer
// draws the coarsest level whose error stays under a pixel and the full mesh in close views.
// Every level comes from the full mesh, so each error is measured against it. A level that saves
// under a tenth of the triangles before it is dropped. Level 3 made the benchmark's frame 3%
// faster (paired); side by side at 4x the ribs, spine and pelvis looked the same.
// The error is a distance between surfaces; it misses detail carried by shading, and weighs most
// on thin bones. At level 2 the face (orbits, nasal aperture) lost its relief, and the fingers
// of the whole-body view came out a pixel thinner and broken (phalanges and metacarpals are a few
// millimetres thick). The skull's, the hands' and the feet's meshes stop at level 1: which joints
// those are is skeleton.json's "display" (anat::BoneDisplay; the skull hangs on c0_c1).
struct CoarseSpec {
    std::size_t fraction;  // at most 1/fraction of the full mesh's triangles
    float max_error_m;
};
constexpr std::array<CoarseSpec, gfx::coarse_levels> coarse_specs{{{4, 0.0015f}, {8, 0.002f}, {16, 0.0027f}}};

std::vector<CoarseMesh> coarse_meshes(const core::MeshData& m, std::size_t max_levels) {
    std::vector<CoarseMesh> out;
    if (m.indices.size() < 3 * 200) return out;  // small meshes: nothing to gain
    core::Bounds b;
    for (const auto& v : m.vertices) b.add(v.position);
    const float extent = glm::length(b.max - b.min);
    if (extent <= 0.0f) return out;
    std::size_t previous = m.indices.size();
    for (const CoarseSpec& spec : std::span(coarse_specs).first(std::min(max_levels, coarse_specs.size()))) {
        std::vector<std::uint32_t> indices(m.indices.size());
        float error = 0.0f;  // relative to the mesh's extent
        const std::size_t n = meshopt_simplify(indices.data(), m.indices.data(), m.indices.size(), &m.vertices[0].position.x, m.vertices.size(),
                                               sizeof(core::Vertex), m.indices.size() / spec.fraction, spec.max_error_m / extent, 0, &error);
        if (n == 0 || n > previous * 9 / 10) continue;  // under a tenth saved: not worth another mesh
        indices.resize(n);
        // Simplification leaves the triangles in collapse order; reorder them for the vertex cache
        // (llvmpipe's draw module shades each cached vertex once, like a GPU's post-transform cache).
        meshopt_optimizeVertexCache(indices.data(), indices.data(), indices.size(), m.vertices.size());
        out.push_back({std::move(indices), error * extent});
        previous = n;
    }
    return out;
}

// Coarser levels for many meshes, made on every core at once (largest first): the simplification
// is most of loading the skeleton, about 75 ms on one core. Each mesh's levels are the same
// whichever thread makes them.
struct CoarseJob {
    const core::MeshData* mesh = nullptr;
    std::size_t max_levels = 0;
    std::vector<CoarseMesh> levels;
};
void make_coarse_levels(std::vector<CoarseJob>& jobs) {
    std::vector<std::size_t> order(jobs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return jobs[a].mesh->indices.size() > jobs[b].mesh->indices.size(); });
    core::parallel_for(order.size(), core::worker_threads(), [&](std::size_t i) {
        CoarseJob& job = jobs[order[i]];
        job.levels = coarse_meshes(*job.mesh, job.max_levels);
    });
}

}  // namespace

void BoneSet::finish(const anat::Skeleton& sk, std::vector<core::MeshData> bone_mesh, std::vector<core::MeshData> cart_mesh,
                     std::vector<std::vector<std::uint32_t>> bone_ids, std::vector<std::vector<std::uint32_t>> cart_ids) {
    // Every mesh's coarser levels first (the skin's last in the list), then the uploads.
    std::vector<CoarseJob> jobs;
    for (std::size_t j = 0; j < bone_mesh.size(); ++j)
        for (const core::MeshData* m : {&bone_mesh[j], &cart_mesh[j]})
            if (!m->indices.empty()) jobs.push_back({m, sk.display.keeps_fine_detail(sk.joints[j].name) ? 1 : gfx::coarse_levels, {}});
    if (!skin_rest_.vertices.empty()) jobs.push_back({&skin_rest_, gfx::coarse_levels, {}});
    make_coarse_levels(jobs);

    auto coarse_of = [&](std::size_t job) -> Coarse {
        if (jobs[job].levels.empty()) return nullptr;
        return std::make_shared<const std::vector<gfx::CoarseIndices>>(std::move(jobs[job].levels));
    };
    std::size_t job = 0;
    for (std::size_t j = 0; j < bone_mesh.size(); ++j) {
        const glm::vec3 origin = sk.joints[j].rest_world;
        for (int c = 0; c < 2; ++c) {
            core::MeshData& m = c == 0 ? bone_mesh[j] : cart_mesh[j];
            if (m.indices.empty()) continue;
            for (const auto& v : m.vertices) rest_bounds_.add(v.position + origin);
            JointMesh jm;
            jm.joint = static_cast<int>(j);
            jm.cartilage = c == 1;
            jm.ids = std::make_shared<const std::vector<std::uint32_t>>(std::move(c == 0 ? bone_ids[j] : cart_ids[j]));
            jm.coarse = coarse_of(job++);
            jm.mesh = std::make_shared<const core::MeshData>(std::move(m));
            meshes_.push_back(std::move(jm));
        }
    }
    for (const auto& j : sk.joints) joint_rest_.push_back(j.rest_world);
    if (!discs_.empty()) {
        core::MeshData rest;
        std::vector<std::uint32_t> ids;
        for (const auto& d : discs_) {
            rest.append(d.rest);
            ids.insert(ids.end(), d.ids.begin(), d.ids.end());
        }
        disc_rest_ = std::make_shared<const core::MeshData>(std::move(rest));
        disc_ids_ = std::make_shared<const std::vector<std::uint32_t>>(std::move(ids));
    }
    if (!skin_rest_.vertices.empty()) {
        skin_weights_ = skin_weights(sk, skin_rest_);
        skin_coarse_ = coarse_of(job++);
        skin_shared_ = std::make_shared<const core::MeshData>(skin_rest_);
    }
}

// [SECTION] The rig view

std::unique_ptr<BoneSet> BoneSet::rig_view(const anat::Skeleton& sk) {
    std::unique_ptr<BoneSet> set(new BoneSet());
    const std::size_t joints = sk.joints.size();
    std::vector<core::MeshData> bone_mesh(joints), cart_mesh(joints);
    std::vector<std::vector<std::uint32_t>> bone_ids(joints), cart_ids(joints);
    const core::MeshData ball = core::make_uv_sphere(0.014f, 16, 8);
    for (std::size_t j = 0; j < joints; ++j) {
        set->bones_.push_back({sk.joints[j].name, static_cast<int>(j), false});
        const auto id = static_cast<std::uint32_t>(set->bones_.size());
        core::MeshData m = ball;
        for (std::size_t c = 0; c < joints; ++c) {
            if (sk.joints[c].parent != static_cast<int>(j)) continue;
            const glm::vec3 to = sk.joints[c].rest_offset;
            const float len = glm::length(to);
            if (len < 1e-4f) continue;
            core::MeshData stick = core::make_cylinder(0.006f, len, 10);
            const glm::vec3 dir = to / len;
            const glm::quat q = glm::rotation(glm::vec3(0, 1, 0), dir);
            glm::mat4 t = glm::mat4_cast(q);
            t[3] = glm::vec4(to * 0.5f, 1.0f);
            m.append_transformed(stick, t);
        }
        for (auto& v : m.vertices) v.color = ivory();
        bone_ids[j].assign(m.vertices.size(), id);
        bone_mesh[j] = std::move(m);
    }
    set->finish(sk, std::move(bone_mesh), std::move(cart_mesh), std::move(bone_ids), std::move(cart_ids));
    return set;
}

// [SECTION] Per-frame deformation and draw items

BoneSet::Posed BoneSet::pose(std::span<const core::Rigid> world, bool skin, int slot) const {
    Posed out;
    out.slot = slot;
    out.revision = gfx::new_mesh_revision();
    if (disc_rest_) {
        auto posed = std::make_shared<std::vector<core::Vertex>>(disc_rest_->vertices);
        std::size_t at = 0;
        for (const auto& d : discs_) {
            // Linear blend of the two vertebrae's motion, in world coordinates.
            const core::Rigid& lower = world[static_cast<std::size_t>(d.lower)];
            const core::Rigid& upper = world[static_cast<std::size_t>(d.upper)];
            const glm::vec3 upper_offset = joint_rest_[static_cast<std::size_t>(d.upper)] - joint_rest_[static_cast<std::size_t>(d.lower)];
            for (std::size_t k = 0; k < d.rest.vertices.size(); ++k, ++at) {
                const core::Vertex& v = d.rest.vertices[k];
                const float w = d.upper_weight[k];
                (*posed)[at].position = glm::mix(lower.apply(v.position), upper.apply(v.position - upper_offset), w);
                (*posed)[at].normal = glm::normalize(glm::mix(lower.apply_dir(v.normal), upper.apply_dir(v.normal), w));
            }
        }
        out.discs = std::move(posed);
    }
    if (skin && skin_shared_) {
        auto posed = std::make_shared<std::vector<core::Vertex>>(skin_rest_.vertices);  // colours and uvs as at rest
        for (std::size_t k = 0; k < skin_rest_.vertices.size(); ++k)
            pose_skin_vertex((*posed)[k], skin_rest_.vertices[k], skin_weights_[k], world, joint_rest_);
        out.skin = std::move(posed);
    }
    return out;
}

void BoneSet::append_bone_items(std::vector<gfx::DrawItem>& out, std::span<const core::Rigid> world, const Posed* posed, float opacity,
                                int highlight_bone, bool hide_arms) const {
    const std::uint32_t highlight = highlight_bone >= 0 ? static_cast<std::uint32_t>(highlight_bone + 1) : 0u;
    for (std::size_t i = 0; i < meshes_.size(); ++i) {
        const JointMesh& m = meshes_[i];
        gfx::DrawItem item;
        item.cpu.key = key(i);
        item.cpu.revision = revision_;
        item.cpu.mesh = m.mesh;
        item.cpu.ids = m.ids;
        item.cpu.coarse = m.coarse;
        item.cpu.dynamic = false;
        item.world_from_mesh = world[static_cast<std::size_t>(m.joint)].matrix();
        item.shading = m.cartilage ? gfx::Shading::cartilage : gfx::Shading::bone;
        item.color.a = opacity;
        item.per_vertex_ids = true;
        item.highlight_id = highlight;
        item.hide_arm_vertices = hide_arms;
        out.push_back(item);
    }
    if (posed && posed->discs) {
        gfx::DrawItem item;
        item.cpu.key = key(slot_base + 2u * static_cast<std::uint64_t>(posed->slot));
        item.cpu.revision = posed->revision;
        item.cpu.mesh = disc_rest_;
        item.cpu.ids = disc_ids_;
        item.cpu.vertices = posed->discs;
        item.world_from_mesh = glm::mat4(1.0f);  // deformed on the CPU into world coordinates
        item.shading = gfx::Shading::cartilage;
        item.color.a = opacity;
        item.per_vertex_ids = true;
        item.highlight_id = highlight;
        out.push_back(item);
    }
}

namespace {
gfx::CpuMesh skin_mesh(std::uint64_t key, const std::shared_ptr<const core::MeshData>& rest, const BoneSet::Posed& posed,
                       const std::shared_ptr<const std::vector<gfx::CoarseIndices>>& coarse) {
    gfx::CpuMesh m;
    m.key = key;
    m.revision = posed.revision;
    m.mesh = rest;
    m.vertices = posed.skin;
    m.coarse = coarse;
    return m;
}
}  // namespace

void BoneSet::append_shadow_caster(std::vector<gfx::DrawItem>& out, const Posed& posed) const {
    if (!posed.skin) return;
    gfx::DrawItem item;
    item.cpu = skin_mesh(key(slot_base + 2u * static_cast<std::uint64_t>(posed.slot) + 1u), skin_shared_, posed, skin_coarse_);
    // The shadow map's texels are about 3 cm: the coarse skin casts the same shadow.
    item.cpu.only_level = skin_coarse_ ? 1 : 0;
    out.push_back(item);
}

void BoneSet::append_skin_item(std::vector<gfx::DrawItem>& out, const Posed& posed, float opacity) const {
    if (!posed.skin) return;
    gfx::DrawItem item;
    item.cpu = skin_mesh(key(slot_base + 2u * static_cast<std::uint64_t>(posed.slot) + 1u), skin_shared_, posed, skin_coarse_);
    item.shading = gfx::Shading::skin;
    item.color = glm::vec4(0.95f, 0.80f, 0.70f, opacity);
    item.casts_shadow = false;
    out.push_back(item);
}

}  // namespace scene
