// scene/bone_clearance.cpp: see bone_clearance.hpp.
#include "scene/bone_clearance.hpp"

#include "bonegen/generator.hpp"
#include "bonegen/parts.hpp"

#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <atomic>
#include <limits>
#include <mutex>

namespace scene {

namespace {

constexpr float cell_m = 0.003f;                 // sample spacing in a brick
constexpr int brick_cells = 8;                   // cells along a brick's edge
constexpr int brick_samples = brick_cells + 1;   // samples along it (both faces)
constexpr float brick_m = cell_m * brick_cells;  // 24 mm
constexpr float margin_m = 0.004f;               // around a bone's box: nothing farther can be inside
constexpr float check_within_m = 0.0015f;        // a brick this near the surface keeps samples
const float brick_half_diagonal_m = 0.5f * brick_m * std::sqrt(3.0f);
const float octant_half_diagonal_m = 0.5f * brick_half_diagonal_m;
constexpr float not_yet = std::numeric_limits<float>::quiet_NaN();
constexpr float across_surface = std::numeric_limits<float>::infinity();
// Octant bounds, a byte each so the per-vertex test stays in cache: quarter millimetres, rounded
// down (still a bound), none below zero (inside or near: look closer), 255 not yet made.
constexpr float octant_step_m = 0.00025f;
constexpr std::uint8_t octant_not_yet = 255;
std::uint8_t octant_code(float bound_m) {
    if (!(bound_m > 0.0f)) return 0;
    return static_cast<std::uint8_t>(std::min(254.0f, std::floor(bound_m / octant_step_m)));
}

// The joints whose bones muscles meet (the pelvis with both hip bones, the sacrum and the coccyx;
// the thighs; the legs above the ankle).
bool kept(const bonegen::Part& p) {
    if (p.tissue != bonegen::Tissue::bone) return false;
    return p.joint == "pelvis" || p.joint.rfind("hip_", 0) == 0 || p.joint.rfind("knee_", 0) == 0;
}

// A brick the surface crosses: brick_samples^3 samples, x fastest, each evaluated when a vertex
// first needs it (NaN until then), from the bones that can matter in it.
struct Brick {
    glm::vec3 corner{0.0f};
    struct Near {
        std::size_t bone = 0;            // in the joint's shapes
        std::vector<std::uint8_t> skip;  // its parts that cannot matter here
    };
    std::vector<Near> near;
    std::unique_ptr<std::atomic<float>[]> samples;
};

// The bones that move with one joint (the pelvis carries four) as one field, the nearest bone's
// distance: a vertex between two of them (the sacroiliac joint) moves out of both at once.
struct JointField {
    int joint = -1;                      // in the skeleton
    glm::vec3 rest_joint{0};             // the joint's rest position (rest bone frames are world-aligned)
    std::vector<std::string> names;      // per bone
    std::vector<bonegen::Shape> shapes;  // per bone, rest world coordinates
    glm::vec3 lo{0}, hi{0};              // the bones' box, with the margin
    glm::ivec3 bricks{0};                // how many bricks cover the box
    mutable std::mutex mutex;            // taken only to make a brick
    // Per brick, made when first needed: NaN, not made; infinity, across the surface (its samples
    // in `surface`); otherwise far from the surface, the field at its centre.
    mutable std::vector<std::atomic<float>> coarse;
    mutable std::vector<std::atomic<const Brick*>> surface;
    mutable std::vector<std::unique_ptr<const Brick>> made;  // owns them
    // Per brick octant (8 per brick, beside each other so the per-vertex test stays in cache): a
    // bound v, coded by octant_code, such that every point p of the octant is at least
    // v - |p - octant centre| outside the bones (1-Lipschitz); octant_not_yet until needed.
    mutable std::vector<std::atomic<std::uint8_t>> octant;

    void resize() {
        const auto n = static_cast<std::size_t>(bricks.x * bricks.y * bricks.z);
        coarse = std::vector<std::atomic<float>>(n);
        surface = std::vector<std::atomic<const Brick*>>(n);
        octant = std::vector<std::atomic<std::uint8_t>>(n * 8);
        for (auto& c : coarse) c.store(not_yet, std::memory_order_relaxed);
        for (auto& o : octant) o.store(octant_not_yet, std::memory_order_relaxed);
    }

    glm::vec3 to_rest(const glm::vec3& world, const core::Rigid& w) const { return rest_joint + glm::inverse(w.rotation) * (world - w.translation); }
    bool in_box(const glm::vec3& p) const { return glm::all(glm::greaterThanEqual(p, lo)) && glm::all(glm::lessThan(p, hi)); }

    // The exact field: the nearest bone.
    float eval(const glm::vec3& p) const {
        float d = 1e30f;
        for (const auto& s : shapes) d = std::min(d, s.eval(p));
        return d;
    }
    float eval(const glm::vec3& p, const Brick& br) const {
        float d = 1e30f;
        for (const auto& n : br.near) d = std::min(d, shapes[n.bone].eval(p, n.skip));
        return d;
    }

    glm::ivec3 brick_of(const glm::vec3& p, glm::vec3& q) const {
        q = (p - lo) * (1.0f / brick_m);
        // Truncation rounds toward zero, not down, but the clamp makes them agree.
        return glm::clamp(glm::ivec3(q), glm::ivec3(0), bricks - 1);
    }
    std::size_t key(const glm::ivec3& b) const { return static_cast<std::size_t>((b.z * bricks.y + b.y) * bricks.x + b.x); }

    // Makes brick b if no thread has; returns its coarse value (infinity across the surface).
    float make(const glm::ivec3& b) const {
        const std::size_t k = key(b);
        std::lock_guard lock(mutex);
        const float ready = coarse[k].load(std::memory_order_acquire);
        if (!std::isnan(ready)) return ready;
        const glm::vec3 corner = lo + glm::vec3(b) * brick_m, centre = corner + glm::vec3(0.5f * brick_m);
        auto out = std::make_unique<Brick>();
        out->corner = corner;
        float value = 1e30f;
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            std::vector<std::uint8_t> skip;
            const float d = shapes[i].cull(centre, brick_half_diagonal_m, skip);
            value = std::min(value, d);
            // A bone farther than the brick reaches cannot be the nearest anywhere near the surface.
            if (d <= brick_half_diagonal_m + check_within_m) out->near.push_back({i, std::move(skip)});
        }
        // 1-Lipschitz: no point of the brick is nearer the surface than this allows.
        if (std::abs(value) > brick_half_diagonal_m + check_within_m) {
            // Every point of an octant is within the octant's half diagonal of its centre, and that
            // centre within it of the brick's.
            for (int o = 0; o < 8; ++o)
                octant[k * 8 + static_cast<std::size_t>(o)].store(octant_code(value - octant_half_diagonal_m), std::memory_order_relaxed);
            coarse[k].store(value, std::memory_order_release);
            return value;
        }
        constexpr auto n = static_cast<std::size_t>(brick_samples * brick_samples * brick_samples);
        out->samples = std::make_unique<std::atomic<float>[]>(n);
        for (std::size_t i = 0; i < n; ++i) out->samples[i].store(not_yet, std::memory_order_relaxed);
        surface[k].store(out.get(), std::memory_order_release);
        made.push_back(std::move(out));
        coarse[k].store(across_surface, std::memory_order_release);
        return across_surface;
    }

    float coarse_value(const glm::ivec3& b) const {
        const float c = coarse[key(b)].load(std::memory_order_acquire);
        return std::isnan(c) ? make(b) : c;
    }

    // The sampled field at a rest point inside the box, with its gradient: trilinear in a brick
    // across the surface; in a brick far from it, a bound on the value that keeps its sign (and no
    // gradient: `uniform` is set).
    float sampled(const glm::vec3& p, glm::vec3* grad, bool& uniform) const {
        glm::vec3 q;
        const glm::ivec3 b = brick_of(p, q);
        const float c = coarse_value(b);
        uniform = c != across_surface;
        if (uniform) return c > 0.0f ? c - brick_half_diagonal_m : c + brick_half_diagonal_m;
        const Brick& br = *surface[key(b)].load(std::memory_order_acquire);
        const glm::vec3 f =
            glm::clamp((q - glm::vec3(b)) * static_cast<float>(brick_cells), glm::vec3(0.0f), glm::vec3(static_cast<float>(brick_cells) - 1e-4f));
        const glm::ivec3 cell = glm::ivec3(f);
        const glm::vec3 t = f - glm::vec3(cell);
        auto at = [&](int x, int y, int z) {
            std::atomic<float>& slot =
                br.samples[static_cast<std::size_t>(((cell.z + z) * brick_samples + (cell.y + y)) * brick_samples + (cell.x + x))];
            float v = slot.load(std::memory_order_relaxed);
            if (std::isnan(v)) {
                // Two threads may both evaluate it: the same value either way.
                v = eval(br.corner + glm::vec3(cell + glm::ivec3(x, y, z)) * cell_m, br);
                slot.store(v, std::memory_order_relaxed);
            }
            return v;
        };
        const float v000 = at(0, 0, 0), v100 = at(1, 0, 0), v010 = at(0, 1, 0), v110 = at(1, 1, 0);
        const float v001 = at(0, 0, 1), v101 = at(1, 0, 1), v011 = at(0, 1, 1), v111 = at(1, 1, 1);
        const float x00 = glm::mix(v000, v100, t.x), x10 = glm::mix(v010, v110, t.x);
        const float x01 = glm::mix(v001, v101, t.x), x11 = glm::mix(v011, v111, t.x);
        const float y0 = glm::mix(x00, x10, t.y), y1 = glm::mix(x01, x11, t.y);
        const float value = glm::mix(y0, y1, t.z);
        if (!grad) return value;
        // The trilinear function's own derivatives, per metre.
        const float dx = glm::mix(glm::mix(v100 - v000, v110 - v010, t.y), glm::mix(v101 - v001, v111 - v011, t.y), t.z);
        const float dy = glm::mix(x10 - x00, x11 - x01, t.z);
        const float dz = y1 - y0;
        *grad = glm::vec3(dx, dy, dz) / cell_m;
        return value;
    }

    // The sampled field at a rest point inside the box (in a brick far from the surface, a bound
    // that keeps its sign; elsewhere trilinear, within a fraction of a cell of the field near the
    // surface).
    float sampled_value(const glm::vec3& p) const {
        bool uniform = false;
        return sampled(p, nullptr, uniform);
    }

    // Whether a rest point in the box is surely more than `margin` outside every bone, from its
    // octant's bound (evaluated once, the first time a point of the octant asks): no sampling,
    // one byte read, no square root (the comparison is squared).
    bool clear_of(const glm::vec3& p, float margin) const {
        const glm::vec3 q = (p - lo) * (2.0f / brick_m);  // in octants; p is in the box, so q >= 0
        const glm::ivec3 o = glm::min(glm::ivec3(q), bricks * 2 - 1);
        const glm::ivec3 b = o >> 1, half = o & 1;
        const std::size_t slot = key(b) * 8 + static_cast<std::size_t>(half.x + 2 * half.y + 4 * half.z);
        std::uint8_t code = octant[slot].load(std::memory_order_relaxed);
        if (code == octant_not_yet) {
            const glm::vec3 centre = lo + (glm::vec3(o) + 0.5f) * (0.5f * brick_m);
            if (coarse_value(b) == across_surface) {
                code = octant_code(eval(centre, *surface[key(b)].load(std::memory_order_acquire)));
                octant[slot].store(code, std::memory_order_relaxed);
            } else {
                code = octant[slot].load(std::memory_order_relaxed);  // make() filled it
            }
        }
        const float room = static_cast<float>(code) * octant_step_m - margin;
        if (room <= 0.0f) return false;
        const glm::vec3 off = q - glm::vec3(o) - 0.5f;  // from the octant's centre, in octants
        return glm::dot(off, off) * (0.25f * brick_m * brick_m) < room * room;
    }

    // The exact field at a rest point in the box (from the bones near its brick when the brick is
    // across the surface), with its gradient by central differences.
    float exact(const glm::vec3& p, glm::vec3& grad) const {
        glm::vec3 q;
        const glm::ivec3 b = brick_of(p, q);
        const Brick* br = coarse_value(b) == across_surface ? surface[key(b)].load(std::memory_order_acquire) : nullptr;
        const auto f = [&](const glm::vec3& x) { return br ? eval(x, *br) : eval(x); };
        constexpr float h = 0.0005f;
        grad = glm::vec3(f(p + glm::vec3(h, 0, 0)) - f(p - glm::vec3(h, 0, 0)), f(p + glm::vec3(0, h, 0)) - f(p - glm::vec3(0, h, 0)),
                         f(p + glm::vec3(0, 0, h)) - f(p - glm::vec3(0, 0, h))) /
               (2.0f * h);
        return f(p);
    }

    // Moves a rest point inside a bone out to about clearance_m outside; false when it was
    // outside. The sampled field steers (its error near the surface is a fraction of a cell);
    // deep inside, where the bricks hold one value, the exact field does. Steps are no longer
    // than the field reads: the hip bone's blended parts leave its gradient short in places,
    // and a longer (Newton) step there throws the vertex off the bone.
    bool push(glm::vec3& p) const {
        if (!in_box(p) || clear_of(p, BoneClearance::clearance_m)) return false;
        bool uniform = false;
        // Steps aim at the clearance and stop within half of it: a step no longer than the field
        // reads approaches the surface from inside, and chasing the last fraction costs samples.
        // A point already that far out is left alone (so a second look at a pushed vertex does
        // not move it again).
        constexpr float enough = 0.5f * BoneClearance::clearance_m;
        float d = sampled(p, nullptr, uniform);  // most points near a bone are outside it
        if (d >= enough) return false;
        for (int step = 0; step < 8 && d < enough; ++step) {
            glm::vec3 g;
            d = uniform ? exact(p, g) : sampled(p, &g, uniform);
            const float n = glm::length(g);
            if (n < 1e-6f) break;
            p += g / n * (BoneClearance::clearance_m - d) / std::max(n, 1.0f);
            d = sampled(p, nullptr, uniform);
        }
        return true;
    }
};

}  // namespace

struct BoneClearance::Impl {
    std::vector<std::unique_ptr<JointField>> joints;
};

BoneClearance::BoneClearance(const anat::Skeleton& skeleton) : impl_(std::make_unique<Impl>()) {
    const anat::Skeleton bake = bonegen::skeleton_for_bake(skeleton.params);
    const bonegen::Rig rig(bake);
    std::vector<bonegen::Part> parts;
    bonegen::build_pelvis(rig, parts);
    for (const bonegen::Side& side : {bonegen::right_side, bonegen::Side{1.0f, "_l"}}) {
        bonegen::build_hip_bone(rig, side, parts);
        bonegen::build_lower_limb(rig, side, parts);
    }
    for (auto& p : parts) {
        if (!kept(p)) continue;
        const int j = skeleton.find_joint(p.joint);
        if (j < 0) continue;
        auto it = std::find_if(impl_->joints.begin(), impl_->joints.end(), [&](const auto& f) { return f->joint == j; });
        if (it == impl_->joints.end()) {
            auto field = std::make_unique<JointField>();
            field->joint = j;
            field->rest_joint = skeleton.joints[static_cast<std::size_t>(j)].rest_world;
            field->lo = glm::vec3(1e30f);
            field->hi = glm::vec3(-1e30f);
            impl_->joints.push_back(std::move(field));
            it = impl_->joints.end() - 1;
        }
        JointField& field = **it;
        const bonegen::Box box = p.shape.bounds();
        field.lo = glm::min(field.lo, box.min - glm::vec3(margin_m));
        field.hi = glm::max(field.hi, box.max + glm::vec3(margin_m));
        field.names.push_back(p.name);
        field.shapes.push_back(std::move(p.shape));
    }
    for (auto& field : impl_->joints) {
        field->bricks = glm::max(glm::ivec3(glm::ceil((field->hi - field->lo) / brick_m)), glm::ivec3(1));
        field->hi = field->lo + glm::vec3(field->bricks) * brick_m;
        field->resize();
    }
}

BoneClearance::~BoneClearance() = default;

std::size_t BoneClearance::push_out(core::MeshData& mesh, std::span<const core::Rigid> world_from_bone, std::size_t first_vertex) const {
    // Runs of vertices (a muscle's neighbouring rings) and their boxes: most runs are far from
    // most bones.
    constexpr std::size_t run = 8;
    thread_local std::vector<std::pair<glm::vec3, glm::vec3>> runs;
    runs.clear();
    for (std::size_t v = first_vertex; v < mesh.vertices.size(); v += run) {
        glm::vec3 a(1e30f), b(-1e30f);
        for (std::size_t k = v; k < std::min(v + run, mesh.vertices.size()); ++k) {
            a = glm::min(a, mesh.vertices[k].position);
            b = glm::max(b, mesh.vertices[k].position);
        }
        runs.emplace_back(a, b);
    }
    thread_local std::vector<std::size_t> touched;
    touched.clear();
    std::size_t moved = 0;
    // One joint's bones, posed: where its box lies in the world, and the way in and out of rest.
    struct Posed {
        const JointField* field = nullptr;
        glm::mat3 world_from_rest{1.0f}, rest_from_world{1.0f};
        glm::vec3 translation{0.0f}, wlo{1e30f}, whi{-1e30f};
        glm::vec3 to_rest(const glm::vec3& p) const { return field->rest_joint + rest_from_world * (p - translation); }
        glm::vec3 to_world(const glm::vec3& p) const { return translation + world_from_rest * (p - field->rest_joint); }
        bool near(const glm::vec3& at) const {
            return !(at.x < wlo.x || at.y < wlo.y || at.z < wlo.z || at.x > whi.x || at.y > whi.y || at.z > whi.z);
        }
        bool push(glm::vec3& at) const {
            glm::vec3 p = to_rest(at);
            if (!field->push(p)) return false;
            at = to_world(p);
            return true;
        }
    };
    thread_local std::vector<Posed> posed;
    posed.clear();
    for (const auto& bone : impl_->joints) {
        if (static_cast<std::size_t>(bone->joint) >= world_from_bone.size()) continue;
        const core::Rigid& w = world_from_bone[static_cast<std::size_t>(bone->joint)];
        Posed pb;
        pb.field = bone.get();
        pb.world_from_rest = glm::mat3_cast(w.rotation);
        pb.rest_from_world = glm::transpose(pb.world_from_rest);
        pb.translation = w.translation;
        // The box posed, as a world box around it: most vertices fail this cheaply.
        for (int c = 0; c < 8; ++c) {
            const glm::vec3 q = pb.to_world({c & 1 ? bone->hi.x : bone->lo.x, c & 2 ? bone->hi.y : bone->lo.y, c & 4 ? bone->hi.z : bone->lo.z});
            pb.wlo = glm::min(pb.wlo, q);
            pb.whi = glm::max(pb.whi, q);
        }
        posed.push_back(pb);
    }
    for (const Posed& pb : posed) {
        for (std::size_t v = first_vertex; v < mesh.vertices.size(); ++v) {
            if ((v - first_vertex) % run == 0) {
                // A run outside the box, or whose centre the field puts farther from the bone
                // than the run reaches (with a millimetre for the samples' error), is skipped.
                const auto& [a, b] = runs[(v - first_vertex) / run];
                const glm::vec3 centre = pb.to_rest(0.5f * (a + b));
                const float reach = 0.5f * glm::distance(a, b) + clearance_m;
                if (glm::any(glm::lessThan(b, pb.wlo)) || glm::any(glm::greaterThan(a, pb.whi)) ||
                    (pb.field->in_box(centre) && (pb.field->clear_of(centre, reach) || pb.field->sampled_value(centre) > reach + 0.001f))) {
                    v += run - 1;
                    continue;
                }
            }
            glm::vec3& at = mesh.vertices[v].position;
            if (!pb.near(at) || !pb.push(at)) continue;
            touched.push_back(v);
            ++moved;
        }
    }
    // A vertex between two joints' bones (the iliopsoas between the femoral neck and the pelvic
    // rim, the upper gluteus maximus between the trochanter and the ilium, in deep flexion) may
    // have been pushed by the second into the first: again against each, up to three rounds,
    // until none moves it.
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const std::size_t v : touched)
        for (int round = 0; round < 3; ++round) {
            bool again = false;
            for (const Posed& pb : posed) {
                glm::vec3& at = mesh.vertices[v].position;
                if (pb.near(at) && pb.push(at)) again = true;
            }
            if (!again) break;
        }
    return moved;
}

float BoneClearance::distance(const glm::vec3& world_point, std::span<const core::Rigid> world_from_bone, std::string* bone_name) const {
    float best = 1e30f;
    for (const auto& field : impl_->joints) {
        if (static_cast<std::size_t>(field->joint) >= world_from_bone.size()) continue;
        const glm::vec3 rest = field->to_rest(world_point, world_from_bone[static_cast<std::size_t>(field->joint)]);
        for (std::size_t i = 0; i < field->shapes.size(); ++i) {
            const float d = field->shapes[i].eval(rest);
            if (d < best) {
                best = d;
                if (bone_name) *bone_name = field->names[i];
            }
        }
    }
    return best;
}

std::vector<std::string> BoneClearance::bone_names() const {
    std::vector<std::string> out;
    for (const auto& field : impl_->joints) out.insert(out.end(), field->names.begin(), field->names.end());
    return out;
}

}  // namespace scene
