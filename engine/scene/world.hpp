// scene/world.hpp: what the viewer and the snapshot command show, turned into draw items.
// Needs a current GL context (it owns GPU meshes).
#pragma once

#include "scene/model_instance.hpp"

#include <optional>

namespace scene {

class World {
public:
    World();

    // Loads a model file to show instead of the anatomy. On failure throws core::Error and keeps
    // what was shown before.
    void load_user_model(const core::fs::path& path);
    void clear_user_model();
    bool has_user_model() const { return user_model_.has_value(); }
    const std::string& user_model_source() const;

    void build_frame(gfx::FrameDesc& frame) const;
    core::Bounds bounds() const;
    float floor_y() const;

private:
    glm::mat4 user_model_placement() const;
    std::optional<ModelInstance> user_model_;
    ModelInstance placeholder_;
};

}  // namespace scene
