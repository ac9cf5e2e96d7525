#include "gfx/ui_layer.hpp"

#include "gfx/shader.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string_view>

namespace gfx {

// [SECTION] Rectangles

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    PixelRect r{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
    return r.empty() ? PixelRect{} : r;
}

PixelRect unite(const PixelRect& a, const PixelRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

namespace {
bool overlap(const PixelRect& a, const PixelRect& b) { return !intersect(a, b).empty(); }

// Merges pairs while `worth(a, b)`, then the cheapest pairs while more than `max_count` are left.
template <class Worth>
std::vector<PixelRect> merge(std::vector<PixelRect> rects, std::size_t max_count, Worth worth) {
    rects.erase(std::remove_if(rects.begin(), rects.end(), [](const PixelRect& r) { return r.empty(); }), rects.end());
    max_count = std::max<std::size_t>(max_count, 1);
    for (;;) {
        bool merged = false;
        for (std::size_t i = 0; i < rects.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < rects.size() && !merged; ++j)
                if (worth(rects[i], rects[j])) {
                    rects[i] = unite(rects[i], rects[j]);
                    rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(j));
                    merged = true;
                }
        if (merged) continue;
        if (rects.size() <= max_count) return rects;
        std::size_t bi = 0, bj = 1;
        long best = -1;
        for (std::size_t i = 0; i < rects.size(); ++i)
            for (std::size_t j = i + 1; j < rects.size(); ++j) {
                const long extra = unite(rects[i], rects[j]).area() - rects[i].area() - rects[j].area();
                if (best < 0 || extra < best) best = extra, bi = i, bj = j;
            }
        rects[bi] = unite(rects[bi], rects[bj]);
        rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(bj));
    }
}
}  // namespace

std::vector<PixelRect> merge_rects(std::vector<PixelRect> rects, std::size_t max_count) {
    return merge(std::move(rects), max_count, [](const PixelRect& a, const PixelRect& b) { return overlap(a, b); });
}

std::vector<PixelRect> subtract(const PixelRect& a, const PixelRect& b) {
    const PixelRect o = intersect(a, b);
    if (o.empty()) return {a};
    std::vector<PixelRect> out;
    const PixelRect parts[] = {{a.x0, a.y0, a.x1, o.y0}, {a.x0, o.y1, a.x1, a.y1}, {a.x0, o.y0, o.x0, o.y1}, {o.x1, o.y0, a.x1, o.y1}};
    for (const PixelRect& p : parts)
        if (!p.empty()) out.push_back(p);
    return out;
}

std::vector<PixelRect> disjoint_rects(const std::vector<PixelRect>& rects) {
    std::vector<PixelRect> out;
    for (const PixelRect& r : cover_rects(rects, 32)) {
        std::vector<PixelRect> pieces{r};
        for (const PixelRect& q : out) {
            std::vector<PixelRect> next;
            for (const PixelRect& p : pieces)
                for (const PixelRect& part : subtract(p, q)) next.push_back(part);
            pieces = std::move(next);
        }
        out.insert(out.end(), pieces.begin(), pieces.end());
    }
    return out;
}

std::vector<PixelRect> cover_rects(std::vector<PixelRect> rects, std::size_t max_count) {
    return merge(std::move(rects), max_count, [](const PixelRect& a, const PixelRect& b) { return unite(a, b).area() <= a.area() + b.area(); });
}

// [SECTION] The layer

namespace {

std::size_t hash_bytes(const void* data, std::size_t size) {
    return std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size));
}

// What a list looks like (its bytes) and where it draws: its triangles' extent gathered into a
// few rectangles (text lines, boxes, labels apart), cut to their clip rectangles, in pixels.
struct Placed {
    std::size_t signature;
    std::vector<PixelRect> rects;
};

Placed place(const UiList& list, const UiFrame& f) {
    std::size_t h = hash_bytes(list.vertices, list.vertex_count * sizeof(UiVertex));
    h = h * 1099511628211ull ^ hash_bytes(list.indices, list.index_count * sizeof(std::uint16_t));
    std::vector<PixelRect> rects;
    const PixelRect window{0, 0, f.framebuffer.x, f.framebuffer.y};
    constexpr int near_px = 6;  // triangles this close join one rectangle
    for (const UiCommand& c : list.commands) {
        const std::size_t words[] = {c.texture, c.index_offset, c.index_count, c.vertex_offset};
        h = h * 1099511628211ull ^ hash_bytes(words, sizeof(words));
        h = h * 1099511628211ull ^ hash_bytes(&c.clip, sizeof(c.clip));
        const glm::vec2 clip0 = (glm::vec2(c.clip.x, c.clip.y) - f.display_pos) * f.scale;
        const glm::vec2 clip1 = (glm::vec2(c.clip.z, c.clip.w) - f.display_pos) * f.scale;
        const PixelRect clip = intersect(window, {static_cast<int>(std::floor(clip0.x)), static_cast<int>(std::floor(clip0.y)),
                                                  static_cast<int>(std::ceil(clip1.x)), static_cast<int>(std::ceil(clip1.y))});
        if (clip.empty()) continue;
        PixelRect current;
        for (unsigned k = 0; k + 3 <= c.index_count && c.index_offset + k + 3 <= list.index_count; k += 3) {
            const std::uint16_t* t = list.indices + c.index_offset + k;
            glm::vec2 lo(1e30f), hi(-1e30f);
            for (int v = 0; v < 3; ++v) {
                const std::size_t vi = c.vertex_offset + t[v];
                if (vi >= list.vertex_count) continue;
                lo = glm::min(lo, list.vertices[vi].pos);
                hi = glm::max(hi, list.vertices[vi].pos);
            }
            if (lo.x > hi.x) continue;
            lo = (lo - f.display_pos) * f.scale;
            hi = (hi - f.display_pos) * f.scale;
            // A pixel past each side: antialiased edges reach into the next pixel.
            const PixelRect r = intersect(clip, {static_cast<int>(std::floor(lo.x)) - 1, static_cast<int>(std::floor(lo.y)) - 1,
                                                 static_cast<int>(std::ceil(hi.x)) + 1, static_cast<int>(std::ceil(hi.y)) + 1});
            if (r.empty()) continue;
            const PixelRect grown{current.x0 - near_px, current.y0 - near_px, current.x1 + near_px, current.y1 + near_px};
            if (current.empty() || !intersect(grown, r).empty()) {
                current = unite(current, r);
            } else {
                rects.push_back(current);
                current = r;
            }
        }
        if (!current.empty()) rects.push_back(current);
    }
    return {h, cover_rects(std::move(rects), 12)};
}

bool touches(const std::vector<PixelRect>& rects, const PixelRect& r) {
    for (const PixelRect& q : rects)
        if (!intersect(q, r).empty()) return true;
    return false;
}

void set_scissor(const PixelRect& r, int framebuffer_height) { glScissor(r.x0, framebuffer_height - r.y1, r.x1 - r.x0, r.y1 - r.y0); }

}  // namespace

void describe_ui_vertices() {
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(UiVertex), reinterpret_cast<const void*>(offsetof(UiVertex, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(UiVertex), reinterpret_cast<const void*>(offsetof(UiVertex, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(UiVertex), reinterpret_cast<const void*>(offsetof(UiVertex, rgba)));
}

UiLayer::UiLayer(const ShaderLibrary& shaders) : shaders_(shaders) {
    vbo_ = create_buffer();
    ibo_ = create_buffer();
    vao_ = create_vertex_array();
    empty_vao_ = create_vertex_array();
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_.id());
    describe_ui_vertices();
    glBindVertexArray(0);
}

void UiLayer::draw(const UiFrame& frame) {
    stats_ = {};
    if (frame.framebuffer.x <= 0 || frame.framebuffer.y <= 0) return;
    std::vector<Kept> now;
    now.reserve(frame.lists.size());
    for (const UiList& l : frame.lists) {
        const Placed p = place(l, frame);
        now.push_back({p.signature, p.rects});
        stats_.triangles += static_cast<long>(l.index_count / 3);
    }
    stats_.lists = static_cast<int>(now.size());

    std::vector<PixelRect> dirty;
    if (!valid_ || frame.framebuffer != last_size_ || !kept_.valid()) {
        if (!kept_.valid())
            kept_ = RenderTarget(frame.framebuffer, GL_RGBA8, false, false);
        else
            kept_.resize(frame.framebuffer);
        dirty.push_back({0, 0, frame.framebuffer.x, frame.framebuffer.y});
        stats_.lists_changed = stats_.lists;
    } else {
        for (std::size_t i = 0; i < std::max(now.size(), last_.size()); ++i) {
            const bool in_now = i < now.size(), in_last = i < last_.size();
            if (in_now && in_last && now[i].signature == last_[i].signature && now[i].rects == last_[i].rects) continue;
            if (in_now) dirty.insert(dirty.end(), now[i].rects.begin(), now[i].rects.end()), ++stats_.lists_changed;
            if (in_last) dirty.insert(dirty.end(), last_[i].rects.begin(), last_[i].rects.end());
        }
    }
    dirty = disjoint_rects(dirty);  // cleared once each, every list drawn into all of them in one go
    if (!dirty.empty()) redraw(frame, now, dirty);
    long redrawn = 0;
    for (const PixelRect& r : dirty) redrawn += r.area();
    stats_.redrawn_share = static_cast<float>(static_cast<double>(redrawn) / (static_cast<double>(frame.framebuffer.x) * frame.framebuffer.y));
    composite(frame, now);
    last_ = std::move(now);
    last_size_ = frame.framebuffer;
    valid_ = true;
}

void UiLayer::redraw(const UiFrame& f, const std::vector<Kept>& now, const std::vector<PixelRect>& dirty) {
    kept_.bind();
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_CULL_FACE);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glEnable(GL_SCISSOR_TEST);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glBlendEquation(GL_FUNC_ADD);
    // Colour over colour as Dear ImGui blends; alpha accumulates, so the texture is premultiplied.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    const ShaderProgram& program = shaders_.get("ui");
    program.use();
    const glm::vec2 lo = f.display_pos, hi = f.display_pos + f.display_size;
    program.set("u_projection", glm::ortho(lo.x, hi.x, hi.y, lo.y));
    program.set("u_texture", 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_.id());

    struct Run {
        const UiCommand* command;
        PixelRect scissor;
        std::size_t first, count;
    };
    std::vector<Run> runs;
    // The rectangles do not overlap: each is cleared once, then every list that reaches any of
    // them is sent once, each command cut to each rectangle it reaches.
    glDisable(GL_BLEND);
    for (const PixelRect& r : dirty) {
        set_scissor(r, f.framebuffer.y);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glEnable(GL_BLEND);
    for (std::size_t li = 0; li < f.lists.size(); ++li) {
        const UiList& list = f.lists[li];
        bool reaches = false;
        for (const PixelRect& r : dirty) reaches = reaches || touches(now[li].rects, r);
        if (!reaches) continue;
        // Only the triangles that reach a rectangle.
        scratch_indices_.clear();
        runs.clear();
        for (const UiCommand& c : list.commands) {
            const PixelRect clip{static_cast<int>(std::floor((c.clip.x - f.display_pos.x) * f.scale.x)),
                                 static_cast<int>(std::floor((c.clip.y - f.display_pos.y) * f.scale.y)),
                                 static_cast<int>(std::ceil((c.clip.z - f.display_pos.x) * f.scale.x)),
                                 static_cast<int>(std::ceil((c.clip.w - f.display_pos.y) * f.scale.y))};
            for (const PixelRect& r : dirty) {
                const PixelRect cut = intersect(clip, r);
                if (cut.empty()) continue;
                const glm::vec2 cut0 = glm::vec2(static_cast<float>(cut.x0), static_cast<float>(cut.y0)) - 1.0f;
                const glm::vec2 cut1 = glm::vec2(static_cast<float>(cut.x1), static_cast<float>(cut.y1)) + 1.0f;
                const std::size_t first = scratch_indices_.size();
                for (unsigned k = 0; k + 3 <= c.index_count && c.index_offset + k + 3 <= list.index_count; k += 3) {
                    const std::uint16_t* t = list.indices + c.index_offset + k;
                    const std::size_t v0 = c.vertex_offset + t[0], v1 = c.vertex_offset + t[1], v2 = c.vertex_offset + t[2];
                    if (v0 >= list.vertex_count || v1 >= list.vertex_count || v2 >= list.vertex_count) continue;
                    const glm::vec2 p0 = list.vertices[v0].pos, p1 = list.vertices[v1].pos, p2 = list.vertices[v2].pos;
                    const glm::vec2 a = (glm::min(p0, glm::min(p1, p2)) - f.display_pos) * f.scale;
                    const glm::vec2 b = (glm::max(p0, glm::max(p1, p2)) - f.display_pos) * f.scale;
                    if (b.x < cut0.x || a.x > cut1.x || b.y < cut0.y || a.y > cut1.y) continue;
                    scratch_indices_.insert(scratch_indices_.end(), t, t + 3);
                }
                if (scratch_indices_.size() > first) runs.push_back({&c, cut, first, scratch_indices_.size() - first});
            }
        }
        if (runs.empty()) continue;
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list.vertex_count * sizeof(UiVertex)), list.vertices, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(scratch_indices_.size() * sizeof(std::uint16_t)), scratch_indices_.data(),
                     GL_STREAM_DRAW);
        for (const Run& run : runs) {
            set_scissor(run.scissor, f.framebuffer.y);
            glBindTexture(GL_TEXTURE_2D, run.command->texture);
            glDrawElementsBaseVertex(GL_TRIANGLES, static_cast<GLsizei>(run.count), GL_UNSIGNED_SHORT,
                                     reinterpret_cast<const void*>(run.first * sizeof(std::uint16_t)),
                                     static_cast<GLint>(run.command->vertex_offset));
            stats_.triangles_sent += static_cast<long>(run.count / 3);
        }
    }
    glDisable(GL_BLEND);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void UiLayer::composite(const UiFrame& f, const std::vector<Kept>& now) {
    const int w = f.framebuffer.x, h = f.framebuffer.y;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, kept_.fbo());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    // Outside the 3D view nothing else is drawn: a copy.
    const PixelRect window{0, 0, w, h};
    const PixelRect scene = intersect(window, {f.scene_rect.x, f.scene_rect.y, f.scene_rect.x + f.scene_rect.z, f.scene_rect.y + f.scene_rect.w});
    std::vector<PixelRect> strips;
    if (scene.empty()) {
        strips.push_back(window);
    } else {
        strips = {{0, 0, w, scene.y0}, {0, scene.y1, w, h}, {0, scene.y0, scene.x0, scene.y1}, {scene.x1, scene.y0, w, scene.y1}};
    }
    for (const PixelRect& s : strips) {
        if (s.empty()) continue;
        glBlitFramebuffer(s.x0, h - s.y1, s.x1, h - s.y0, s.x0, h - s.y1, s.x1, h - s.y0, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (scene.empty()) return;
    // Over the 3D view: the kept pixels blended where a list lies.
    std::vector<PixelRect> over;
    for (const Kept& k : now)
        for (const PixelRect& r : k.rects) over.push_back(intersect(r, scene));
    over = disjoint_rects(over);
    if (over.empty()) return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_SCISSOR_TEST);
    const ShaderProgram& program = shaders_.get("ui_composite");
    program.use();
    program.set("u_kept", 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, kept_.color());
    glBindVertexArray(empty_vao_.id());
    for (const PixelRect& r : over) {
        set_scissor(r, h);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
}

}  // namespace gfx
