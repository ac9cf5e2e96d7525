#include "scene/model_instance.hpp"

namespace scene {

ModelInstance::ModelInstance(const assets::Model& model) : source_(model.source) {
    const std::uint64_t owner = gfx::new_mesh_owner(), revision = gfx::new_mesh_revision();
    for (const auto& m : model.meshes) {
        gfx::CpuMesh cpu;
        cpu.key = gfx::mesh_key(owner, meshes_.size());
        cpu.revision = revision;
        cpu.mesh = std::make_shared<const core::MeshData>(m);
        cpu.dynamic = false;
        meshes_.push_back(std::move(cpu));
    }
    const auto world = model.world_from_node();
    for (std::size_t i = 0; i < model.nodes.size(); ++i)
        for (int m : model.nodes[i].meshes) {
            instances_.push_back({m, world[i]});
            triangles_ += model.meshes[static_cast<std::size_t>(m)].triangle_count();
        }
    bounds_ = model.bounds();
}

void ModelInstance::append_items(std::vector<gfx::DrawItem>& out, const glm::mat4& world_from_model, gfx::Shading shading,
                                 std::uint32_t pick_id) const {
    for (const auto& inst : instances_) {
        gfx::DrawItem item;
        item.cpu = meshes_[static_cast<std::size_t>(inst.mesh)];
        item.world_from_mesh = world_from_model * inst.model_from_mesh;
        item.shading = shading;
        item.pick_id = pick_id;
        out.push_back(item);
    }
}

}  // namespace scene
