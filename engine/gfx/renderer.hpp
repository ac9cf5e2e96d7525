// gfx/renderer.hpp: forward renderer for the anatomy scene.
//
// Passes, in order: the backdrop (the gradient cached per size; the floor cached with it while the
// camera holds still, drawn straight in while it moves); opaque items (muscles lit per pixel;
// bones and skin per vertex where their triangles are small on screen; the triangles facing away
// dropped beforehand by a worker thread, face_cull.hpp); the contact shadow
// (top-down occlusion, blurred; computed on the CPU by a worker thread while the backdrop and the
// opaque items are sent; kept while its casters' meshes, contents and placements stay the same)
// laid on the visible floor; transparent items (back to front); depth-tested lines; on-top lines
// (items and lines mark the stencil); FXAA where the stencil is marked, inside the subject's screen rectangle. All of it
// straight into the destination where that has a depth and stencil buffer (a window asks for
// them, render_to_image has them), else offscreen and then copied. Software rasterisers pay per
// pixel, so every full-screen pass that can be cached, masked or cut is.
// Picking renders ids on demand.
#pragma once

#include "gfx/frame.hpp"
#include "gfx/gpu_mesh.hpp"
#include "gfx/image.hpp"
#include "gfx/render_target.hpp"
#include "gfx/shader.hpp"

#include <array>
#include <functional>
#include <future>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace gfx {

struct RenderStats {
    std::size_t draw_calls = 0;
    std::size_t triangles = 0;                                    // sent to the rasteriser
    std::size_t triangles_culled = 0;                             // dropped before sending: they faced away (face_cull.hpp)
    std::size_t coarse_draws = 0;                                 // items drawn with a coarser mesh (DrawItem::coarse)
    std::array<std::size_t, coarse_levels> coarse_level_draws{};  // of those, per level, finest first
    std::size_t vertex_lit_draws = 0;                             // items lit per vertex (their triangles cover a few pixels)
    bool shadow_updated = false;
    bool backdrop_updated = false;
    bool drawn_in_place = false;  // straight into the destination, with no copy at the end
};

// Reads a framebuffer (0 = the window's back buffer) into an image, top row first.
// `unpremultiply` converts the renderer's premultiplied alpha to PNG's straight alpha;
// `opaque` forces alpha to 255 (window captures).
Image read_framebuffer(GLuint fbo, glm::ivec2 size, bool unpremultiply, bool opaque);

class Renderer {
public:
    explicit Renderer(const ShaderLibrary& shaders);

    // Draws into framebuffer `dest_fbo` (0 = the window) inside the rectangle `viewport`
    // (x, y from the bottom-left, width, height in pixels). A destination with 8-bit colour, a
    // 24-bit depth and an 8-bit stencil buffer, drawn from its corner, is drawn in place (its
    // depth and stencil are overwritten inside the viewport); any other gets a copy.
    void render(const FrameDesc& frame, GLuint dest_fbo, glm::ivec4 viewport);
    // Draws offscreen at `size` and reads the pixels back (top row first, straight alpha).
    // `overlay`, when given, runs with the finished image's framebuffer bound (e.g. to draw
    // labels) before the read-back.
    Image render_to_image(const FrameDesc& frame, glm::ivec2 size, const std::function<void(GLuint fbo)>& overlay = {});

    struct PickResult {
        std::uint32_t id = 0;            // 0: nothing pickable under the pixel
        std::optional<glm::vec3> world;  // surface point under the pixel (any item)
    };
    // `pixel` has a top-left origin inside a viewport of `size`.
    PickResult pick(const FrameDesc& frame, glm::ivec2 size, glm::ivec2 pixel);
    // The whole id buffer at `size` (top row first): what picking would return at every pixel.
    // With `only` (at most 16 ids) nothing else is drawn: comparing the two counts of an id says
    // how much of it the rest of the scene hides.
    std::vector<std::uint32_t> render_ids(const FrameDesc& frame, glm::ivec2 size, std::span<const std::uint32_t> only = {});

    const RenderStats& stats() const { return stats_; }
    // Waits until the GPU has finished everything submitted (for honest stage timings).
    static void finish();

    // How many CPU meshes (DrawItem::cpu) the renderer keeps on the GPU, and how many it sent. A
    // mesh no frame has drawn for `forget_after` uploads is let go (a body rebuilt, a model closed).
    static constexpr std::uint64_t forget_after = 600;
    std::size_t cpu_meshes_kept() const { return cpu_meshes_.size(); }
    std::size_t cpu_mesh_uploads() const { return cpu_mesh_uploads_; }

private:
    // `frame` with each CpuMesh uploaded (when its revision is new) and named by its GPU mesh:
    // `frame` itself when it has none, else a copy kept until the next call.
    const FrameDesc& uploaded(const FrameDesc& frame);
    // The id pass into pick_ (bound on return), inside the scissor rectangle if one is given.
    void draw_ids(const FrameDesc& frame, glm::ivec2 size, std::span<const std::uint32_t> only, const glm::ivec4* scissor);
    // The contact shadow in two halves: start() works out whether it changed and, if so, computes
    // it on a worker thread while this one feeds the rasteriser; finish() waits and uploads it.
    void start_shadow(const FrameDesc& frame);
    void finish_shadow();
    // Back-face culling in two halves: start() picks each item's mesh (its level of detail) and
    // drops the triangles facing away on a worker thread while this one copies the backdrop in;
    // finish() waits and uploads what is left as one index buffer (culled_ibo_).
    void start_culling(const FrameDesc& frame, glm::vec3 eye, float px_per_m_at_1);
    void finish_culling();
    // Fills scene_'s colour with the gradient and floor (cached; see the function).
    void draw_backdrop(const FrameDesc& frame, glm::ivec2 size);
    void draw_floor(const FrameDesc& frame, const glm::mat4& view_proj);
    // Screen rectangle (x, y from bottom-left, w, h) covering every item, or the whole viewport.
    glm::ivec4 subject_rect(const FrameDesc& frame, glm::ivec2 size) const;
    void draw_scene(const FrameDesc& frame, glm::ivec2 size);
    void bind_frame() const;  // the framebuffer this frame is drawn in, and its viewport
    void draw_lines(const FrameDesc& frame, glm::ivec2 size, bool on_top);

    const ShaderLibrary& shaders_;
    RenderTarget scene_;    // RGBA8 + depth, at the viewport size, for destinations not drawn in place
    GLuint frame_fbo_ = 0;  // this frame's framebuffer: the destination or scene_
    glm::ivec2 frame_size_{0};
    RenderTarget gradient_;  // the background gradient, redrawn only when the size changes
    RenderTarget backdrop_;  // gradient + floor, reused while the camera holds still
    RenderTarget resolved_;  // for read-back (with depth: drawn in place)
    RenderTarget post_;      // a copy of the frame's subject rectangle: the antialiasing pass reads it
    RenderTarget shadow_;    // R8 occlusion seen from above (its texture; filled from the CPU)
    RenderTarget pick_;      // R32UI ids + depth
    VertexArray empty_vao_;  // full-screen triangles need a bound VAO in core profile
    GpuMesh floor_mesh_;
    GpuMesh shadow_quad_;
    struct BackdropKey {
        glm::mat4 view_proj{0.0f};
        glm::ivec2 size{0};
        float floor_y = 0.0f;
        glm::vec3 target{0.0f};
        bool operator==(const BackdropKey&) const = default;
    };
    BackdropKey backdrop_key_;  // what backdrop_ shows
    BackdropKey last_key_;      // the previous frame's camera: equal means it held still
    bool backdrop_valid_ = false;
    bool gradient_drawn_ = false;
    GpuMesh line_mesh_;
    core::MeshData line_data_;
    std::uint64_t shadow_key_ = 0;  // what the shadow shows (shadow_key()); 0: nothing yet
    glm::vec4 shadow_rect_{0.0f};   // x, z of the min corner; width, depth covered (metres)
    std::vector<std::uint8_t> shadow_texels_;
    glm::ivec4 shadow_extent_{0};       // the texels holding any shadow (shadow_extent())
    std::future<void> shadow_job_;      // valid while the worker computes shadow_texels_
    struct ItemDraw {                   // per FrameDesc::items entry, this frame
        const GpuMesh* mesh = nullptr;  // the level drawn (null: nothing to draw)
        std::size_t level = 0;          // 0: the full mesh, k: DrawItem::coarse[k - 1]
        std::size_t first = 0;          // its front faces in culled_indices_
        std::size_t count = 0;          // indices
    };
    std::vector<ItemDraw> item_draws_;
    std::vector<std::uint32_t> culled_indices_;
    Buffer culled_ibo_;
    std::future<void> cull_job_;  // valid while the worker culls into culled_indices_
    RenderStats stats_;
    struct KeptMesh {
        GpuMesh mesh;
        // Its coarser levels over its vertex buffers (declared after it: destroyed first).
        std::array<std::unique_ptr<GpuMesh>, coarse_levels> coarse;
        std::array<float, coarse_levels> coarse_error_m{};
        std::shared_ptr<const core::MeshData> triangles;                  // where posed vertices came with it: the triangles they go over
        std::shared_ptr<const std::vector<CoarseIndices>> coarse_source;  // what the levels were made from
        std::uint64_t revision = 0;
        std::uint64_t last_used = 0;  // uploads_ when last drawn
    };
    // Sends `cpu` into `kept` when it is new or its revision changed.
    void upload(KeptMesh& kept, const CpuMesh& cpu, bool added);
    std::uint64_t uploads_ = 0;                               // calls of uploaded() that held CPU meshes
    std::unordered_map<std::uint64_t, KeptMesh> cpu_meshes_;  // by CpuMesh::key (node addresses stay put)
    std::size_t cpu_mesh_uploads_ = 0;
    FrameDesc uploaded_frame_;
};

}  // namespace gfx
