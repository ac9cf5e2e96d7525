// bonegen/model_layout.hpp: the generated skeleton as an assets::Model, ready for export_glb.
//
// Header only on purpose: the bonegen library itself stays free of Assimp and of engine/assets;
// the app and the tests, which link engine_assets anyway, include this to write or check the GLB.
// The layout is documented in bonegen/generator.hpp.
#pragma once

#include "assets/model.hpp"
#include "bonegen/generator.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>

namespace bonegen {

inline assets::Model to_model(SkeletonAsset asset) {
    assets::Model model;
    model.source = "generated skeleton";
    model.meshes = std::move(asset.meshes);
    model.nodes.reserve(asset.nodes.size());
    for (auto& n : asset.nodes) {
        assets::Node node;
        node.name = std::move(n.name);
        node.parent = n.parent;
        node.parent_from_node = glm::translate(glm::mat4(1.0f), n.translation);
        // Assimp's glTF exporter writes no transform for a node whose matrix is within 0.01 of the
        // identity in every entry, so an empty node less than 1 cm from its joint would lose its
        // offset. Such nodes (landmarks) get a harmless 2 % scale: they have no mesh or children,
        // and their position is still the matrix's translation.
        const glm::vec3 t = glm::abs(n.translation);
        if (n.meshes.empty() && std::max(t.x, std::max(t.y, t.z)) <= 0.0105f && glm::length(n.translation) > 0.0f)
            node.parent_from_node = glm::scale(node.parent_from_node, glm::vec3(1.02f));
        node.meshes = std::move(n.meshes);
        model.nodes.push_back(std::move(node));
    }
    return model;
}

}  // namespace bonegen
