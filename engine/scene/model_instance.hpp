// scene/model_instance.hpp: an imported model, drawn with its node transforms (its meshes as CPU
// meshes the renderer uploads once and keeps).
#pragma once

#include "assets/model.hpp"
#include "gfx/frame.hpp"

#include <memory>
#include <vector>

namespace scene {

class ModelInstance {
public:
    ModelInstance() = default;
    explicit ModelInstance(const assets::Model& model);

    // Appends one draw item per mesh instance, placed by `world_from_model` times the node transforms.
    void append_items(std::vector<gfx::DrawItem>& out, const glm::mat4& world_from_model, gfx::Shading shading, std::uint32_t pick_id = 0) const;
    const core::Bounds& bounds() const { return bounds_; }
    std::size_t triangle_count() const { return triangles_; }
    const std::string& source() const { return source_; }

private:
    std::vector<gfx::CpuMesh> meshes_;
    struct Instance {
        int mesh;
        glm::mat4 model_from_mesh;
    };
    std::vector<Instance> instances_;
    core::Bounds bounds_;
    std::size_t triangles_ = 0;
    std::string source_;
};

}  // namespace scene
