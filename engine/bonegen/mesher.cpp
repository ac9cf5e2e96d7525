// bonegen/mesher.cpp
//
// [SECTION] Lattice and bricks
// [SECTION] Marching tetrahedra
// [SECTION] Simplification
// [SECTION] Checks
#include "bonegen/mesher.hpp"

#include "core/error.hpp"

#include <meshoptimizer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

namespace bonegen {

namespace {

// [SECTION] Lattice and bricks

constexpr int brick = 8;                   // cells per brick side
constexpr float lipschitz_margin = 1.25f;  // slack on the 1-Lipschitz bound (blends bend it a little)

// The six tetrahedra of a cell, as corner numbers (bit 0 = +x, bit 1 = +y, bit 2 = +z). All share
// the diagonal from corner 0 to corner 7, so each face is split along the diagonal from its
// lowest to its highest corner, the same way from both sides.
constexpr std::array<std::array<int, 4>, 6> tets{{{0, 1, 3, 7}, {0, 1, 5, 7}, {0, 2, 3, 7}, {0, 2, 6, 7}, {0, 4, 5, 7}, {0, 4, 6, 7}}};

glm::ivec3 corner_offset(int c) { return {c & 1, (c >> 1) & 1, (c >> 2) & 1}; }

int det3(const glm::ivec3& a, const glm::ivec3& b, const glm::ivec3& c) {
    return a.x * (b.y * c.z - b.z * c.y) - a.y * (b.x * c.z - b.z * c.x) + a.z * (b.x * c.y - b.y * c.x);
}

class Extractor {
public:
    Extractor(const Shape& shape, float step) : shape_(shape), h_(step) {
        const Box b = shape.bounds();
        lo_ = {static_cast<int>(std::floor(b.min.x / h_ - 0.5f)) - 2, static_cast<int>(std::floor(b.min.y / h_)) - 2,
               static_cast<int>(std::floor(b.min.z / h_)) - 2};
        const glm::ivec3 hi{static_cast<int>(std::ceil(b.max.x / h_ - 0.5f)) + 2, static_cast<int>(std::ceil(b.max.y / h_)) + 2,
                            static_cast<int>(std::ceil(b.max.z / h_)) + 2};
        cells_ = hi - lo_;
        nodes_ = cells_ + glm::ivec3(1);
    }

    RawMesh run() {
        const glm::ivec3 bricks = (cells_ + glm::ivec3(brick - 1)) / brick;
        const float half_diag = 0.5f * std::sqrt(3.0f) * static_cast<float>(brick) * h_;
        constexpr int sub = brick / 2;  // sub-bricks of 4 cells, tested before their nodes are sampled
        const float sub_reach = 0.5f * std::sqrt(3.0f) * static_cast<float>(sub) * h_ * lipschitz_margin + 0.5f * h_;
        std::vector<float> v(static_cast<std::size_t>((brick + 1) * (brick + 1) * (brick + 1)));
        std::vector<std::uint8_t> skip;
        constexpr float unsampled = std::numeric_limits<float>::quiet_NaN();
        for (int bz = 0; bz < bricks.z; ++bz)
            for (int by = 0; by < bricks.y; ++by)
                for (int bx = 0; bx < bricks.x; ++bx) {
                    const glm::ivec3 b0 = glm::ivec3(bx, by, bz) * brick;
                    const glm::vec3 centre = node_pos(b0) + glm::vec3(0.5f * brick * h_);
                    const float reach = half_diag * lipschitz_margin + h_;
                    const float dc = shape_.cull(centre, reach, skip);
                    if (std::abs(dc) > reach) continue;
                    std::fill(v.begin(), v.end(), unsampled);
                    // Nodes are sampled on demand, only for sub-bricks the surface may cross.
                    auto value = [&](int x, int y, int z) {
                        float& slot = v[local(x, y, z)];
                        if (std::isnan(slot)) {
                            const glm::ivec3 n = b0 + glm::ivec3(x, y, z);
                            slot = 1.0f;  // outside the lattice counts as outside
                            if (n.x < nodes_.x && n.y < nodes_.y && n.z < nodes_.z) slot = shape_.eval(node_pos(n), skip);
                        }
                        return slot;
                    };
                    for (int sz = 0; sz < brick; sz += sub)
                        for (int sy = 0; sy < brick; sy += sub)
                            for (int sx = 0; sx < brick; sx += sub) {
                                const glm::vec3 sc = node_pos(b0 + glm::ivec3(sx, sy, sz)) + glm::vec3(0.5f * sub * h_);
                                if (std::abs(shape_.eval(sc, skip)) > sub_reach) continue;
                                for (int z = sz; z < sz + sub; ++z)
                                    for (int y = sy; y < sy + sub; ++y)
                                        for (int x = sx; x < sx + sub; ++x) {
                                            const glm::ivec3 c = b0 + glm::ivec3(x, y, z);
                                            if (c.x >= cells_.x || c.y >= cells_.y || c.z >= cells_.z) continue;
                                            std::array<float, 8> cv;
                                            int inside = 0;
                                            for (int k = 0; k < 8; ++k) {
                                                const glm::ivec3 o = corner_offset(k);
                                                cv[static_cast<std::size_t>(k)] = value(x + o.x, y + o.y, z + o.z);
                                                inside += cv[static_cast<std::size_t>(k)] < 0.0f ? 1 : 0;
                                            }
                                            if (inside == 0 || inside == 8) continue;
                                            cell(c, cv);
                                        }
                            }
                }
        return std::move(out_);
    }

private:
    static std::size_t local(int x, int y, int z) { return static_cast<std::size_t>(x + (brick + 1) * (y + (brick + 1) * z)); }
    glm::vec3 node_pos(const glm::ivec3& n) const {
        const glm::ivec3 g = n + lo_;
        return {(static_cast<float>(g.x) + 0.5f) * h_, static_cast<float>(g.y) * h_, static_cast<float>(g.z) * h_};
    }
    std::uint64_t node_id(const glm::ivec3& n) const {
        return static_cast<std::uint64_t>(n.x) +
               static_cast<std::uint64_t>(nodes_.x) *
                   (static_cast<std::uint64_t>(n.y) + static_cast<std::uint64_t>(nodes_.y) * static_cast<std::uint64_t>(n.z));
    }

    // [SECTION] Marching tetrahedra

    // The vertex where the surface crosses the lattice edge from node a (inside) to node b.
    std::uint32_t crossing(const glm::ivec3& a, float va, const glm::ivec3& b, float vb) {
        const std::uint64_t ia = node_id(a), ib = node_id(b);
        const std::uint64_t total =
            static_cast<std::uint64_t>(nodes_.x) * static_cast<std::uint64_t>(nodes_.y) * static_cast<std::uint64_t>(nodes_.z);
        const std::uint64_t key = std::min(ia, ib) * total + std::max(ia, ib);
        const auto found = edges_.find(key);
        if (found != edges_.end()) return found->second;
        const glm::vec3 pa = node_pos(a), pb = node_pos(b);
        // Linear interpolation here; the vertices that survive simplification are projected onto
        // the true surface afterwards (far fewer evaluations than refining every crossing).
        float t = va / (va - vb);
        // Keep vertices off the lattice nodes so no triangle collapses to a point.
        t = std::clamp(t, 0.02f, 0.98f);
        const auto index = static_cast<std::uint32_t>(out_.positions.size());
        out_.positions.push_back(pa + (pb - pa) * t);
        edges_.emplace(key, index);
        return index;
    }

    void tri(std::uint32_t a, std::uint32_t b, std::uint32_t c, bool flip) {
        out_.indices.push_back(a);
        out_.indices.push_back(flip ? c : b);
        out_.indices.push_back(flip ? b : c);
    }

    void cell(const glm::ivec3& c, const std::array<float, 8>& cv) {
        for (const auto& t : tets) {
            std::array<int, 4> in{}, out{};
            int ni = 0, no = 0;
            for (int k : t) {
                if (cv[static_cast<std::size_t>(k)] < 0.0f)
                    in[static_cast<std::size_t>(ni++)] = k;
                else
                    out[static_cast<std::size_t>(no++)] = k;
            }
            if (ni == 0 || no == 0) continue;
            auto node = [&](int k) { return c + corner_offset(k); };
            auto val = [&](int k) { return cv[static_cast<std::size_t>(k)]; };
            auto edge = [&](int i, int o) { return crossing(node(i), val(i), node(o), val(o)); };
            if (ni == 1) {
                const int i = in[0];
                // Facing away from the lone inside corner.
                const bool flip = det3(corner_offset(out[0]) - corner_offset(i), corner_offset(out[1]) - corner_offset(i),
                                       corner_offset(out[2]) - corner_offset(i)) < 0;
                tri(edge(i, out[0]), edge(i, out[1]), edge(i, out[2]), flip);
            } else if (no == 1) {
                const int o = out[0];
                // Facing toward the lone outside corner.
                const bool flip = det3(corner_offset(in[0]) - corner_offset(o), corner_offset(in[1]) - corner_offset(o),
                                       corner_offset(in[2]) - corner_offset(o)) > 0;
                tri(edge(in[0], o), edge(in[1], o), edge(in[2], o), flip);
            } else {
                const int i0 = in[0], i1 = in[1], o0 = out[0], o1 = out[1];
                // Orientation from the quad through the edge midpoints (exact in doubled integers).
                const glm::ivec3 m00 = corner_offset(i0) + corner_offset(o0), m01 = corner_offset(i0) + corner_offset(o1),
                                 m11 = corner_offset(i1) + corner_offset(o1);
                const glm::ivec3 n = glm::ivec3((m01 - m00).y * (m11 - m00).z - (m01 - m00).z * (m11 - m00).y,
                                                (m01 - m00).z * (m11 - m00).x - (m01 - m00).x * (m11 - m00).z,
                                                (m01 - m00).x * (m11 - m00).y - (m01 - m00).y * (m11 - m00).x);
                const glm::ivec3 dir = corner_offset(o0) + corner_offset(o1) - corner_offset(i0) - corner_offset(i1);
                const bool flip = n.x * dir.x + n.y * dir.y + n.z * dir.z < 0;
                const std::uint32_t e00 = edge(i0, o0), e01 = edge(i0, o1), e11 = edge(i1, o1), e10 = edge(i1, o0);
                tri(e00, e01, e11, flip);
                tri(e00, e11, e10, flip);
            }
        }
    }

    const Shape& shape_;
    float h_;
    glm::ivec3 lo_{0}, cells_{0}, nodes_{0};
    std::unordered_map<std::uint64_t, std::uint32_t> edges_;
    RawMesh out_;
};

}  // namespace

RawMesh extract_surface(const Shape& shape, float step_m) {
    ANATOMY_ASSERT(step_m > 0.0f, "extract_surface needs a positive step");
    if (shape.empty() || shape.bounds().empty() || shape.bounds().is_infinite()) return {};
    return Extractor(shape, step_m).run();
}

void project_onto(RawMesh& mesh, const Shape& shape, float max_move_m) {
    for (auto& p : mesh.positions) {
        glm::vec3 q = p;
        for (int it = 0; it < 4; ++it) {
            const float d = shape.eval(q);
            if (std::abs(d) < 1e-6f) break;
            const glm::vec3 g = shape.gradient(q);
            const float g2 = glm::dot(g, g);
            if (g2 < 1e-8f) break;
            glm::vec3 step = g * (d / g2);
            const float len = glm::length(step);
            if (len > max_move_m) step *= max_move_m / len;
            q -= step;
        }
        p = q;
    }
}

// [SECTION] Simplification

namespace {

RawMesh compact(const std::vector<glm::vec3>& positions, std::vector<std::uint32_t> indices) {
    RawMesh out;
    if (indices.empty()) return out;
    meshopt_optimizeVertexCache(indices.data(), indices.data(), indices.size(), positions.size());
    std::vector<unsigned int> remap(positions.size());
    const std::size_t count = meshopt_optimizeVertexFetchRemap(remap.data(), indices.data(), indices.size(), positions.size());
    out.positions.resize(count);
    meshopt_remapVertexBuffer(out.positions.data(), positions.data(), positions.size(), sizeof(glm::vec3), remap.data());
    out.indices.resize(indices.size());
    meshopt_remapIndexBuffer(out.indices.data(), indices.data(), indices.size(), remap.data());
    return out;
}

// Collapsing a thin wall can leave a triangle and its mirror image glued back to back; the pair
// encloses nothing, so drop both (the surface around them stays closed).
void drop_back_to_back_pairs(std::vector<std::uint32_t>& idx) {
    std::unordered_map<std::uint64_t, int> seen;  // key: sorted triangle (21 bits per index)
    auto key = [&](std::size_t t) {
        std::array<std::uint64_t, 3> v{idx[t], idx[t + 1], idx[t + 2]};
        std::sort(v.begin(), v.end());
        return (v[0] << 42) | (v[1] << 21) | v[2];
    };
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3) ++seen[key(t)];
    std::vector<std::uint32_t> kept;
    kept.reserve(idx.size());
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
        if (seen[key(t)] == 1) kept.insert(kept.end(), {idx[t], idx[t + 1], idx[t + 2]});
    idx.swap(kept);
}

}  // namespace

namespace {

// Where simplification squeezed two sheets onto one edge (an edge used twice each way), give each
// sheet its own copies of the edge's vertices, nudged 10 um into their own sheet so they stay
// distinct when a loader welds identical vertices. Each vertex's triangles are grouped into fans
// joined across sound edges; every fan after the first gets a new vertex.
void unpinch(std::vector<glm::vec3>& positions, std::vector<std::uint32_t>& idx) {
    auto key = [](std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; };
    std::unordered_map<std::uint64_t, int> directed;
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
        for (int e = 0; e < 3; ++e) ++directed[key(idx[t + static_cast<std::size_t>(e)], idx[t + static_cast<std::size_t>((e + 1) % 3)])];
    auto sound = [&](std::uint32_t a, std::uint32_t b) {
        const auto f = directed.find(key(a, b)), r = directed.find(key(b, a));
        return f != directed.end() && r != directed.end() && f->second == 1 && r->second == 1;
    };
    std::vector<std::uint32_t> pinched;
    for (const auto& [k, count] : directed) {
        const auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k & 0xffffffffu);
        if (!sound(a, b)) {
            pinched.push_back(a);
            pinched.push_back(b);
        }
    }
    if (pinched.empty()) return;
    std::sort(pinched.begin(), pinched.end());
    pinched.erase(std::unique(pinched.begin(), pinched.end()), pinched.end());
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> around;  // vertex -> triangles
    for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            const std::uint32_t v = idx[t + static_cast<std::size_t>(e)];
            if (std::binary_search(pinched.begin(), pinched.end(), v)) around[v].push_back(t);
        }
    for (const std::uint32_t v : pinched) {
        const std::vector<std::size_t>& tris = around[v];
        std::vector<int> fan(tris.size(), -1);
        int fans = 0;
        for (std::size_t seed = 0; seed < tris.size(); ++seed) {
            if (fan[seed] >= 0) continue;
            std::vector<std::size_t> stack{seed};
            fan[seed] = fans;
            while (!stack.empty()) {
                const std::size_t i = stack.back();
                stack.pop_back();
                for (std::size_t j = 0; j < tris.size(); ++j) {
                    if (fan[j] >= 0) continue;
                    // Triangles i and j share an edge (v, w) that is sound.
                    bool joined = false;
                    for (int e = 0; e < 3 && !joined; ++e) {
                        const std::uint32_t w = idx[tris[i] + static_cast<std::size_t>(e)];
                        if (w == v) continue;
                        bool in_j = false;
                        for (int f = 0; f < 3; ++f) in_j = in_j || idx[tris[j] + static_cast<std::size_t>(f)] == w;
                        joined = in_j && sound(v, w);
                    }
                    if (joined) {
                        fan[j] = fans;
                        stack.push_back(j);
                    }
                }
            }
            ++fans;
        }
        for (int f = 1; f < fans; ++f) {
            glm::vec3 centre{0.0f};
            int n = 0;
            for (std::size_t i = 0; i < tris.size(); ++i)
                if (fan[i] == f)
                    for (int e = 0; e < 3; ++e, ++n) centre += positions[idx[tris[i] + static_cast<std::size_t>(e)]];
            centre /= static_cast<float>(std::max(n, 1));
            const glm::vec3 towards = centre - positions[v];
            const float len = glm::length(towards);
            const auto copy = static_cast<std::uint32_t>(positions.size());
            positions.push_back(positions[v] + (len > 1e-9f ? towards / len * 1e-5f : glm::vec3(0.0f)));
            for (std::size_t i = 0; i < tris.size(); ++i)
                if (fan[i] == f)
                    for (int e = 0; e < 3; ++e)
                        if (idx[tris[i] + static_cast<std::size_t>(e)] == v) idx[tris[i] + static_cast<std::size_t>(e)] = copy;
        }
    }
}

// A triangle with (almost) no area has one corner on the line of its longest edge; flipping that
// edge with the neighbour across it replaces both triangles with two proper ones. The mesh stays
// closed and oriented. A few passes clear the slivers simplification leaves behind.
void flip_slivers(const std::vector<glm::vec3>& positions, std::vector<std::uint32_t>& idx, float min_area_m2 = 1e-12f) {
    auto area = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
        return 0.5f * glm::length(glm::cross(positions[b] - positions[a], positions[c] - positions[a]));
    };
    auto key = [](std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; };
    for (int pass = 0; pass < 4; ++pass) {
        std::unordered_map<std::uint64_t, std::size_t> owner;  // directed edge -> triangle
        for (std::size_t t = 0; t + 2 < idx.size(); t += 3)
            for (int e = 0; e < 3; ++e) owner[key(idx[t + static_cast<std::size_t>(e)], idx[t + static_cast<std::size_t>((e + 1) % 3)])] = t;
        bool changed = false;
        std::vector<char> touched(idx.size() / 3, 0);
        for (std::size_t t = 0; t + 2 < idx.size(); t += 3) {
            if (touched[t / 3]) continue;
            const std::uint32_t v[3] = {idx[t], idx[t + 1], idx[t + 2]};
            if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2] || area(v[0], v[1], v[2]) > min_area_m2) continue;
            // The longest edge (a, b) and the corner c opposite it.
            int e = 0;
            float longest = -1.0f;
            for (int i = 0; i < 3; ++i) {
                const float l = glm::length(positions[v[(i + 1) % 3]] - positions[v[i]]);
                if (l > longest) longest = l, e = i;
            }
            const std::uint32_t a = v[e], b = v[(e + 1) % 3], c = v[(e + 2) % 3];
            const auto other = owner.find(key(b, a));
            if (other == owner.end() || touched[other->second / 3]) continue;
            const std::size_t u = other->second;
            std::uint32_t d = idx[u];
            for (int i = 0; i < 3; ++i)
                if (idx[u + static_cast<std::size_t>(i)] != a && idx[u + static_cast<std::size_t>(i)] != b) d = idx[u + static_cast<std::size_t>(i)];
            if (d == c || owner.count(key(c, d)) || owner.count(key(d, c))) continue;  // the new edge must not exist yet
            if (area(c, a, d) <= min_area_m2 || area(c, d, b) <= min_area_m2) continue;
            idx[t] = c, idx[t + 1] = a, idx[t + 2] = d;
            idx[u] = c, idx[u + 1] = d, idx[u + 2] = b;
            touched[t / 3] = touched[u / 3] = 1;
            changed = true;
        }
        if (!changed) break;
    }
}

// One meshoptimizer pass; empty when the result is not a closed manifold free of slivers.
std::vector<std::uint32_t> simplify_pass(std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices, std::size_t target,
                                         float error, bool allow_slivers) {
    std::vector<std::uint32_t> dst(indices.size());
    float achieved = 0.0f;
    const std::size_t n = meshopt_simplify(dst.data(), indices.data(), indices.size(), &positions[0].x, positions.size(), sizeof(glm::vec3),
                                           target * 3, error, 0, &achieved);
    dst.resize(n);
    drop_back_to_back_pairs(dst);
    MeshCheck check = check_mesh(positions, dst);
    if (!check.closed) {
        unpinch(positions, dst);
        check = check_mesh(positions, dst);
    }
    if (check.closed && check.degenerate != 0) {
        flip_slivers(positions, dst);
        check = check_mesh(positions, dst);
    }
    if (!check.closed || (check.degenerate != 0 && !allow_slivers)) dst.clear();
    return dst;
}

}  // namespace

namespace {

// Triangles facing against the surface (their normal opposite to the mean field normal at their
// corners) would render as holes with back-face culling.
std::vector<std::size_t> inverted_triangles(const RawMesh& m, const Shape& shape) {
    std::vector<glm::vec3> normals(m.positions.size());
    for (std::size_t v = 0; v < m.positions.size(); ++v) normals[v] = shape.normal(m.positions[v]);
    std::vector<std::size_t> out;
    for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
        const glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
        const glm::vec3 face = glm::cross(b - a, c - a);
        const glm::vec3 field = normals[m.indices[t]] + normals[m.indices[t + 1]] + normals[m.indices[t + 2]];
        if (glm::dot(face, field) <= 0.0f) out.push_back(t);
    }
    return out;
}

double folded_area(const RawMesh& m, const std::vector<std::size_t>& bad) {
    double folded = 0.0;
    for (const std::size_t t : bad) {
        const glm::vec3 a = m.positions[m.indices[t]], b = m.positions[m.indices[t + 1]], c = m.positions[m.indices[t + 2]];
        folded += 0.5 * glm::length(glm::cross(b - a, c - a));
    }
    return folded;
}

// Simplification can fold a few triangles over their neighbours. Unfold them: move the corners
// of folded triangles and their neighbours to the centre of their neighbours, back onto the
// surface, a few times. Connectivity is untouched. Returns the fraction of the area left folded.
double untangle(RawMesh& m, const Shape& shape, float step_m) {
    for (int round = 0; round < 12; ++round) {
        const std::vector<std::size_t> bad = inverted_triangles(m, shape);
        if (bad.empty()) return 0.0;
        std::vector<std::vector<std::uint32_t>> ring(m.positions.size());
        for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3)
            for (int e = 0; e < 3; ++e) {
                const std::uint32_t a = m.indices[t + static_cast<std::size_t>(e)], b = m.indices[t + static_cast<std::size_t>((e + 1) % 3)];
                ring[a].push_back(b);
                ring[b].push_back(a);
            }
        std::vector<char> mark(m.positions.size(), 0);
        for (const std::size_t t : bad)
            for (int e = 0; e < 3; ++e) {
                const std::uint32_t v = m.indices[t + static_cast<std::size_t>(e)];
                mark[v] = 1;
                if (round >= 4)  // widen the repair if the corners alone do not do it
                    for (std::uint32_t w : ring[v]) mark[w] = 1;
            }
        RawMesh moved;
        for (std::size_t v = 0; v < m.positions.size(); ++v) {
            if (!mark[v] || ring[v].empty()) continue;
            glm::vec3 c{0.0f};
            for (std::uint32_t w : ring[v]) c += m.positions[w];
            moved.positions.push_back(c / static_cast<float>(ring[v].size()));
            moved.indices.push_back(static_cast<std::uint32_t>(v));
        }
        project_onto(moved, shape, step_m);
        for (std::size_t i = 0; i < moved.positions.size(); ++i) m.positions[moved.indices[i]] = moved.positions[i];
    }
    return folded_area(m, inverted_triangles(m, shape)) / std::max(mesh_area(m.positions, m.indices), 1e-12);
}

// Projects a candidate onto the surface and unfolds it. Returns the fraction of its area left
// folded, or a negative value when it is not closed or has slivers.
double finish(RawMesh& candidate, const Shape& shape, float step_m) {
    project_onto(candidate, shape, step_m * 0.5f);
    if (!check_mesh(candidate.positions, candidate.indices).closed) return -1.0;
    const double folded = untangle(candidate, shape, step_m);
    MeshCheck check = check_mesh(candidate.positions, candidate.indices);
    if (check.closed && check.degenerate != 0) {
        flip_slivers(candidate.positions, candidate.indices);
        check = check_mesh(candidate.positions, candidate.indices);
    }
    return check.closed && check.degenerate == 0 ? folded : -1.0;
}

}  // namespace

RawMesh simplify(const RawMesh& mesh, std::size_t target_triangles, const Shape& shape, float step_m) {
    if (mesh.indices.empty()) return {};
    ANATOMY_ASSERT(mesh.positions.size() < (1u << 21), "simplify: at most 2 million vertices");
    const std::size_t target = std::max<std::size_t>(target_triangles, 4);
    std::vector<glm::vec3> positions = mesh.positions;
    std::vector<std::uint32_t> base = mesh.indices;
    if (target < mesh.triangle_count()) {
        // Stage 1: a cheap, gentle reduction (tiny error bound) that later attempts start from.
        const std::size_t middle = std::max<std::size_t>(target * 6, 12000);
        if (middle < mesh.triangle_count()) {
            std::vector<std::uint32_t> gentle = simplify_pass(positions, mesh.indices, middle, 2e-4f, true);
            if (!gentle.empty()) base.swap(gentle);
        }
        // Stage 2: down to the target; where that pinches thin walls together or folds a
        // triangle over, ask for a little more.
        // A candidate is accepted when at most 0.1 % of its area stays folded (tiny folds in tight
        // creases, covered by their neighbours); failing that, the least folded sound one.
        RawMesh best;
        double best_folded = 1.0;
        for (const float more : {1.0f, 1.12f, 1.25f, 1.4f, 1.6f, 2.0f}) {
            const auto want = static_cast<std::size_t>(static_cast<float>(target) * more);
            if (want >= base.size() / 3) break;
            std::vector<std::uint32_t> idx = simplify_pass(positions, base, want, 1.0f, false);
            if (idx.empty()) continue;
            RawMesh candidate = compact(positions, std::move(idx));
            const double folded = finish(candidate, shape, step_m);
            if (folded < 0.0) continue;
            if (folded <= 1e-3) return candidate;
            if (folded < best_folded) {
                best_folded = folded;
                best = std::move(candidate);
            }
        }
        if (!best.indices.empty()) return best;
    }
    RawMesh all = compact(positions, std::move(base));
    project_onto(all, shape, step_m * 0.5f);
    return all;
}

// [SECTION] Checks

MeshCheck check_mesh(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices, float min_area_m2) {
    MeshCheck r;
    std::unordered_map<std::uint64_t, int> directed;
    directed.reserve(indices.size() * 2);
    auto key = [](std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; };
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const std::uint32_t a = indices[t], b = indices[t + 1], c = indices[t + 2];
        if (a == b || b == c || a == c || a >= positions.size() || b >= positions.size() || c >= positions.size()) {
            ++r.degenerate;
            continue;
        }
        const float area = 0.5f * glm::length(glm::cross(positions[b] - positions[a], positions[c] - positions[a]));
        if (!(area > min_area_m2)) ++r.degenerate;
        ++directed[key(a, b)];
        ++directed[key(b, c)];
        ++directed[key(c, a)];
    }
    for (const auto& [k, count] : directed) {
        const auto a = static_cast<std::uint32_t>(k >> 32), b = static_cast<std::uint32_t>(k & 0xffffffffu);
        const auto back = directed.find(key(b, a));
        if (count != 1 || back == directed.end() || back->second != 1) ++r.bad_edges;
    }
    r.closed = r.bad_edges == 0 && !indices.empty();
    return r;
}

double mesh_volume(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices) {
    double v = 0.0;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a = positions[indices[t]], b = positions[indices[t + 1]], c = positions[indices[t + 2]];
        v += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    return v;
}

double mesh_area(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices) {
    double s = 0.0;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a = positions[indices[t]], b = positions[indices[t + 1]], c = positions[indices[t + 2]];
        s += 0.5 * glm::length(glm::cross(b - a, c - a));
    }
    return s;
}

}  // namespace bonegen
