// assets/model.hpp: models in and out through Assimp.
//
// Import: any glTF/GLB/OBJ/FBX (anything Assimp reads) becomes CPU meshes plus the node hierarchy,
// in parent-before-child order. Export: the same structure written as glTF 2.0 binary.
// Failures (missing file, corrupt data, nothing to draw) throw core::Error naming the file.
#pragma once

#include "core/files.hpp"
#include "core/mesh.hpp"

#include <string>
#include <vector>

namespace assets {

struct Node {
    std::string name;
    int parent = -1;                   // index into Model::nodes; -1 for the root
    glm::mat4 parent_from_node{1.0f};  // local transform
    std::vector<int> meshes;           // indices into Model::meshes
};

struct Model {
    std::string source;  // file it came from (for messages)
    std::vector<core::MeshData> meshes;
    std::vector<Node> nodes;  // parent before child; nodes[0] is the root

    // World transform of every node (same order as nodes).
    std::vector<glm::mat4> world_from_node() const;
    // Bounds of every mesh instance in world space.
    core::Bounds bounds() const;
    std::size_t triangle_count() const;
    int find_node(const std::string& name) const;  // -1 when absent
};

// Where a model file comes from. A user's file is welded, given normals where it has none and
// cleaned of invalid data; the app's own bake (`anatomy bake-skeleton`, written by export_glb) is
// already indexed with normals, so those passes are skipped (a fifth of its load time). Both are
// validated, and every index is range-checked.
enum class ModelSource { user_file, own_bake };

// Reads a model file. Throws core::Error("path: reason").
Model load_model(const core::fs::path& path, ModelSource source = ModelSource::user_file);
// Reads a model from bytes; `format_hint` is a file extension such as "glb" or "obj".
Model load_model_from_memory(const std::string& bytes, const std::string& format_hint, const std::string& name,
                             ModelSource source = ModelSource::user_file);

// Writes glTF 2.0 binary (.glb) atomically. Vertex colours (RGB tint, alpha = ambient occlusion)
// travel as COLOR_0. Throws core::Error.
void export_glb(const Model& model, const core::fs::path& path);
// The same bytes, in memory.
std::string export_glb_to_memory(const Model& model);

}  // namespace assets
