#include "assets/model.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include <cstring>
#include <fstream>

namespace fs = std::filesystem;

namespace {

std::string base64(const std::string& in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (unsigned{static_cast<unsigned char>(in[i])} << 16) | (unsigned{static_cast<unsigned char>(in[i + 1])} << 8) |
                           unsigned{static_cast<unsigned char>(in[i + 2])};
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = unsigned{static_cast<unsigned char>(in[i])} << 16;
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (unsigned{static_cast<unsigned char>(in[i])} << 16) | (unsigned{static_cast<unsigned char>(in[i + 1])} << 8);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// A glTF with two nodes: "root" (translated up 1 m) holding "child" with one triangle.
std::string small_gltf() {
    const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
    const std::uint16_t indices[3] = {0, 1, 2};
    std::string buffer(reinterpret_cast<const char*>(positions), sizeof(positions));
    buffer.append(reinterpret_cast<const char*>(indices), sizeof(indices));
    buffer.append(2, '\0');  // pad to 4 bytes
    return R"({
  "asset": {"version": "2.0"},
  "scene": 0,
  "scenes": [{"nodes": [0]}],
  "nodes": [{"name": "root", "translation": [0, 1, 0], "children": [1]}, {"name": "child", "mesh": 0}],
  "meshes": [{"name": "tri", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
  "buffers": [{"byteLength": 44, "uri": "data:application/octet-stream;base64,)" +
           base64(buffer) + R"("}],
  "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36}, {"buffer": 0, "byteOffset": 36, "byteLength": 6}],
  "accessors": [
    {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3", "min": [0, 0, 0], "max": [1, 1, 0]},
    {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}
  ]
})";
}

fs::path write_temp(const std::string& name, const std::string& bytes) {
    const fs::path p = fs::temp_directory_path() / (std::to_string(::getpid()) + "_" + name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

}  // namespace

TEST(ModelImport, LoadsMeshesAndTheNodeHierarchy) {
    const fs::path p = write_temp("small.gltf", small_gltf());
    const assets::Model m = assets::load_model(p);
    ASSERT_EQ(m.meshes.size(), 1u);
    EXPECT_EQ(m.meshes[0].triangle_count(), 1u);
    const int root = m.find_node("root"), child = m.find_node("child");
    ASSERT_GE(root, 0);
    ASSERT_GE(child, 0);
    EXPECT_EQ(m.nodes[static_cast<std::size_t>(child)].parent, root);
    EXPECT_LT(root, child);  // parents come first
    // The child's triangle sits 1 m up through the parent's translation.
    const core::Bounds b = m.bounds();
    EXPECT_NEAR(b.min.y, 1.0f, 1e-5f);
    EXPECT_NEAR(b.max.y, 2.0f, 1e-5f);
    // Normals were generated (the file has none) and face +Z for this counter-clockwise triangle.
    EXPECT_NEAR(m.meshes[0].vertices[0].normal.z, 1.0f, 1e-4f);
    fs::remove(p);
}

TEST(ModelImport, CorruptFileGivesAClearErrorNamingIt) {
    std::string text = small_gltf();
    text.resize(text.size() / 2);  // truncated mid-way
    const fs::path p = write_temp("corrupt.gltf", text);
    try {
        assets::load_model(p);
        FAIL() << "expected an error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find(p.string()), std::string::npos) << e.what();
    }
    fs::remove(p);
    const fs::path garbage = write_temp("garbage.glb", std::string("glTF\x02\0\0\0garbage", 15));
    EXPECT_THROW(assets::load_model(garbage), core::Error);
    fs::remove(garbage);
}

TEST(ModelImport, MissingFileIsReported) {
    try {
        assets::load_model("/nonexistent/model.glb");
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos);
    }
}

TEST(ModelExport, GlbRoundTripKeepsGeometryNamesAndColours) {
    assets::Model m;
    m.nodes.push_back({"root", -1, glm::mat4(1.0f), {}});
    core::MeshData box = core::make_box({0.1f, 0.2f, 0.3f});
    box.name = "box";
    for (auto& v : box.vertices) v.color = {200, 180, 150, 128};
    m.meshes.push_back(box);
    m.nodes.push_back({"femur_r", 0, glm::mat4(1.0f), {0}});
    const std::string bytes = assets::export_glb_to_memory(m);
    ASSERT_GT(bytes.size(), 12u);
    EXPECT_EQ(bytes.substr(0, 4), "glTF");
    const assets::Model back = assets::load_model_from_memory(bytes, "glb", "roundtrip.glb");
    ASSERT_GE(back.find_node("femur_r"), 0);
    EXPECT_EQ(back.triangle_count(), box.triangle_count());
    const core::Bounds b = back.bounds();
    EXPECT_NEAR(b.max.z, 0.3f, 1e-5f);
    EXPECT_NEAR(back.meshes[0].vertices[0].color.a, 128, 1);  // ambient occlusion travels in alpha
    // Deterministic: the same model gives the same bytes.
    EXPECT_EQ(assets::export_glb_to_memory(m), bytes);
}

// The app's own bake skips the welding and clean-up passes; for a file export_glb wrote (as the
// bake does) that must give exactly what the full import gives: the same vertices, in the same
// order, and the same triangles.
TEST(ModelImport, TheOwnBakeLoadsAsTheFullImportDoes) {
    assets::Model m;
    m.nodes.push_back({"root", -1, glm::mat4(1.0f), {}});
    core::MeshData shaft = core::make_cylinder(0.02f, 0.4f, 16);
    shaft.name = "shaft";
    for (std::size_t i = 0; i < shaft.vertices.size(); ++i) shaft.vertices[i].color = {200, 180, 150, static_cast<std::uint8_t>(100 + i % 100)};
    m.meshes.push_back(shaft);
    m.meshes.push_back(core::make_box({0.1f, 0.2f, 0.3f}));
    m.nodes.push_back({"femur_r", 0, glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 1.0f, 0.0f)), {0, 1}});
    const fs::path p = write_temp("own_bake.glb", assets::export_glb_to_memory(m));
    const assets::Model full = assets::load_model(p), own = assets::load_model(p, assets::ModelSource::own_bake);
    fs::remove(p);
    ASSERT_EQ(own.meshes.size(), full.meshes.size());
    ASSERT_EQ(own.meshes.size(), 2u);
    for (std::size_t k = 0; k < own.meshes.size(); ++k) {
        const auto &a = own.meshes[k], &b = full.meshes[k];
        ASSERT_EQ(a.vertices.size(), b.vertices.size()) << k;
        EXPECT_EQ(a.vertices.size(), m.meshes[k].vertices.size()) << k;  // nothing welded or split
        EXPECT_EQ(a.indices, b.indices) << k;
        for (std::size_t i = 0; i < a.vertices.size(); ++i) {
            EXPECT_EQ(a.vertices[i].position, b.vertices[i].position);
            EXPECT_EQ(a.vertices[i].normal, b.vertices[i].normal);
            EXPECT_EQ(a.vertices[i].color, b.vertices[i].color);
        }
    }
    EXPECT_EQ(own.nodes.size(), full.nodes.size());
    EXPECT_EQ(own.find_node("femur_r"), full.find_node("femur_r"));
}
