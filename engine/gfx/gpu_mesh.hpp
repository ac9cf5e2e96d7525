// gfx/gpu_mesh.hpp: a triangle mesh on the GPU (vertex array + vertex and index buffers).
#pragma once

#include "core/mesh.hpp"
#include "gfx/objects.hpp"

#include <span>
#include <vector>

namespace gfx {

class GpuMesh {
public:
    GpuMesh() = default;
    // Uploads now; `dynamic` hints that update() will be called every frame (muscles).
    // `ids`: one per vertex (attribute 4): the low 20 bits pick a bone or muscle, the high bits
    // carry flags (gfx::vertex_flag_*). Empty means all zero.
    explicit GpuMesh(const core::MeshData& mesh, bool dynamic = false, std::span<const std::uint32_t> ids = {});
    // A coarser level of detail of `full`: its own triangles over `full`'s vertex buffers, so it
    // moves with `full`'s update_vertices() and costs no second copy. `full` must stay where it
    // is and outlive it; a level is never updated itself.
    GpuMesh(const GpuMesh& full, std::vector<std::uint32_t> indices);

    // Replaces the contents; grows the buffers when needed.
    void update(const core::MeshData& mesh, std::span<const std::uint32_t> ids = {});
    // Replaces only the vertices of a dynamic mesh whose triangles and ids stay the same (a
    // deformed skin): no index upload or copy. Must have as many vertices as the mesh has.
    void update_vertices(std::span<const core::Vertex> vertices);
    void draw() const;
    // Draws `count` indices of element buffer `ibo`, from index `first`, over this mesh's
    // vertices (its triangles culled on the CPU: gfx::append_front_faces).
    void draw_indices(GLuint ibo, std::size_t first, std::size_t count) const;
    bool empty() const { return index_count_ == 0; }
    std::size_t triangle_count() const { return static_cast<std::size_t>(index_count_) / 3; }
    const core::Bounds& bounds() const { return shared_ ? shared_->bounds_ : bounds_; }
    // The mean length of a triangle edge (mesh units), sampled: how fine the mesh is. The renderer
    // lights a mesh per vertex where its triangles cover only a few pixels.
    float mean_edge() const { return mean_edge_; }
    // A copy of the positions and triangles as uploaded, for work done on the CPU (the contact
    // shadow). About a sixth of the GPU's copy: positions only.
    const std::vector<glm::vec3>& positions() const { return shared_ ? shared_->positions_ : positions_; }
    const std::vector<std::uint32_t>& indices() const { return indices_; }
    // Each triangle's plane (gfx::face_planes) for meshes whose vertices never move; empty for
    // dynamic ones and the levels of dynamic ones.
    const std::vector<glm::vec4>& face_planes() const { return planes_; }
    // Changes whenever the contents do, and is never the same for two meshes: what caches of
    // work done on a mesh (the contact shadow) key on. A level of detail has its full mesh's.
    std::uint64_t content_version() const { return shared_ ? shared_->version_ : version_; }

private:
    void bind_vertex_attributes() const;  // vbo_ and id_buffer_ (or the shared mesh's) into vao_
    void upload(const core::MeshData& mesh, std::span<const std::uint32_t> ids);
    VertexArray vao_;
    Buffer vbo_;
    Buffer ibo_;
    Buffer id_buffer_;
    std::vector<std::uint32_t> zero_ids_;
    GLsizei index_count_ = 0;
    std::size_t vertex_capacity_ = 0;
    std::size_t index_capacity_ = 0;
    bool dynamic_ = false;
    core::Bounds bounds_;
    float mean_edge_ = 0.0f;
    std::vector<glm::vec3> positions_;
    std::vector<std::uint32_t> indices_;
    std::vector<glm::vec4> planes_;
    const GpuMesh* shared_ = nullptr;  // a level of detail: the full mesh whose vertices it draws
    std::uint64_t version_ = 0;
};

}  // namespace gfx
