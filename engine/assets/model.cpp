#include "assets/model.hpp"

#include "core/error.hpp"

#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>

namespace assets {

// [SECTION] Model helpers

std::vector<glm::mat4> Model::world_from_node() const {
    std::vector<glm::mat4> world(nodes.size(), glm::mat4(1.0f));
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const int p = nodes[i].parent;
        world[i] = p < 0 ? nodes[i].parent_from_node : world[static_cast<std::size_t>(p)] * nodes[i].parent_from_node;
    }
    return world;
}

core::Bounds Model::bounds() const {
    core::Bounds b;
    const auto world = world_from_node();
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (int m : nodes[i].meshes) b.add(meshes[static_cast<std::size_t>(m)].bounds().transformed(world[i]));
    return b;
}

std::size_t Model::triangle_count() const {
    std::size_t n = 0;
    for (const auto& m : meshes) n += m.triangle_count();
    return n;
}

int Model::find_node(const std::string& name) const {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name) return static_cast<int>(i);
    return -1;
}

// [SECTION] Import

namespace {

glm::mat4 to_glm(const aiMatrix4x4& m) {
    // Assimp is row-major with translation in a4/b4/c4; glm is column-major.
    glm::mat4 out;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) out[c][r] = m[static_cast<unsigned>(r)][static_cast<unsigned>(c)];
    return out;
}

aiMatrix4x4 to_ai(const glm::mat4& m) {
    aiMatrix4x4 out;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) out[static_cast<unsigned>(r)][static_cast<unsigned>(c)] = m[c][r];
    return out;
}

std::uint8_t to_u8(float v) { return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); }

core::MeshData convert_mesh(const aiMesh& src, const aiScene& scene) {
    core::MeshData m;
    m.name = src.mName.C_Str();
    glm::vec4 base{0.85f, 0.85f, 0.85f, 1.0f};
    if (src.mMaterialIndex < scene.mNumMaterials) {
        const aiMaterial* mat = scene.mMaterials[src.mMaterialIndex];
        aiColor4D c;
        if (aiGetMaterialColor(mat, AI_MATKEY_BASE_COLOR, &c) == AI_SUCCESS || aiGetMaterialColor(mat, AI_MATKEY_COLOR_DIFFUSE, &c) == AI_SUCCESS)
            base = {c.r, c.g, c.b, 1.0f};
    }
    m.vertices.resize(src.mNumVertices);
    for (unsigned i = 0; i < src.mNumVertices; ++i) {
        core::Vertex& v = m.vertices[i];
        v.position = {src.mVertices[i].x, src.mVertices[i].y, src.mVertices[i].z};
        if (src.mNormals) v.normal = {src.mNormals[i].x, src.mNormals[i].y, src.mNormals[i].z};
        if (src.mTextureCoords[0]) v.uv = {src.mTextureCoords[0][i].x, src.mTextureCoords[0][i].y};
        glm::vec4 c = base;
        if (src.mColors[0]) {
            const aiColor4D& vc = src.mColors[0][i];
            c = {base.r * vc.r, base.g * vc.g, base.b * vc.b, vc.a};  // alpha carries ambient occlusion
        }
        v.color = {to_u8(c.r), to_u8(c.g), to_u8(c.b), to_u8(c.a)};
    }
    m.indices.reserve(static_cast<std::size_t>(src.mNumFaces) * 3);
    for (unsigned f = 0; f < src.mNumFaces; ++f) {
        const aiFace& face = src.mFaces[f];
        if (face.mNumIndices != 3) continue;  // points and lines are not drawn
        for (unsigned k = 0; k < 3; ++k) {
            if (face.mIndices[k] >= src.mNumVertices) throw core::Error("face index out of range in mesh " + m.name);
            m.indices.push_back(face.mIndices[k]);
        }
    }
    if (!src.mNormals) m.compute_normals();
    return m;
}

Model convert_scene(const aiScene& scene, const std::string& name) {
    Model model;
    model.source = name;
    for (unsigned i = 0; i < scene.mNumMeshes; ++i) model.meshes.push_back(convert_mesh(*scene.mMeshes[i], scene));
    // Depth-first walk keeps parents before children.
    std::function<void(const aiNode*, int, int)> walk = [&](const aiNode* node, int parent, int depth) {
        constexpr int max_depth = 256;  // deeper is a corrupt or hostile file
        if (depth > max_depth) throw core::Error(name + ": node hierarchy deeper than 256 levels");
        Node n;
        n.name = node->mName.C_Str();
        n.parent = parent;
        n.parent_from_node = to_glm(node->mTransformation);
        for (unsigned k = 0; k < node->mNumMeshes; ++k) {
            if (node->mMeshes[k] >= scene.mNumMeshes) throw core::Error(name + ": node " + n.name + " names a missing mesh");
            n.meshes.push_back(static_cast<int>(node->mMeshes[k]));
        }
        const int index = static_cast<int>(model.nodes.size());
        model.nodes.push_back(std::move(n));
        for (unsigned c = 0; c < node->mNumChildren; ++c) walk(node->mChildren[c], index, depth + 1);
    };
    if (scene.mRootNode) walk(scene.mRootNode, -1, 0);
    if (model.triangle_count() == 0) throw core::Error(name + ": the file holds no triangles to draw");
    return model;
}

constexpr unsigned import_flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices | aiProcess_GenSmoothNormals | aiProcess_SortByPType |
                                  aiProcess_ValidateDataStructure | aiProcess_FindInvalidData;
constexpr unsigned own_bake_flags = aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_ValidateDataStructure;

std::string clean_assimp_error(const char* e) {
    std::string s = e ? e : "";
    if (s.empty()) s = "unreadable or unsupported file";
    return s;
}

}  // namespace

Model load_model(const core::fs::path& path, ModelSource source) {
    std::error_code ec;
    if (!core::fs::exists(path, ec)) throw core::Error(path.string() + ": file not found");
    if (core::fs::is_directory(path, ec)) throw core::Error(path.string() + ": is a folder, not a model file");
    Assimp::Importer importer;
    const aiScene* scene = importer.ReadFile(path.string(), source == ModelSource::own_bake ? own_bake_flags : import_flags);
    if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
        throw core::Error(path.string() + ": cannot load model: " + clean_assimp_error(importer.GetErrorString()));
    return convert_scene(*scene, path.string());
}

Model load_model_from_memory(const std::string& bytes, const std::string& format_hint, const std::string& name, ModelSource source) {
    Assimp::Importer importer;
    const aiScene* scene =
        importer.ReadFileFromMemory(bytes.data(), bytes.size(), source == ModelSource::own_bake ? own_bake_flags : import_flags, format_hint.c_str());
    if (!scene || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
        throw core::Error(name + ": cannot load model: " + clean_assimp_error(importer.GetErrorString()));
    return convert_scene(*scene, name);
}

// [SECTION] Export

namespace {

// Builds an aiScene that Assimp owns and frees (its destructors delete the arrays).
std::unique_ptr<aiScene> build_scene(const Model& model) {
    auto scene = std::make_unique<aiScene>();
    scene->mNumMaterials = 1;
    scene->mMaterials = new aiMaterial*[1];
    scene->mMaterials[0] = new aiMaterial();
    aiString matname("default");
    scene->mMaterials[0]->AddProperty(&matname, AI_MATKEY_NAME);
    aiColor4D white(1.0f, 1.0f, 1.0f, 1.0f);
    scene->mMaterials[0]->AddProperty(&white, 1, AI_MATKEY_COLOR_DIFFUSE);
    scene->mMaterials[0]->AddProperty(&white, 1, AI_MATKEY_BASE_COLOR);

    scene->mNumMeshes = static_cast<unsigned>(model.meshes.size());
    scene->mMeshes = new aiMesh*[model.meshes.size()];
    for (std::size_t i = 0; i < model.meshes.size(); ++i) {
        const core::MeshData& src = model.meshes[i];
        auto* m = new aiMesh();
        scene->mMeshes[i] = m;
        m->mName = aiString(src.name);
        m->mMaterialIndex = 0;
        m->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
        m->mNumVertices = static_cast<unsigned>(src.vertices.size());
        m->mVertices = new aiVector3D[src.vertices.size()];
        m->mNormals = new aiVector3D[src.vertices.size()];
        m->mColors[0] = new aiColor4D[src.vertices.size()];
        for (std::size_t v = 0; v < src.vertices.size(); ++v) {
            const core::Vertex& sv = src.vertices[v];
            m->mVertices[v] = aiVector3D(sv.position.x, sv.position.y, sv.position.z);
            m->mNormals[v] = aiVector3D(sv.normal.x, sv.normal.y, sv.normal.z);
            m->mColors[0][v] = aiColor4D(sv.color.r / 255.0f, sv.color.g / 255.0f, sv.color.b / 255.0f, sv.color.a / 255.0f);
        }
        m->mNumFaces = static_cast<unsigned>(src.indices.size() / 3);
        m->mFaces = new aiFace[m->mNumFaces];
        for (unsigned f = 0; f < m->mNumFaces; ++f) {
            aiFace& face = m->mFaces[f];
            face.mNumIndices = 3;
            face.mIndices = new unsigned[3];
            for (unsigned k = 0; k < 3; ++k) face.mIndices[k] = src.indices[f * 3 + k];
        }
    }

    if (model.nodes.empty()) throw core::Error("export: the model has no nodes");
    std::vector<aiNode*> made(model.nodes.size(), nullptr);
    std::vector<std::vector<aiNode*>> children(model.nodes.size());
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const Node& n = model.nodes[i];
        auto* node = new aiNode(n.name);
        node->mTransformation = to_ai(n.parent_from_node);
        if (!n.meshes.empty()) {
            node->mNumMeshes = static_cast<unsigned>(n.meshes.size());
            node->mMeshes = new unsigned[n.meshes.size()];
            for (std::size_t k = 0; k < n.meshes.size(); ++k) node->mMeshes[k] = static_cast<unsigned>(n.meshes[k]);
        }
        made[i] = node;
        if (n.parent >= 0) {
            ANATOMY_ASSERT(static_cast<std::size_t>(n.parent) < i, "nodes must be ordered parent before child");
            children[static_cast<std::size_t>(n.parent)].push_back(node);
            node->mParent = made[static_cast<std::size_t>(n.parent)];
        } else {
            ANATOMY_ASSERT(i == 0, "only node 0 may be the root");
        }
    }
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        if (children[i].empty()) continue;
        made[i]->mNumChildren = static_cast<unsigned>(children[i].size());
        made[i]->mChildren = new aiNode*[children[i].size()];
        for (std::size_t k = 0; k < children[i].size(); ++k) made[i]->mChildren[k] = children[i][k];
    }
    scene->mRootNode = made[0];
    return scene;
}

}  // namespace

std::string export_glb_to_memory(const Model& model) {
    auto scene = build_scene(model);
    Assimp::Exporter exporter;
    const aiExportDataBlob* blob = exporter.ExportToBlob(scene.get(), "glb2", 0);
    if (!blob) throw core::Error(std::string("glTF export failed: ") + exporter.GetErrorString());
    return std::string(static_cast<const char*>(blob->data), blob->size);
}

void export_glb(const Model& model, const core::fs::path& path) { core::write_file_atomic(path, export_glb_to_memory(model)); }

}  // namespace assets
