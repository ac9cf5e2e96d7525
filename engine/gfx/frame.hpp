// gfx/frame.hpp: what the renderer draws, as plain data. The scene builds a FrameDesc each frame;
// the renderer never reaches into the simulation.
#pragma once

#include "core/camera.hpp"
#include "core/mesh.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace gfx {

class GpuMesh;  // the renderer's (gfx/gpu_mesh.hpp); the scene names meshes by CpuMesh

// Shading model per item (the fragment shader switches on it).
enum class Shading : int {
    bone = 0,       // ivory, soft wrap lighting, baked occlusion in vertex alpha
    cartilage = 1,  // discs and cartilage: cooler, glossier
    muscle = 2,     // red, fibre striations along uv.y
    skin = 3,       // translucent body silhouette: edges stronger than the middle
    plain = 4,      // imported models: their own colours
    prop = 5,       // mats, steps, tables: matte
};

// Per-vertex id layout (GpuMesh attribute 4).
inline constexpr std::uint32_t vertex_id_mask = 0x000FFFFFu;      // bone or muscle id; 0 = none
inline constexpr std::uint32_t vertex_flag_highlight = 1u << 20;  // glow as if selected

// A coarser level of detail of a mesh and how far its surface strays from the full one, in mesh
// units (metres).
struct CoarseLevel {
    const GpuMesh* mesh = nullptr;
    float error_m = 0.0f;
};
// How many coarser levels an item can carry.
inline constexpr std::size_t coarse_levels = 3;

// A coarser level of detail as the scene makes it: its own triangles over the full mesh's
// vertices, and how far it strays from the full mesh (metres).
struct CoarseIndices {
    std::vector<std::uint32_t> indices;
    float error_m = 0.0f;
};

// Mesh keys: an owner (a body, a bone set, the props; gfx::new_mesh_owner) and a number within it.
inline std::uint64_t new_mesh_owner() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}
inline std::uint64_t mesh_key(std::uint64_t owner, std::uint64_t local) { return (owner << 24) | (local & 0xFFFFFFu); }
// A new revision, never handed out before: contents that changed.
inline std::uint64_t new_mesh_revision() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}

// A mesh the scene builds on the CPU (bones, discs, skin, muscles, props, imported models): the
// renderer uploads it into a GPU mesh of its own, kept under `key` from frame to frame, so
// whoever builds it holds no GL objects. `revision` changes whenever the contents do: the same
// revision is not sent again. A mesh not drawn for a while is let go.
struct CpuMesh {
    std::uint64_t key = 0;
    std::uint64_t revision = 0;
    std::shared_ptr<const core::MeshData> mesh{};
    std::shared_ptr<const std::vector<std::uint32_t>> ids{};  // per vertex, as GpuMesh takes them; may be null
    // Posed vertices in place of the mesh's (as many, over the same triangles): a new revision
    // then sends only them (a deformed skin, the discs).
    std::shared_ptr<const std::vector<core::Vertex>> vertices{};
    std::shared_ptr<const std::vector<CoarseIndices>> coarse{};  // finest first, at most coarse_levels
    // Rebuilt often (stream upload); false: static, with each triangle's plane kept for culling.
    bool dynamic = true;
    int only_level = 0;  // > 0: draw this coarse level alone (1 the finest), as a shadow caster may
};

struct DrawItem {
    const GpuMesh* mesh = nullptr;  // null: `cpu` (the renderer's copy of it)
    glm::mat4 world_from_mesh{1.0f};
    glm::vec4 color{1.0f};  // linear RGB multiplies the vertex colour; a < 1 draws in the transparent pass
    Shading shading = Shading::plain;
    std::uint32_t pick_id = 0;       // 0: not pickable (ignored when per_vertex_ids)
    bool per_vertex_ids = false;     // pick the vertex ids instead of pick_id
    std::uint32_t highlight_id = 0;  // vertices with this id glow (0: none)
    bool hide_arm_vertices = false;  // drop the vertices whose id has arm_id_bit (the arms, hidden to show the pelvis)
    float highlight = 0.0f;          // 0..1: rim glow for the selection
    glm::vec3 highlight_color{1.0f, 0.78f, 0.25f};
    bool casts_shadow = true;
    // Coarser versions of `mesh` (same vertices, fewer triangles), finest first; levels without a
    // mesh are unused. The renderer draws the coarsest whose error covers under a pixel: a
    // software rasteriser pays for every triangle, even a sub-pixel one.
    std::array<CoarseLevel, coarse_levels> coarse{};
    CpuMesh cpu{};  // drawn when `mesh` is null
};

// A screen-space thick polyline in world coordinates (overlays: angle arcs, plumb lines, leaders).
struct Polyline {
    std::vector<glm::vec3> points;
    glm::vec4 color{1.0f};  // sRGB colour and opacity
    float width_px = 2.0f;
    bool on_top = true;  // drawn over everything (measurements) or depth-tested
    bool closed = false;
};

// Per-vertex id bit of the arm bones (humerus to fingers): items with hide_arm_vertices drop them.
inline constexpr std::uint32_t arm_id_bit = 1u << 21;

// A picture behind the model (a patient's lateral radiograph or photo): a textured quad in the
// world, drawn over the backdrop and under everything else, with its opacity.
struct Underlay {
    unsigned texture = 0;              // a GL texture the caller keeps alive for the frame
    std::array<glm::vec3, 4> corners;  // the image's top-left, top-right, bottom-right, bottom-left
    float opacity = 1.0f;
};

struct FrameDesc {
    core::OrbitCamera camera;
    bool transparent_background = false;  // PNG export with alpha: no gradient, no floor plane
    bool draw_floor = true;
    float floor_y_m = 0.0f;
    bool fxaa = true;
    // Light finely tessellated matte items per vertex where their triangles cover only a few
    // pixels (the picture barely changes; a software renderer saves most of its per-pixel work).
    // Off: the key light per pixel everywhere.
    bool vertex_lighting = true;
    std::vector<DrawItem> items;
    std::vector<Polyline> lines;
    std::optional<Underlay> underlay;
    // Simpler stand-ins that cast the shadow instead of `items` (e.g. the body outline): the
    // shadow is soft, so a few thousand triangles do what the full model's tens of thousands do.
    std::vector<DrawItem> shadow_casters;
};

}  // namespace gfx
