// The generated skeleton, as the app loads it: written to GLB, read back through Assimp, checked
// against the rig it was made from. Each test makes its own skeleton once (ctest runs every test
// in its own process); only the first works at the app's default detail.
#include "anatomy/skeleton_builder.hpp"
#include "assets/model.hpp"
#include "bonegen/generator.hpp"
#include "bonegen/mesher.hpp"
#include "bonegen/model_layout.hpp"
#include "isolated_env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <set>
#include <sys/wait.h>

namespace {

// Under AddressSanitizer everything runs several times slower: the default-detail test then works
// at coarse detail (the triangle budget is checked by the normal build).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif

struct Baked {
    anat::Skeleton skeleton;
    bonegen::Report report;
    std::string glb;
    assets::Model model;
    std::vector<glm::mat4> world;
};

Baked bake(float pi_deg, bonegen::Detail detail, int threads = 0, std::vector<std::string> only = {}) {
    Baked b;
    b.skeleton = bonegen::skeleton_for_bake({1.75f, pi_deg});
    bonegen::Options o;
    o.detail = detail;
    o.threads = threads;
    o.only = std::move(only);
    bonegen::SkeletonAsset asset = bonegen::generate_skeleton(b.skeleton, o);
    b.report = asset.report;
    b.glb = assets::export_glb_to_memory(bonegen::to_model(std::move(asset)));
    b.model = assets::load_model_from_memory(b.glb, "glb", "skeleton.glb");
    b.world = b.model.world_from_node();
    return b;
}

const assets::Node* node(const Baked& b, const std::string& name) {
    const int i = b.model.find_node(name);
    return i < 0 ? nullptr : &b.model.nodes[static_cast<std::size_t>(i)];
}

glm::vec3 node_world(const Baked& b, const std::string& name) {
    const int i = b.model.find_node(name);
    EXPECT_GE(i, 0) << name;
    return i < 0 ? glm::vec3(0.0f) : glm::vec3(b.world[static_cast<std::size_t>(i)][3]);
}

// The mesh of a bone node with its vertices in world coordinates.
core::MeshData world_mesh(const Baked& b, const std::string& name) {
    const int i = b.model.find_node(name);
    core::MeshData m;
    if (i < 0 || b.model.nodes[static_cast<std::size_t>(i)].meshes.empty()) return m;
    for (int mi : b.model.nodes[static_cast<std::size_t>(i)].meshes)
        m.append_transformed(b.model.meshes[static_cast<std::size_t>(mi)], b.world[static_cast<std::size_t>(i)]);
    return m;
}

std::vector<glm::vec3> positions(const core::MeshData& m) {
    std::vector<glm::vec3> p;
    for (const auto& v : m.vertices) p.push_back(v.position);
    return p;
}

// Pelvic incidence from the baked landmark nodes, measured the radiographic way.
float incidence_deg(const Baked& b) {
    const glm::vec3 a = node_world(b, "landmark:s1_endplate_anterior"), p = node_world(b, "landmark:s1_endplate_posterior");
    const glm::vec3 mid = (a + p) * 0.5f, along = glm::normalize(a - p);
    const glm::vec3 down{0.0f, -along.z, along.y};
    const glm::vec3 hips = (node_world(b, "landmark:femoral_head_center_r") + node_world(b, "landmark:femoral_head_center_l")) * 0.5f;
    const glm::vec3 to_hips = glm::normalize(glm::vec3(0.0f, hips.y - mid.y, hips.z - mid.z));
    return core::rad_to_deg(std::acos(std::clamp(glm::dot(down, to_hips), -1.0f, 1.0f)));
}

std::vector<std::string> required_bones() {
    std::vector<std::string> n = {"sacrum", "coccyx", "sternum", "skull", "mandible"};
    for (const char* v : {"l5", "l4", "l3", "l2", "l1", "t12", "t11", "t10", "t9", "t8", "t7", "t6",
                          "t5", "t4", "t3", "t2", "t1", "c7",  "c6",  "c5",  "c4", "c3", "c2", "c1"})
        n.push_back(std::string("vertebra_") + v);
    const char* discs[] = {"l5_s1", "l4_l5", "l3_l4", "l2_l3", "l1_l2", "t12_l1", "t11_t12", "t10_t11", "t9_t10", "t8_t9", "t7_t8", "t6_t7",
                           "t5_t6", "t4_t5", "t3_t4", "t2_t3", "t1_t2", "c7_t1",  "c6_c7",   "c5_c6",   "c4_c5",  "c3_c4", "c2_c3"};
    for (const char* d : discs) n.push_back(std::string("disc_") + d);
    for (const char* s : {"_r", "_l"}) {
        for (const char* b : {"hip_bone",
                              "clavicle",
                              "scapula",
                              "humerus",
                              "ulna",
                              "radius",
                              "carpals",
                              "femur",
                              "patella",
                              "tibia",
                              "fibula",
                              "talus",
                              "calcaneus",
                              "navicular",
                              "cuboid",
                              "cuneiform_medial",
                              "cuneiform_intermediate",
                              "cuneiform_lateral",
                              "finger_1_proximal",
                              "finger_1_distal"})
            n.push_back(std::string(b) + s);
        for (int i = 1; i <= 12; ++i) n.push_back("rib_" + std::to_string(i) + s);
        for (int i = 1; i <= 10; ++i) n.push_back("costal_cartilage_" + std::to_string(i) + s);
        for (int i = 1; i <= 5; ++i) {
            n.push_back("metacarpal_" + std::to_string(i) + s);
            n.push_back("metatarsal_" + std::to_string(i) + s);
            n.push_back("toe_" + std::to_string(i) + s);
        }
        for (int f = 2; f <= 5; ++f)
            for (const char* k : {"proximal", "middle", "distal"}) n.push_back("finger_" + std::to_string(f) + "_" + k + s);
    }
    return n;
}

bool ends_with(const std::string& s, const std::string& e) { return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0; }

}  // namespace

// One default-detail skeleton, checked the way the app will use it.
TEST(SkeletonBake, DefaultDetailModelFollowsTheLayoutAndTheRig) {
    const Baked b = bake(52.0f, sanitized ? bonegen::Detail::coarse : bonegen::Detail::standard);
    const anat::Skeleton& sk = b.skeleton;

    // Root, then joints nested like the rig, translated by their rest offsets.
    ASSERT_FALSE(b.model.nodes.empty());
    EXPECT_EQ(b.model.nodes[0].name, "skeleton");
    for (const anat::Joint& j : sk.joints) {
        const assets::Node* n = node(b, j.name);
        ASSERT_NE(n, nullptr) << j.name;
        const std::string parent = j.parent < 0 ? "skeleton" : sk.joints[static_cast<std::size_t>(j.parent)].name;
        EXPECT_EQ(b.model.nodes[static_cast<std::size_t>(n->parent)].name, parent) << j.name;
        EXPECT_LT(glm::length(node_world(b, j.name) - j.rest_world), 1e-5f) << j.name;
        EXPECT_TRUE(n->meshes.empty()) << j.name;
    }
    // The app loads its bake without welding (assets::ModelSource::own_bake): the bake has no
    // coincident vertices to weld, so both imports give the same meshes.
    const assets::Model own = assets::load_model_from_memory(b.glb, "glb", "skeleton.glb", assets::ModelSource::own_bake);
    ASSERT_EQ(own.meshes.size(), b.model.meshes.size());
    for (std::size_t k = 0; k < own.meshes.size(); ++k) {
        EXPECT_EQ(own.meshes[k].vertices.size(), b.model.meshes[k].vertices.size()) << own.meshes[k].name;
        EXPECT_EQ(own.meshes[k].indices, b.model.meshes[k].indices) << own.meshes[k].name;
    }
    // Every required bone, under the right joint.
    const std::map<std::string, std::string> owner = {{"hip_bone_r", "pelvis"},
                                                      {"sacrum", "pelvis"},
                                                      {"vertebra_l5", "l5_s1"},
                                                      {"vertebra_l4", "l4_l5"},
                                                      {"vertebra_l1", "l1_l2"},
                                                      {"vertebra_t7", "t12_l1"},
                                                      {"rib_9_l", "t12_l1"},
                                                      {"costal_cartilage_3_r", "t12_l1"},
                                                      {"vertebra_c4", "c7_t1"},
                                                      {"skull", "c0_c1"},
                                                      {"mandible", "c0_c1"},
                                                      {"clavicle_r", "sternoclavicular_r"},
                                                      {"scapula_l", "sternoclavicular_l"},
                                                      {"humerus_r", "shoulder_r"},
                                                      {"ulna_r", "elbow_r"},
                                                      {"radius_l", "elbow_l"},
                                                      {"carpals_r", "wrist_r"},
                                                      {"finger_3_middle_r", "wrist_r"},
                                                      {"femur_l", "hip_l"},
                                                      {"patella_r", "knee_r"},
                                                      {"tibia_r", "knee_r"},
                                                      {"fibula_l", "knee_l"},
                                                      {"talus_r", "ankle_r"},
                                                      {"metatarsal_5_l", "ankle_l"},
                                                      {"toe_2_r", "mtp_r"},
                                                      {"disc_l5_s1", "pelvis"},
                                                      {"disc_l4_l5", "l5_s1"},
                                                      {"disc_t12_l1", "l1_l2"},
                                                      {"disc_c7_t1", "t12_l1"},
                                                      {"disc_c2_c3", "c7_t1"},
                                                      {"skin", "pelvis"}};
    for (const std::string& name : required_bones()) {
        const assets::Node* n = node(b, name);
        ASSERT_NE(n, nullptr) << name;
        EXPECT_EQ(n->meshes.size(), 1u) << name;
        EXPECT_EQ(n->parent_from_node, glm::mat4(1.0f)) << name;
    }
    for (const auto& [bone, joint] : owner) {
        const assets::Node* n = node(b, bone);
        ASSERT_NE(n, nullptr) << bone;
        EXPECT_EQ(b.model.nodes[static_cast<std::size_t>(n->parent)].name, joint) << bone;
    }
    EXPECT_EQ(node(b, "disc_c1_c2"), nullptr);  // no disc at the atlanto-axial joint
    // Every muscle's origin and insertion is marked on its bone, both sides.
    int attachments = 0;
    for (const auto& l : sk.landmarks) attachments += l.name.find("_origin_") != std::string::npos || l.name.find("_insertion_") != std::string::npos;
    EXPECT_EQ(attachments, 2 * 58);
    for (const char* n :
         {"landmark:psoas_origin_r", "landmark:psoas_insertion_l", "landmark:semimembranosus_origin_l", "landmark:rectus_femoris_insertion_r"})
        EXPECT_NE(node(b, n), nullptr) << n;

    // Landmark nodes at the rig's landmarks; surface ones on their bone, centre ones inside it.
    for (std::size_t i = 0; i < sk.landmarks.size(); ++i) {
        const anat::Landmark& l = sk.landmarks[i];
        const std::string name = "landmark:" + l.name;
        ASSERT_NE(node(b, name), nullptr) << name;
        EXPECT_EQ(b.model.nodes[static_cast<std::size_t>(node(b, name)->parent)].name, sk.joints[static_cast<std::size_t>(l.joint)].name);
        const glm::vec3 p = node_world(b, name);
        // Muscle attachments are marked on the nearest bone surface (the generator's comment says why).
        const bool attachment = l.name.find("_origin_") != std::string::npos || l.name.find("_insertion_") != std::string::npos;
        if (!attachment) {
            EXPECT_LT(glm::length(p - sk.landmark_rest_world(static_cast<int>(i))), 1e-5f) << name;
        }
        const core::MeshData m = world_mesh(b, l.bone);
        ASSERT_FALSE(m.indices.empty()) << l.bone;
        const float d = bonegen::distance_to_mesh(m.vertices, m.indices, p);
        if (l.kind == anat::LandmarkKind::surface) {
            EXPECT_LT(d, 0.003f) << l.name << " on " << l.bone;
        } else if (ends_with(l.bone, "hip_bone_r") || ends_with(l.bone, "hip_bone_l")) {
            // The hip centre is the centre of the socket: about a head's radius from its floor.
            EXPECT_FALSE(bonegen::point_inside_mesh(m.vertices, m.indices, p)) << l.name;
            EXPECT_GT(d, 0.020f) << l.name;
            EXPECT_LT(d, 0.030f) << l.name;
        } else {
            EXPECT_TRUE(bonegen::point_inside_mesh(m.vertices, m.indices, p)) << l.name << " in " << l.bone;
        }
    }
    EXPECT_NEAR(incidence_deg(b), 52.0f, 0.5f);

    // Meshes: closed, no slivers, within the budget; left mirrors right.
    std::size_t bone_triangles = 0;
    for (std::size_t i = 0; i < b.model.nodes.size(); ++i) {
        const assets::Node& n = b.model.nodes[i];
        for (int mi : n.meshes) {
            const core::MeshData& m = b.model.meshes[static_cast<std::size_t>(mi)];
            const bonegen::MeshCheck c = bonegen::check_mesh(positions(m), m.indices);
            EXPECT_TRUE(c.closed) << n.name << ": " << c.bad_edges << " bad edges";
            EXPECT_EQ(c.degenerate, 0u) << n.name;
            if (n.name != "skin") bone_triangles += m.triangle_count();
        }
    }
    if (!sanitized) {
        EXPECT_LE(bone_triangles, 60000u);
    }
    EXPECT_EQ(bone_triangles, b.report.skeleton_triangles);
    const std::size_t skin = b.model.meshes[static_cast<std::size_t>(node(b, "skin")->meshes[0])].triangle_count();
    if (!sanitized) {
        EXPECT_GE(skin, 6000u);
    }
    EXPECT_LE(skin, 10000u);
    for (const std::string& name : required_bones()) {
        if (!ends_with(name, "_r")) continue;
        const std::string left = name.substr(0, name.size() - 2) + "_l";
        const core::MeshData r = world_mesh(b, name), l = world_mesh(b, left);
        const core::Bounds br = r.bounds(), bl = l.bounds();
        EXPECT_NEAR(br.min.x, -bl.max.x, 0.001f) << name;
        EXPECT_NEAR(br.max.x, -bl.min.x, 0.001f) << name;
        EXPECT_NEAR(br.min.y, bl.min.y, 0.001f) << name;
        EXPECT_NEAR(br.max.z, bl.max.z, 0.001f) << name;
        EXPECT_NEAR(static_cast<float>(r.triangle_count()), static_cast<float>(l.triangle_count()),
                    0.02f * static_cast<float>(r.triangle_count()) + 2.0f)
            << name;
    }

    // Standing: the lowest bone a few millimetres above the floor (heel pad, plantar tissue).
    float lowest = 1e9f;
    for (const std::string& name : required_bones()) lowest = std::min(lowest, world_mesh(b, name).bounds().min.y);
    EXPECT_GE(lowest, 0.004f);
    EXPECT_LE(lowest, 0.009f);

    // The skin encloses the skeleton with room to spare.
    const core::MeshData skin_mesh = world_mesh(b, "skin");
    int outside = 0, tested = 0;
    float closest = 1e9f;
    for (const std::string& name : required_bones()) {
        const core::MeshData m = world_mesh(b, name);
        for (std::size_t v = 0; v < m.vertices.size(); v += 37) {
            ++tested;
            if (!bonegen::point_inside_mesh(skin_mesh.vertices, skin_mesh.indices, m.vertices[v].position))
                ++outside;
            else
                closest = std::min(closest, bonegen::distance_to_mesh(skin_mesh.vertices, skin_mesh.indices, m.vertices[v].position));
        }
    }
    EXPECT_GT(tested, 500);
    EXPECT_EQ(outside, 0);
    EXPECT_GT(closest, 0.003f);  // the scalp is the thinnest cover

    // Colour: discs are cartilage, shafts are bone; ambient occlusion darkens the femoral head in
    // its socket but not the open shaft.
    const core::MeshData disc = world_mesh(b, "disc_l4_l5"), femur = world_mesh(b, "femur_r");
    for (const auto& v : disc.vertices) EXPECT_EQ(glm::u8vec3(v.color), bonegen::cartilage_rgb);
    const glm::vec3 head = node_world(b, "landmark:femoral_head_center_r");
    int dark_head = 0, shaft = 0, dark_shaft = 0;
    for (const auto& v : femur.vertices) {
        if (glm::length(v.position - head) < 0.026f && v.color.a < 140) ++dark_head;
        if (v.position.y < head.y - 0.15f && v.position.y > head.y - 0.3f) {
            ++shaft;
            if (v.color.a < 200) ++dark_shaft;
            EXPECT_EQ(glm::u8vec3(v.color), bonegen::bone_rgb);
        }
    }
    EXPECT_GT(dark_head, 10);
    EXPECT_GT(shaft, sanitized ? 20 : 50);  // coarse detail under the sanitizers has fewer vertices
    EXPECT_LT(dark_shaft * 20, shaft);
}

TEST(SkeletonBake, SameInputGivesTheSameBytesWhateverTheThreads) {
    const std::vector<std::string> some =
        sanitized ? std::vector<std::string>{"hip_bone_r", "hip_bone_l", "vertebra_l4", "rib_7_r", "skull"} : std::vector<std::string>{};
    const Baked one = bake(52.0f, bonegen::Detail::coarse, 1, some);
    const Baked two = bake(52.0f, bonegen::Detail::coarse, 2, some);
    EXPECT_GT(one.glb.size(), sanitized ? 50000u : 500000u);
    EXPECT_TRUE(one.glb == two.glb);
}

TEST(SkeletonBake, PelvicIncidenceIsBuiltIntoTheSacrum) {
    for (float pi : {40.0f, 60.0f}) {
        const Baked b = bake(pi, bonegen::Detail::standard, 0, {"sacrum", "hip_bone_r", "hip_bone_l", "femur_r", "femur_l"});
        EXPECT_NEAR(incidence_deg(b), pi, 0.5f) << "PI " << pi;
        // The sacrum's upper endplate, found on its mesh, lies on the rig's S1 plane.
        const glm::vec3 centre = node_world(b, "landmark:s1_endplate_center");
        const glm::vec3 along = glm::normalize(node_world(b, "landmark:s1_endplate_anterior") - node_world(b, "landmark:s1_endplate_posterior"));
        const glm::vec3 normal{0.0f, along.z, -along.y};  // cranial
        const core::MeshData sacrum = world_mesh(b, "sacrum");
        glm::vec3 mean_normal{0.0f};
        float off = 0.0f;
        int n = 0;
        for (std::size_t t = 0; t + 2 < sacrum.indices.size(); t += 3) {
            const glm::vec3 p0 = sacrum.vertices[sacrum.indices[t]].position, p1 = sacrum.vertices[sacrum.indices[t + 1]].position,
                            p2 = sacrum.vertices[sacrum.indices[t + 2]].position;
            const glm::vec3 face = glm::cross(p1 - p0, p2 - p0);
            if (glm::length((p0 + p1 + p2) / 3.0f - centre) > 0.02f || glm::dot(glm::normalize(face), normal) < 0.98f) continue;
            mean_normal += face;                     // area-weighted
            for (const glm::vec3& q : {p0, p1, p2})  // the rim is rounded; look at the middle
                if (glm::length(q - centre) < 0.012f) off = std::max(off, std::abs(glm::dot(q - centre, normal)));
            ++n;
        }
        ASSERT_GE(n, 2) << "PI " << pi;
        EXPECT_GT(glm::dot(glm::normalize(mean_normal), glm::normalize(normal)), std::cos(core::deg_to_rad(1.0f))) << "PI " << pi;
        EXPECT_LT(off, 0.0005f) << "PI " << pi;
    }
}

TEST(SkeletonBake, CommandRejectsBadValuesBeforeWorking) {
    auto exit_code = [](const std::string& args) {
        const int status = std::system(("env " + isolated_env() + ANATOMY_BINARY + " bake-skeleton " + args + " >/dev/null 2>&1").c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    EXPECT_EQ(exit_code("--stature 0.5 -o /tmp/never.glb"), 2);
    EXPECT_EQ(exit_code("--pelvic-incidence 100 -o /tmp/never.glb"), 2);
    EXPECT_EQ(exit_code("--detail ultra -o /tmp/never.glb"), 2);
    EXPECT_EQ(exit_code("-o /proc/no/such/folder/skeleton.glb"), 1);
}
