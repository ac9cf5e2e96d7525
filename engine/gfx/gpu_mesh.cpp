#include "gfx/gpu_mesh.hpp"

#include "core/error.hpp"
#include "gfx/face_cull.hpp"

#include <atomic>
#include <algorithm>
#include <cstddef>

namespace gfx {

namespace {
// One edge from each of up to ~1000 evenly spaced triangles: cheap enough for meshes updated
// every frame, and steady, since the same triangles are sampled each time.
float sampled_mean_edge(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices) {
    const std::size_t triangles = indices.size() / 3;
    if (triangles == 0) return 0.0f;
    constexpr std::size_t max_samples = 1000;
    const std::size_t step = std::max<std::size_t>(triangles / max_samples, 1);
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t t = 0; t < triangles; t += step) {
        const std::uint32_t a = indices[3 * t], b = indices[3 * t + 1];
        if (a >= positions.size() || b >= positions.size()) continue;
        sum += static_cast<double>(glm::distance(positions[a], positions[b]));
        ++n;
    }
    return n == 0 ? 0.0f : static_cast<float>(sum / static_cast<double>(n));
}
// Content versions, unique across meshes: a mesh made where another was freed never repeats a key.
std::atomic<std::uint64_t> next_version{1};
}  // namespace

GpuMesh::GpuMesh(const core::MeshData& mesh, bool dynamic, std::span<const std::uint32_t> ids) : dynamic_(dynamic) {
    vao_ = create_vertex_array();
    vbo_ = create_buffer();
    ibo_ = create_buffer();
    id_buffer_ = create_buffer();
    bind_vertex_attributes();
    upload(mesh, ids);
}

GpuMesh::GpuMesh(const GpuMesh& full, std::vector<std::uint32_t> indices) : shared_(&full) {
    ANATOMY_ASSERT(!full.shared_, "a level of detail is made from a full mesh");
    vao_ = create_vertex_array();
    ibo_ = create_buffer();
    bind_vertex_attributes();
    glBindVertexArray(vao_.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(indices.size() * sizeof(std::uint32_t)), indices.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    index_count_ = static_cast<GLsizei>(indices.size());
    mean_edge_ = sampled_mean_edge(full.positions_, indices);  // at the full mesh's pose when made
    if (!full.dynamic_) planes_ = gfx::face_planes(full.positions_, indices);
    indices_ = std::move(indices);
}

void GpuMesh::bind_vertex_attributes() const {
    const GpuMesh& v = shared_ ? *shared_ : *this;
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, v.vbo_.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_.id());
    constexpr auto stride = static_cast<GLsizei>(sizeof(core::Vertex));
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(core::Vertex, position)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(core::Vertex, normal)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(core::Vertex, uv)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(core::Vertex, color)));
    glBindBuffer(GL_ARRAY_BUFFER, v.id_buffer_.id());
    glEnableVertexAttribArray(4);
    glVertexAttribIPointer(4, 1, GL_UNSIGNED_INT, sizeof(std::uint32_t), nullptr);
    glBindVertexArray(0);
}

void GpuMesh::upload(const core::MeshData& mesh, std::span<const std::uint32_t> ids) {
    const GLenum usage = dynamic_ ? GL_DYNAMIC_DRAW : GL_STATIC_DRAW;
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    const auto vbytes = static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(core::Vertex));
    if (mesh.vertices.size() > vertex_capacity_ || !dynamic_) {
        glBufferData(GL_ARRAY_BUFFER, vbytes, mesh.vertices.data(), usage);
        vertex_capacity_ = mesh.vertices.size();
    } else if (vbytes > 0) {
        glBufferSubData(GL_ARRAY_BUFFER, 0, vbytes, mesh.vertices.data());
    }
    const auto ibytes = static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(std::uint32_t));
    if (mesh.indices.size() > index_capacity_ || !dynamic_) {
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, ibytes, mesh.indices.data(), usage);
        index_capacity_ = mesh.indices.size();
    } else if (ibytes > 0) {
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, ibytes, mesh.indices.data());
    }
    // Per-vertex ids: the caller's, or zeros so the attribute is always defined.
    if (ids.size() != mesh.vertices.size()) {
        zero_ids_.assign(mesh.vertices.size(), 0u);
        ids = zero_ids_;
    }
    glBindBuffer(GL_ARRAY_BUFFER, id_buffer_.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(ids.size() * sizeof(std::uint32_t)), ids.data(),
                 dynamic_ ? GL_DYNAMIC_DRAW : GL_STATIC_DRAW);
    glBindVertexArray(0);
    index_count_ = static_cast<GLsizei>(mesh.indices.size());
    bounds_ = mesh.bounds();
    positions_.resize(mesh.vertices.size());
    for (std::size_t i = 0; i < mesh.vertices.size(); ++i) positions_[i] = mesh.vertices[i].position;
    indices_ = mesh.indices;
    mean_edge_ = sampled_mean_edge(positions_, indices_);
    if (!dynamic_) planes_ = gfx::face_planes(positions_, indices_);
    version_ = next_version++;
}

void GpuMesh::update(const core::MeshData& mesh, std::span<const std::uint32_t> ids) {
    ANATOMY_ASSERT(!shared_, "a level of detail moves with its full mesh");
    upload(mesh, ids);
}

void GpuMesh::update_vertices(std::span<const core::Vertex> vertices) {
    ANATOMY_ASSERT(!shared_ && dynamic_ && vertices.size() == positions_.size(), "update_vertices keeps the vertex count of a dynamic mesh");
    glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
    glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(vertices.size() * sizeof(core::Vertex)), vertices.data());
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    bounds_ = {};
    bool moved = false;  // the same pose again (a camera move): the version, and the shadow, stay
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        moved = moved || positions_[i] != vertices[i].position;
        positions_[i] = vertices[i].position;
        bounds_.add(vertices[i].position);
    }
    if (moved) version_ = next_version++;
    mean_edge_ = sampled_mean_edge(positions_, indices_);
}

void GpuMesh::draw() const {
    if (index_count_ == 0) return;
    glBindVertexArray(vao_.id());
    glDrawElements(GL_TRIANGLES, index_count_, GL_UNSIGNED_INT, nullptr);
}

void GpuMesh::draw_indices(GLuint ibo, std::size_t first, std::size_t count) const {
    if (count == 0) return;
    glBindVertexArray(vao_.id());
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo);  // part of the vertex array's state: put back below
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(count), GL_UNSIGNED_INT, reinterpret_cast<const void*>(first * sizeof(std::uint32_t)));
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_.id());
}

}  // namespace gfx
