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

// The joints whose bones muscles meet (the pelvis, the thighs and the legs above the ankle).
bool kept(const bonegen::Part& p) {
    if (p.tissue != bonegen::Tissue::bone) return false;
    return p.joint == "pelvis" || p.joint.rfind("hip_", 0) == 0 || p.joint.rfind("knee_", 0) == 0;
}

struct Brick {
    bool uniform = true;  // far from the surface: one value, `value`
    float value = 0.0f;   // the field at the brick's centre when uniform
    // Otherwise brick_samples^3 samples, x fastest, each evaluated when a vertex first needs it
    // (NaN until then): the surface crosses a brick, but the muscles touch a few of its cells.
    glm::vec3 corner{0.0f};
    std::vector<std::uint8_t> skip;  // the shape's parts that cannot matter here
    std::unique_ptr<std::atomic<float>[]> samples;
    // The field at the centre of each octant (NaN until needed): a point of the octant is at least
    // that value less its distance from the centre away from the surface (1-Lipschitz), which
    // clears most vertices near a bone without sampling.
    mutable std::array<std::atomic<float>, 8> octant{};
};

struct FieldBone {
    std::string name;
    int joint = -1;                                          // in the skeleton
    glm::vec3 rest_joint{0};                                 // the joint's rest position (rest bone frames are world-aligned)
    bonegen::Shape shape;                                    // rest world coordinates
    glm::vec3 lo{0}, hi{0};                                  // the shape's box, with the margin
    glm::ivec3 bricks{0};                                    // how many bricks cover the box
    mutable std::mutex mutex;                                // taken only to make a brick
    mutable std::vector<std::atomic<const Brick*>> cache;    // per brick, made when first needed
    mutable std::vector<std::unique_ptr<const Brick>> made;  // owns them

    glm::vec3 to_rest(const glm::vec3& world, const core::Rigid& w) const { return rest_joint + glm::inverse(w.rotation) * (world - w.translation); }
    bool in_box(const glm::vec3& p) const { return glm::all(glm::greaterThanEqual(p, lo)) && glm::all(glm::lessThan(p, hi)); }

    const Brick& brick(const glm::ivec3& b) const {
        const auto key = static_cast<std::size_t>((b.z * bricks.y + b.y) * bricks.x + b.x);
        if (const Brick* ready = cache[key].load(std::memory_order_acquire)) return *ready;
        std::lock_guard lock(mutex);
        if (const Brick* ready = cache[key].load(std::memory_order_acquire)) return *ready;
        auto out = std::make_unique<Brick>();
        const glm::vec3 corner = lo + glm::vec3(b) * brick_m;
        // The parts that cannot matter inside the brick are skipped for its samples.
        std::vector<std::uint8_t> skip;
        const float centre = shape.cull(corner + glm::vec3(0.5f * brick_m), brick_half_diagonal_m, skip);
        // 1-Lipschitz: no point of the brick is nearer the surface than this allows.
        if (std::abs(centre) > brick_half_diagonal_m + check_within_m) {
            out->value = centre;
        } else {
            out->uniform = false;
            out->corner = corner;
            out->skip = std::move(skip);
            constexpr auto n = static_cast<std::size_t>(brick_samples * brick_samples * brick_samples);
            out->samples = std::make_unique<std::atomic<float>[]>(n);
            for (std::size_t i = 0; i < n; ++i) out->samples[i].store(std::numeric_limits<float>::quiet_NaN(), std::memory_order_relaxed);
            for (auto& o : out->octant) o.store(std::numeric_limits<float>::quiet_NaN(), std::memory_order_relaxed);
        }
        const Brick* ready = out.get();
        made.push_back(std::move(out));
        cache[key].store(ready, std::memory_order_release);
        return *ready;
    }

    // The sampled field at a rest point inside the box, with its gradient: trilinear in a brick
    // across the surface; in a uniform brick, a bound on the value that keeps its sign (and no
    // gradient: `uniform` is set).
    float sampled(const glm::vec3& p, glm::vec3& grad, bool& uniform) const {
        const glm::vec3 q = (p - lo) / brick_m;
        const glm::ivec3 b = glm::clamp(glm::ivec3(glm::floor(q)), glm::ivec3(0), bricks - 1);
        const Brick& br = brick(b);
        uniform = br.uniform;
        if (br.uniform) return br.value > 0.0f ? br.value - brick_half_diagonal_m : br.value + brick_half_diagonal_m;
        const glm::vec3 f =
            glm::clamp((q - glm::vec3(b)) * static_cast<float>(brick_cells), glm::vec3(0.0f), glm::vec3(static_cast<float>(brick_cells) - 1e-4f));
        const glm::ivec3 c = glm::ivec3(f);
        const glm::vec3 t = f - glm::vec3(c);
        auto at = [&](int x, int y, int z) {
            std::atomic<float>& slot = br.samples[static_cast<std::size_t>(((c.z + z) * brick_samples + (c.y + y)) * brick_samples + (c.x + x))];
            float v = slot.load(std::memory_order_relaxed);
            if (std::isnan(v)) {
                // Two threads may both evaluate it: the same value either way.
                v = shape.eval(br.corner + glm::vec3(c + glm::ivec3(x, y, z)) * cell_m, br.skip);
                slot.store(v, std::memory_order_relaxed);
            }
            return v;
        };
        const float v000 = at(0, 0, 0), v100 = at(1, 0, 0), v010 = at(0, 1, 0), v110 = at(1, 1, 0);
        const float v001 = at(0, 0, 1), v101 = at(1, 0, 1), v011 = at(0, 1, 1), v111 = at(1, 1, 1);
        const float x00 = glm::mix(v000, v100, t.x), x10 = glm::mix(v010, v110, t.x);
        const float x01 = glm::mix(v001, v101, t.x), x11 = glm::mix(v011, v111, t.x);
        const float y0 = glm::mix(x00, x10, t.y), y1 = glm::mix(x01, x11, t.y);
        // The trilinear function's own derivatives, per metre.
        const float dx = glm::mix(glm::mix(v100 - v000, v110 - v010, t.y), glm::mix(v101 - v001, v111 - v011, t.y), t.z);
        const float dy = glm::mix(x10 - x00, x11 - x01, t.z);
        const float dz = y1 - y0;
        grad = glm::vec3(dx, dy, dz) / cell_m;
        return glm::mix(y0, y1, t.z);
    }

    // The sampled field at a rest point inside the box (in a uniform brick, a bound that keeps
    // its sign; elsewhere trilinear, within a fraction of a cell of the field near the surface).
    float sampled_value(const glm::vec3& p) const {
        glm::vec3 g;
        bool uniform = false;
        return sampled(p, g, uniform);
    }

    glm::vec3 gradient(const glm::vec3& p) const {
        constexpr float h = 0.0005f;
        const glm::vec3 g{shape.eval(p + glm::vec3(h, 0, 0)) - shape.eval(p - glm::vec3(h, 0, 0)),
                          shape.eval(p + glm::vec3(0, h, 0)) - shape.eval(p - glm::vec3(0, h, 0)),
                          shape.eval(p + glm::vec3(0, 0, h)) - shape.eval(p - glm::vec3(0, 0, h))};
        const float n = glm::length(g);
        return n > 1e-9f ? g / n : glm::vec3(0.0f, 1.0f, 0.0f);
    }

    // Whether a rest point in the box is surely more than clearance_m outside the bone, from the
    // brick's one value or its octant's centre, without sampling.
    bool surely_clear(const glm::vec3& p) const {
        const glm::vec3 q = (p - lo) / brick_m;
        const glm::ivec3 b = glm::clamp(glm::ivec3(glm::floor(q)), glm::ivec3(0), bricks - 1);
        const Brick& br = brick(b);
        if (br.uniform) return br.value > 0.0f;  // one sign, and farther than the check from the surface
        const glm::ivec3 half = glm::ivec3(glm::greaterThanEqual(q - glm::vec3(b), glm::vec3(0.5f)));
        const glm::vec3 centre = br.corner + (glm::vec3(half) + 0.5f) * (0.5f * brick_m);
        std::atomic<float>& slot = br.octant[static_cast<std::size_t>(half.x + 2 * half.y + 4 * half.z)];
        float v = slot.load(std::memory_order_relaxed);
        if (std::isnan(v)) {
            v = shape.eval(centre, br.skip);
            slot.store(v, std::memory_order_relaxed);
        }
        return v - glm::distance(p, centre) > BoneClearance::clearance_m;
    }

    // Moves a rest point inside the bone out to about clearance_m outside; false when it was
    // outside. The sampled field steers (its error near the surface is a fraction of a cell);
    // deep inside, where the bricks hold one value, the exact gradient does.
    bool push(glm::vec3& p) const {
        if (!in_box(p) || surely_clear(p)) return false;
        glm::vec3 g;
        bool uniform = false;
        float d = sampled(p, g, uniform);
        if (d > BoneClearance::clearance_m) return false;
        for (int step = 0; step < 6 && d < BoneClearance::clearance_m; ++step) {
            if (uniform) {
                d = shape.eval(p);
                g = gradient(p);
            }
            const float n = glm::length(g);
            if (n < 1e-6f) break;
            p += g / n * (BoneClearance::clearance_m - d) / std::max(n, 0.5f);
            d = sampled(p, g, uniform);
        }
        return true;
    }
};

}  // namespace

struct BoneClearance::Impl {
    std::vector<std::unique_ptr<FieldBone>> bones;
};

BoneClearance::BoneClearance(const anat::Skeleton& skeleton) : impl_(std::make_unique<Impl>()) {
    const anat::Skeleton bake = bonegen::skeleton_for_bake(skeleton.params);
    const bonegen::Rig rig(bake);
    std::vector<bonegen::Part> parts;
    bonegen::build_pelvis(rig, parts);
    for (const bonegen::Side& side : {bonegen::right_side, bonegen::Side{1.0f, "_l"}}) bonegen::build_lower_limb(rig, side, parts);
    for (auto& p : parts) {
        if (!kept(p)) continue;
        const int j = skeleton.find_joint(p.joint);
        if (j < 0) continue;
        auto bone = std::make_unique<FieldBone>();
        bone->name = p.name;
        bone->joint = j;
        bone->rest_joint = skeleton.joints[static_cast<std::size_t>(j)].rest_world;
        const bonegen::Box box = p.shape.bounds();
        bone->lo = box.min - glm::vec3(margin_m);
        bone->bricks = glm::max(glm::ivec3(glm::ceil((box.max + glm::vec3(margin_m) - bone->lo) / brick_m)), glm::ivec3(1));
        bone->hi = bone->lo + glm::vec3(bone->bricks) * brick_m;
        bone->cache = std::vector<std::atomic<const Brick*>>(static_cast<std::size_t>(bone->bricks.x * bone->bricks.y * bone->bricks.z));
        bone->shape = std::move(p.shape);
        impl_->bones.push_back(std::move(bone));
    }
}

BoneClearance::~BoneClearance() = default;

std::size_t BoneClearance::push_out(core::MeshData& mesh, std::span<const core::Rigid> world_from_bone, std::size_t first_vertex) const {
    // Runs of vertices (a muscle's neighbouring rings) and their boxes: most runs are far from
    // most bones.
    constexpr std::size_t run = 32;
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
    std::size_t moved = 0;
    for (const auto& bone : impl_->bones) {
        if (static_cast<std::size_t>(bone->joint) >= world_from_bone.size()) continue;
        const core::Rigid& w = world_from_bone[static_cast<std::size_t>(bone->joint)];
        const glm::mat3 world_from_rest = glm::mat3_cast(w.rotation), rest_from_world = glm::transpose(world_from_rest);
        const auto to_rest = [&](const glm::vec3& p) { return bone->rest_joint + rest_from_world * (p - w.translation); };
        const auto to_world = [&](const glm::vec3& p) { return w.translation + world_from_rest * (p - bone->rest_joint); };
        // The box posed, as a world box around it: most vertices fail this cheaply.
        glm::vec3 wlo(1e30f), whi(-1e30f);
        for (int c = 0; c < 8; ++c) {
            const glm::vec3 q = to_world({c & 1 ? bone->hi.x : bone->lo.x, c & 2 ? bone->hi.y : bone->lo.y, c & 4 ? bone->hi.z : bone->lo.z});
            wlo = glm::min(wlo, q);
            whi = glm::max(whi, q);
        }
        for (std::size_t v = first_vertex; v < mesh.vertices.size(); ++v) {
            if ((v - first_vertex) % run == 0) {
                // A run outside the box, or whose centre the field puts farther from the bone
                // than the run reaches (with a millimetre for the samples' error), is skipped.
                const auto& [a, b] = runs[(v - first_vertex) / run];
                const glm::vec3 centre = to_rest(0.5f * (a + b));
                if (glm::any(glm::lessThan(b, wlo)) || glm::any(glm::greaterThan(a, whi)) ||
                    (bone->in_box(centre) && bone->sampled_value(centre) > 0.5f * glm::distance(a, b) + clearance_m + 0.001f)) {
                    v += run - 1;
                    continue;
                }
            }
            const glm::vec3& at = mesh.vertices[v].position;
            if (at.x < wlo.x || at.y < wlo.y || at.z < wlo.z || at.x > whi.x || at.y > whi.y || at.z > whi.z) continue;
            glm::vec3 p = to_rest(at);
            if (!bone->push(p)) continue;
            mesh.vertices[v].position = to_world(p);
            ++moved;
        }
    }
    return moved;
}

float BoneClearance::distance(const glm::vec3& world_point, std::span<const core::Rigid> world_from_bone, std::string* bone_name) const {
    float best = 1e30f;
    for (const auto& bone : impl_->bones) {
        if (static_cast<std::size_t>(bone->joint) >= world_from_bone.size()) continue;
        const float d = bone->shape.eval(bone->to_rest(world_point, world_from_bone[static_cast<std::size_t>(bone->joint)]));
        if (d < best) {
            best = d;
            if (bone_name) *bone_name = bone->name;
        }
    }
    return best;
}

std::vector<std::string> BoneClearance::bone_names() const {
    std::vector<std::string> out;
    for (const auto& b : impl_->bones) out.push_back(b->name);
    return out;
}

}  // namespace scene
