// The export-scene command end to end: a real process (offscreen: the body's bone set needs a GL
// context) writing a .glb that Assimp reads back with the expected meshes, names and size.
#include "isolated_env.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "assets/model.hpp"
#include "core/files.hpp"

#include <assimp/Importer.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

int run(const std::string& args) {
    const std::string cmd = "env SDL_VIDEODRIVER=offscreen " + isolated_env() + ANATOMY_BINARY + " " + args + " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// A fresh, empty folder per test (so a stray temporary file would show).
fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / (std::to_string(::getpid()) + "_export_scene_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// What the file holds, as Assimp reads it back.
struct Reimported {
    bool ok = false;
    std::size_t meshes = 0, nodes = 0, nodes_with_meshes = 0;
    std::set<std::string> names;                             // every node
    std::map<std::string, std::vector<glm::vec3>> vertices;  // world positions of each node's meshes
    std::map<std::string, glm::vec4> material;               // each node's first mesh: base colour (linear) and opacity
    glm::vec3 min{1e9f}, max{-1e9f};                         // of every vertex, world
};

Reimported reimport(const fs::path& path) {
    Reimported r;
    Assimp::Importer importer;
    const aiScene* scene = importer.ReadFile(path.string(), aiProcess_ValidateDataStructure);
    if (!scene || !scene->mRootNode || (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE)) {
        ADD_FAILURE() << path << ": Assimp cannot read it: " << importer.GetErrorString();
        return r;
    }
    r.ok = true;
    r.meshes = scene->mNumMeshes;
    std::function<void(const aiNode*, const aiMatrix4x4&)> walk = [&](const aiNode* node, const aiMatrix4x4& parent) {
        const aiMatrix4x4 world = parent * node->mTransformation;
        const std::string name = node->mName.C_Str();
        ++r.nodes;
        r.names.insert(name);
        if (node->mNumMeshes > 0) ++r.nodes_with_meshes;
        for (unsigned k = 0; k < node->mNumMeshes; ++k) {
            const aiMesh* mesh = scene->mMeshes[node->mMeshes[k]];
            for (unsigned v = 0; v < mesh->mNumVertices; ++v) {
                const aiVector3D p = world * mesh->mVertices[v];
                const glm::vec3 q(p.x, p.y, p.z);
                r.vertices[name].push_back(q);
                r.min = glm::min(r.min, q);
                r.max = glm::max(r.max, q);
            }
            if (k == 0 && mesh->mMaterialIndex < scene->mNumMaterials) {
                const aiMaterial* mat = scene->mMaterials[mesh->mMaterialIndex];
                aiColor4D c(1.0f, 1.0f, 1.0f, 1.0f);
                if (mat->Get(AI_MATKEY_BASE_COLOR, c) != AI_SUCCESS) mat->Get(AI_MATKEY_COLOR_DIFFUSE, c);
                float opacity = 1.0f;
                if (mat->Get(AI_MATKEY_OPACITY, opacity) != AI_SUCCESS) opacity = c.a;
                r.material[name] = glm::vec4(c.r, c.g, c.b, std::min(opacity, c.a));
            }
        }
        for (unsigned c = 0; c < node->mNumChildren; ++c) walk(node->mChildren[c], world);
    };
    walk(scene->mRootNode, aiMatrix4x4());
    return r;
}

// The counts the file should have, from the same data the app loads: the baked skeleton's bone
// meshes (every meshed node but landmarks and the skin) and the muscle catalogue.
std::size_t bone_count() {
    const assets::Model model = assets::load_model(core::generated_asset_dir() / "skeleton.glb");
    std::size_t n = 0;
    for (const auto& node : model.nodes)
        if (!node.meshes.empty() && node.name.rfind("landmark:", 0) != 0 && node.name != "skin") ++n;
    return n;
}
std::size_t muscle_count() { return anat::load_default_muscle_catalogue(anat::build_default_skeleton()).muscles.size(); }

// The mean of a node's vertices (the exporter may merge coincident vertices, differently in
// different poses, so vertex lists are not compared one by one).
glm::vec3 centroid(const std::vector<glm::vec3>& points) {
    glm::vec3 sum{0.0f};
    for (const auto& p : points) sum += p;
    return points.empty() ? sum : sum / static_cast<float>(points.size());
}

}  // namespace

TEST(ExportSceneCommand, WritesTheStandingBodyAsGlbInMetres) {
    const fs::path dir = fresh_dir("neutral");
    const fs::path out = dir / "body.glb";
    ASSERT_EQ(run("export-scene -o " + out.string()), 0);
    const Reimported r = reimport(out);
    ASSERT_TRUE(r.ok);
    const std::size_t bones = bone_count(), muscles = muscle_count();
    ASSERT_GT(bones, 100u);
    ASSERT_GT(muscles, 20u);
    EXPECT_EQ(r.meshes, bones + muscles) << "one mesh per bone and per muscle";
    EXPECT_EQ(r.nodes_with_meshes, r.meshes) << "one node per mesh";
    EXPECT_EQ(r.nodes, r.meshes + 3) << "plus the root and the skeleton and muscles groups";
    for (const char* name : {"anatomy", "skeleton", "muscles", "femur_r", "femur_l", "tibia_r", "psoas_r", "psoas_l"})
        EXPECT_TRUE(r.names.count(name)) << "no node " << name;
    EXPECT_FALSE(r.names.count("skin")) << "the skin is not a default layer";
    // Metres, +Y up, standing on the floor: a body's height, a few decimetres wide and deep.
    const glm::vec3 size = r.max - r.min;
    EXPECT_GT(size.y, 1.5f);
    EXPECT_LT(size.y, 2.0f);
    EXPECT_NEAR(r.min.y, 0.0f, 0.1f) << "feet on the floor at y = 0";
    EXPECT_GT(size.x, 0.25f);
    EXPECT_LT(size.x, 1.0f);
    EXPECT_GT(size.z, 0.1f);
    EXPECT_LT(size.z, 0.8f);
    // The femur hangs below the hip, the skull tops the body.
    ASSERT_TRUE(r.vertices.count("femur_r"));
    float femur_top = -1e9f;
    for (const auto& p : r.vertices.at("femur_r")) femur_top = std::max(femur_top, p.y);
    EXPECT_GT(femur_top, 0.7f);
    EXPECT_LT(femur_top, 1.1f);
    // Anatomical colours by default: muscle red (linear), opaque; bone pale.
    ASSERT_TRUE(r.material.count("psoas_r"));
    const glm::vec4 psoas = r.material.at("psoas_r");
    EXPECT_GT(psoas.r, 3.0f * psoas.g);
    EXPECT_GT(psoas.r, 3.0f * psoas.b);
    EXPECT_FLOAT_EQ(psoas.a, 1.0f);
    ASSERT_TRUE(r.material.count("femur_r"));
    EXPECT_GT(r.material.at("femur_r").g, 0.4f);
    // Written through a temporary file: nothing else is left in the folder.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    fs::remove_all(dir);
}

TEST(ExportSceneCommand, AStretchPoseMovesTheGeometry) {
    const fs::path dir = fresh_dir("stretch");
    const fs::path start = dir / "start.glb", hold = dir / "hold.glb";
    ASSERT_EQ(run("export-scene -o " + start.string() + " --stretch standing_hamstring_step --time 0"), 0);
    ASSERT_EQ(run("export-scene -o " + hold.string() + " --stretch standing_hamstring_step --time 15"), 0);
    const Reimported a = reimport(start), b = reimport(hold);
    ASSERT_TRUE(a.ok && b.ok);
    EXPECT_EQ(a.meshes, b.meshes) << "the same meshes, posed differently";
    // The right heel goes up on the step: the shin and the hamstrings move by many centimetres.
    ASSERT_TRUE(a.vertices.count("tibia_r") && b.vertices.count("tibia_r"));
    EXPECT_GT(glm::distance(centroid(a.vertices.at("tibia_r")), centroid(b.vertices.at("tibia_r"))), 0.05f);
    ASSERT_TRUE(a.vertices.count("semitendinosus_r") && b.vertices.count("semitendinosus_r"));
    ASSERT_TRUE(a.vertices.count("calcaneus_l") && b.vertices.count("calcaneus_l"));
    EXPECT_GT(glm::distance(centroid(a.vertices.at("semitendinosus_r")), centroid(b.vertices.at("semitendinosus_r"))), 0.02f);
    // The other leg stands still.
    EXPECT_LT(glm::distance(centroid(a.vertices.at("calcaneus_l")), centroid(b.vertices.at("calcaneus_l"))), 0.05f);
    // As the snapshot draws a stretch: the muscles that are not its targets are muted.
    int muted = 0;
    for (const auto& [name, m] : b.material) muted += m.a < 0.5f ? 1 : 0;
    EXPECT_GT(muted, 0);
    fs::remove_all(dir);
}

TEST(ExportSceneCommand, LayersChooseWhatIsWritten) {
    const fs::path dir = fresh_dir("layers");
    const fs::path bones_only = dir / "bones.glb", all = dir / "all.glb";
    ASSERT_EQ(run("export-scene -o " + bones_only.string() + " --layers skeleton"), 0);
    const Reimported s = reimport(bones_only);
    ASSERT_TRUE(s.ok);
    EXPECT_EQ(s.meshes, bone_count());
    EXPECT_TRUE(s.names.count("femur_r"));
    EXPECT_FALSE(s.names.count("psoas_r")) << "no muscle nodes";
    EXPECT_FALSE(s.names.count("muscles")) << "no empty muscle group";

    ASSERT_EQ(run("export-scene -o " + all.string() + " --layers skeleton,muscles,skin --preset lower_crossed --set hip_flexors=60"), 0);
    const Reimported a = reimport(all);
    ASSERT_TRUE(a.ok);
    EXPECT_EQ(a.meshes, bone_count() + muscle_count() + 1) << "the skin is one more mesh";
    EXPECT_TRUE(a.names.count("skin"));
    EXPECT_TRUE(a.names.count("psoas_r"));
    ASSERT_TRUE(a.material.count("skin"));
    EXPECT_LT(a.material.at("skin").a, 1.0f) << "translucent, as in the viewer";
    const glm::vec3 size = a.max - a.min;
    EXPECT_GT(size.y, 1.5f);
    EXPECT_LT(size.y, 2.0f);
    fs::remove_all(dir);
}

TEST(ExportSceneCommand, MistakesAreClearAndWriteNothing) {
    const fs::path dir = fresh_dir("mistakes");
    const fs::path out = dir / "never.glb";
    EXPECT_EQ(run("export-scene -o " + out.string() + " --stretch no_such_stretch"), 1);
    EXPECT_EQ(run("export-scene -o " + out.string() + " --preset no_such_preset"), 2);
    EXPECT_EQ(run("export-scene -o " + out.string() + " --set hip_flexors=200"), 2);
    EXPECT_EQ(run("export-scene -o " + out.string() + " --layers skeleton,bones"), 2);
    EXPECT_EQ(run("export-scene -o " + out.string() + " --time 3"), 2) << "--time needs --stretch";
    EXPECT_EQ(run("export-scene -o " + out.string() + " --stretch couch_stretch --side middle"), 2);
    EXPECT_EQ(run("export-scene -o " + (dir / "never.gltf").string()), 2) << "binary glTF only";
    EXPECT_EQ(run("export-scene"), 2) << "-o is required";
    EXPECT_EQ(run("export-scene -o /nonexistent/dir/x.glb"), 1);
    EXPECT_FALSE(fs::exists("/nonexistent/dir/x.glb"));
    EXPECT_TRUE(fs::is_empty(dir)) << "no file, not even a temporary one";

    // A failed export leaves an earlier file as it was.
    ASSERT_EQ(run("export-scene -o " + out.string() + " --layers skeleton"), 0);
    const std::string before = core::read_file(out);
    EXPECT_EQ(run("export-scene -o " + out.string() + " --stretch no_such_stretch"), 1);
    EXPECT_EQ(core::read_file(out), before);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    fs::remove_all(dir);
}
