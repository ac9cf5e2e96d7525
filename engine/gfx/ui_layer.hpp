// gfx/ui_layer.hpp: the interface's pixels kept between frames.
//
// On a software rasteriser every interface triangle costs about as much as a thousand pixels of a
// copy (text is thousands of small triangles), so the layer keeps the interface drawn into a
// texture and, each frame, draws again only where a draw list changed: the lists are compared
// with the last frame's, the changed lists' rectangles (old and new) are cleared in the texture,
// and only the triangles that touch them are sent. The kept picture then goes to the window: a
// plain copy outside the 3D view (opaque panels), a blend over the 3D view where a list lies on it.
//
// The layer knows nothing of ImGui: a list is vertices (position, texture coordinate, RGBA colour
// as bytes), 16-bit indices and commands with a clip rectangle and a texture, which is how Dear
// ImGui hands them over. The texture is premultiplied, so layering in it and then over the 3D
// view gives the same colours as drawing straight over the 3D view (within a level of rounding
// where the interface is translucent).
#pragma once

#include "gfx/objects.hpp"
#include "gfx/render_target.hpp"

#include <glm/glm.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gfx {

class ShaderLibrary;

struct UiVertex {
    glm::vec2 pos;  // in the display's units (points)
    glm::vec2 uv;
    std::uint32_t rgba;  // R in the lowest byte
};
static_assert(sizeof(UiVertex) == 20);

// Sets the bound vertex array's attributes 0-2 (position, uv, colour) for UiVertex data in the
// bound GL_ARRAY_BUFFER, as shaders/ui.vert reads them.
void describe_ui_vertices();

struct UiCommand {
    glm::vec4 clip;  // x0, y0, x1, y1 in points
    GLuint texture = 0;
    unsigned index_offset = 0, index_count = 0, vertex_offset = 0;
};

struct UiList {
    const UiVertex* vertices = nullptr;
    std::size_t vertex_count = 0;
    const std::uint16_t* indices = nullptr;
    std::size_t index_count = 0;
    std::vector<UiCommand> commands;
};

struct UiFrame {
    std::vector<UiList> lists;  // back to front
    glm::vec2 display_pos{0.0f};
    glm::vec2 display_size{0.0f};  // points
    glm::vec2 scale{1.0f};         // framebuffer pixels per point
    glm::ivec2 framebuffer{0};     // pixels
    // Where the 3D view was drawn this frame, in framebuffer pixels from the top left; the
    // interface is blended over it there and copied everywhere else.
    glm::ivec4 scene_rect{0};
};

// A rectangle in framebuffer pixels, top-left origin: [x0, x1) x [y0, y1).
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    long area() const { return empty() ? 0 : static_cast<long>(x1 - x0) * (y1 - y0); }
    bool operator==(const PixelRect&) const = default;
};
PixelRect intersect(const PixelRect& a, const PixelRect& b);
PixelRect unite(const PixelRect& a, const PixelRect& b);
// Merges overlapping rectangles until none overlap; more than `max_count` left are merged
// pairwise, cheapest union first. Empty ones are dropped.
std::vector<PixelRect> merge_rects(std::vector<PixelRect> rects, std::size_t max_count = 8);
// Merges only where the union costs no more pixels than the two apart (the result may overlap),
// then as merge_rects while more than `max_count` are left.
std::vector<PixelRect> cover_rects(std::vector<PixelRect> rects, std::size_t max_count = 8);

// What is in `a` and not in `b`: up to four rectangles.
std::vector<PixelRect> subtract(const PixelRect& a, const PixelRect& b);
// Rectangles that do not overlap and cover every pixel of `rects` (and, where two close ones are
// cheaper as one, a few more).
std::vector<PixelRect> disjoint_rects(const std::vector<PixelRect>& rects);

class UiLayer {
public:
    explicit UiLayer(const ShaderLibrary& shaders);

    // Draws the interface into the framebuffer bound as GL_DRAW_FRAMEBUFFER's default (0).
    void draw(const UiFrame& frame);
    // The next draw starts from nothing (after fonts or textures change under the same names).
    void invalidate() { valid_ = false; }

    struct Stats {
        int lists = 0;
        int lists_changed = 0;
        long triangles = 0;       // in the frame's lists
        long triangles_sent = 0;  // drawn again this frame
        float redrawn_share = 0;  // of the window's pixels drawn again
    };
    const Stats& stats() const { return stats_; }

private:
    struct Kept {
        std::size_t signature = 0;
        std::vector<PixelRect> rects;
    };
    void redraw(const UiFrame& frame, const std::vector<Kept>& now, const std::vector<PixelRect>& dirty);
    void composite(const UiFrame& frame, const std::vector<Kept>& now);

    const ShaderLibrary& shaders_;
    RenderTarget kept_;
    std::vector<Kept> last_;
    glm::ivec2 last_size_{0};
    bool valid_ = false;
    Buffer vbo_, ibo_;
    VertexArray vao_, empty_vao_;
    std::vector<std::uint16_t> scratch_indices_;
    Stats stats_;
};

}  // namespace gfx
