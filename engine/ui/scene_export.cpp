// ui/scene_export.cpp: the posed body as binary glTF.
//
// [SECTION] Colours
// [SECTION] Bones, discs and skin
// [SECTION] Muscles
// [SECTION] The scene model
// [SECTION] Writing .glb
// [SECTION] The command
#include "ui/scene_export.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "platform/window.hpp"
#include "scene/posture_state.hpp"
#include "scene/stretch_state.hpp"
#include "ui/snapshot.hpp"

#include <assimp/Exporter.hpp>
#include <assimp/material.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>

namespace ui {

namespace {

// [SECTION] Colours

// glTF colour factors are linear; the app's colours are sRGB (the exact curve, as viewers decode).
float srgb_to_linear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }
glm::vec3 srgb_to_linear(const glm::vec3& c) { return {srgb_to_linear(c.r), srgb_to_linear(c.g), srgb_to_linear(c.b)}; }

// The mean linear albedo of meshes' vertex colours (RGB; alpha is baked occlusion, not colour).
struct MeanColor {
    glm::dvec3 sum{0.0};
    std::size_t count = 0;
    void add(const core::MeshData& m) {
        for (const auto& v : m.vertices) sum += glm::dvec3(srgb_to_linear(glm::vec3(v.color) / 255.0f));
        count += m.vertices.size();
    }
    glm::vec3 linear(const glm::vec3& fallback_srgb) const {
        return count == 0 ? srgb_to_linear(fallback_srgb) : glm::vec3(sum / static_cast<double>(count));
    }
};

// The viewer's opacities (Body::build_frame, BoneSet::append_skin_item).
constexpr float xray_bone_opacity = 0.22f;
constexpr float muted_muscle_opacity = 0.16f;
constexpr float skin_opacity = 0.5f;
// The viewer's skin tint (linear), multiplied into the skin's vertex colours.
constexpr glm::vec3 skin_tint_linear{0.95f, 0.80f, 0.70f};
// Roughness: bone is matte, cartilage glossy (as the cartilage shading), muscle moist, skin in between.
constexpr float bone_roughness = 0.7f, cartilage_roughness = 0.35f, muscle_roughness = 0.45f, skin_roughness = 0.55f;

// [SECTION] Bones, discs and skin

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

struct PosedMesh {
    std::string name;
    core::MeshData mesh;  // world coordinates, posed
    bool cartilage = false;
};

struct PosedSkeleton {
    std::vector<PosedMesh> bones;  // in the skeleton model's node order
    std::optional<core::MeshData> skin;
};

// The skeleton model's meshes posed as BoneSet poses them on the GPU: each node's meshes ride the
// joint named by the node or its nearest named ancestor (the pelvis when none); a disc between
// vertebrae on two different joints blends between them by height; the skin blends the two
// nearest bone segments. These rules are BoneSet's (scene/bone_set.cpp), which keeps its meshes
// on the GPU only; the two must change together.
PosedSkeleton pose_skeleton(const anat::Skeleton& sk, std::span<const core::Rigid> world, const assets::Model& model, bool want_bones,
                            bool want_skin) {
    PosedSkeleton out;
    const auto world_from_node = model.world_from_node();
    std::vector<int> joint_of_node(model.nodes.size(), -1);
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const assets::Node& n = model.nodes[i];
        const int j = sk.find_joint(n.name);
        joint_of_node[i] = j >= 0 ? j : (n.parent >= 0 ? joint_of_node[static_cast<std::size_t>(n.parent)] : -1);
    }
    auto vertebra_joint = [&](const std::string& name) {
        if (name == "S1") return sk.find_joint("pelvis");
        for (const auto& v : sk.vertebrae)
            if (v.name == name) return v.joint;
        return -1;
    };
    auto rest = [&](int joint) { return sk.joints[static_cast<std::size_t>(joint)].rest_world; };
    auto at = [&](int joint) -> const core::Rigid& { return world[static_cast<std::size_t>(joint)]; };

    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const assets::Node& n = model.nodes[i];
        if (n.meshes.empty() || n.name.rfind("landmark:", 0) == 0) continue;
        const bool is_skin = n.name == "skin";
        if (is_skin ? !want_skin : !want_bones) continue;
        core::MeshData m;  // rest, world
        for (int mi : n.meshes) m.append_transformed(model.meshes[static_cast<std::size_t>(mi)], world_from_node[i]);
        m.name = n.name;
        if (m.indices.empty()) continue;

        if (is_skin) {
            // The skin follows the rig as in the viewer (scene/bone_set.hpp).
            const auto weights = scene::skin_weights(sk, m);
            std::vector<glm::vec3> joint_rest;
            for (const auto& j : sk.joints) joint_rest.push_back(j.rest_world);
            const core::MeshData rest_skin = m;
            for (std::size_t k = 0; k < m.vertices.size(); ++k)
                scene::pose_skin_vertex(m.vertices[k], rest_skin.vertices[k], weights[k], world, joint_rest);
            out.skin = std::move(m);
            continue;
        }

        const int joint = std::max(joint_of_node[i], 0);  // under no joint: it moves with the pelvis
        bool cartilage = n.name.rfind("costal_cartilage", 0) == 0;
        bool blended = false;
        if (n.name.rfind("disc_", 0) == 0) {
            cartilage = true;
            // disc_<upper>_<lower>: blends between the two vertebrae when they hang on different joints.
            const std::string names = n.name.substr(5);
            const auto us = names.find('_');
            const std::string up = us == std::string::npos ? "" : upper(names.substr(0, us));
            const std::string lo = us == std::string::npos ? "" : upper(names.substr(us + 1));
            const int ju = vertebra_joint(up), jl = vertebra_joint(lo);
            if (ju >= 0 && jl >= 0 && ju != jl) {
                glm::vec3 bottom = sk.s1_center, normal = sk.s1_normal, top = bottom;
                for (const auto& vb : sk.vertebrae) {
                    if (vb.name == up) top = vb.inferior_center;
                    if (vb.name == lo) {
                        bottom = vb.superior_center;
                        normal = vb.superior_normal;
                    }
                }
                const float height = std::max(glm::dot(top - bottom, normal), 1e-4f);
                for (auto& v : m.vertices) {
                    const float t = std::clamp(glm::dot(v.position - bottom, normal) / height, 0.0f, 1.0f);
                    const float w = t * t * (3.0f - 2.0f * t);
                    const glm::vec3 p = glm::mix(at(jl).apply(v.position - rest(jl)), at(ju).apply(v.position - rest(ju)), w);
                    v.normal = glm::normalize(glm::mix(at(jl).apply_dir(v.normal), at(ju).apply_dir(v.normal), w));
                    v.position = p;
                }
                blended = true;
            }
        }
        if (!blended)
            for (auto& v : m.vertices) {
                v.position = at(joint).apply(v.position - rest(joint));
                v.normal = at(joint).apply_dir(v.normal);
            }
        out.bones.push_back({n.name, std::move(m), cartilage});
    }
    return out;
}

// [SECTION] Muscles

struct MuscleLook {
    bool visible = false;
    glm::vec3 color_srgb{0.0f};
    float opacity = 1.0f;
};

// Each muscle's colour and opacity as Body::build_frame draws it (a ghost is drawn muted).
std::vector<MuscleLook> muscle_looks(const scene::Body& body, const scene::Body::Display& d) {
    // As the viewer draws them (scene::muscle_styles): a ghost there is a translucent muscle here.
    const scene::MuscleStyles styles = scene::muscle_styles(body.catalogue(), body.muscle_states(), body.tightness(), d);
    std::vector<MuscleLook> looks(styles.solid.size());
    for (std::size_t i = 0; i < looks.size(); ++i) {
        const bool ghost = styles.ghost[i].visible;
        const anat::MuscleStyle& s = ghost ? styles.ghost[i] : styles.solid[i];
        MuscleLook& look = looks[i];
        look.visible = s.visible;
        if (!look.visible) continue;
        look.color_srgb = s.color;
        if (ghost) look.opacity = muted_muscle_opacity;
    }
    return looks;
}

}  // namespace

// [SECTION] The scene model

SceneModel scene_model(const scene::Body& body, const scene::Body::Display& display, const assets::Model& skeleton_model) {
    SceneModel out;
    assets::Model& model = out.model;
    model.source = "anatomy scene";
    model.nodes.push_back({"anatomy", -1, glm::mat4(1.0f), {}});
    auto add_group = [&](const char* name) {
        model.nodes.push_back({name, 0, glm::mat4(1.0f), {}});
        return static_cast<int>(model.nodes.size() - 1);
    };
    // Mesh names differ from node names: some Assimp versions rename a node whose name is
    // already a mesh's id in the file.
    auto add_mesh = [&](int parent, const std::string& name, core::MeshData mesh, std::size_t material) {
        mesh.name = name + "_mesh";
        model.meshes.push_back(std::move(mesh));
        out.mesh_material.push_back(material);
        model.nodes.push_back({name, parent, glm::mat4(1.0f), {static_cast<int>(model.meshes.size() - 1)}});
    };
    auto add_material = [&](SceneMaterial m) {
        out.materials.push_back(std::move(m));
        return out.materials.size() - 1;
    };

    const auto& d = display;
    const bool has_focus = d.selection.kind != scene::Selection::Kind::none || !d.emphasised.empty() || !d.layers.isolated_muscles.empty();
    const bool xray = d.layers.xray && has_focus;

    if (d.layers.skeleton || d.layers.skin) {
        PosedSkeleton posed = pose_skeleton(body.skeleton(), body.world_from_bone(), skeleton_model, d.layers.skeleton, d.layers.skin);
        if (d.layers.skeleton) {
            if (posed.bones.empty()) throw core::Error(skeleton_model.source + ": no bone meshes to export");
            MeanColor bone_color, cartilage_color;
            for (const auto& b : posed.bones) (b.cartilage ? cartilage_color : bone_color).add(b.mesh);
            const float opacity = xray ? xray_bone_opacity : 1.0f;
            // Fallbacks, should a model carry no vertex colours: ivory bone, bluish-white cartilage.
            const std::size_t bone = add_material({"bone", bone_color.linear({0.92f, 0.886f, 0.8f}), opacity, bone_roughness});
            const std::size_t cartilage = add_material({"cartilage", cartilage_color.linear({0.85f, 0.88f, 0.9f}), opacity, cartilage_roughness});
            const int group = add_group("skeleton");
            for (auto& b : posed.bones) add_mesh(group, b.name, std::move(b.mesh), b.cartilage ? cartilage : bone);
        }
        if (d.layers.skin && posed.skin) {
            MeanColor c;
            c.add(*posed.skin);
            const std::size_t skin = add_material({"skin_surface", c.linear(glm::vec3(1.0f)) * skin_tint_linear, skin_opacity, skin_roughness});
            add_mesh(0, "skin", std::move(*posed.skin), skin);
        }
    }

    if (d.layers.muscles) {
        const auto& cat = body.catalogue();
        const std::vector<MuscleLook> looks = muscle_looks(body, display);
        const anat::BodyAxes axes = anat::body_axes(body.skeleton(), body.world_from_bone());
        anat::MuscleStyle hidden;
        hidden.visible = false;
        std::vector<anat::MuscleStyle> styles(cat.muscles.size(), hidden);
        std::vector<std::uint32_t> ids;
        int group = -1;
        for (std::size_t i = 0; i < cat.muscles.size(); ++i) {
            if (!looks[i].visible) continue;
            // One muscle at a time: its own mesh, node and material.
            styles[i].visible = true;
            styles[i].color = looks[i].color_srgb;
            core::MeshData mesh;
            ids.clear();
            anat::build_muscle_mesh(cat, body.paths(), styles, axes, {}, mesh, ids);
            body.clearance().push_out(mesh, body.world_from_bone());  // as the viewer draws it
            styles[i].visible = false;
            if (mesh.indices.empty()) continue;  // no path to sweep
            if (group < 0) group = add_group("muscles");
            const std::string& id = cat.muscles[i].id;
            const std::size_t material = add_material({"muscle:" + id, srgb_to_linear(looks[i].color_srgb), looks[i].opacity, muscle_roughness});
            add_mesh(group, id, std::move(mesh), material);
        }
    }
    return out;
}

// [SECTION] Writing .glb

namespace {

// An aiScene that Assimp owns and frees (its destructors delete the arrays). Only positions,
// normals and triangles travel: colours are the materials.
std::unique_ptr<aiScene> build_ai_scene(const SceneModel& s) {
    const assets::Model& model = s.model;
    ANATOMY_ASSERT(s.mesh_material.size() == model.meshes.size(), "one material index per mesh");
    auto scene = std::make_unique<aiScene>();
    scene->mNumMaterials = static_cast<unsigned>(s.materials.size());
    scene->mMaterials = new aiMaterial*[s.materials.size()];
    for (std::size_t i = 0; i < s.materials.size(); ++i) {
        const SceneMaterial& src = s.materials[i];
        auto* mat = new aiMaterial();
        scene->mMaterials[i] = mat;
        const aiString name(src.name);
        mat->AddProperty(&name, AI_MATKEY_NAME);
        const aiColor4D color(src.color_linear.r, src.color_linear.g, src.color_linear.b, 1.0f);
        mat->AddProperty(&color, 1, AI_MATKEY_BASE_COLOR);
        mat->AddProperty(&color, 1, AI_MATKEY_COLOR_DIFFUSE);
        const float metallic = 0.0f;
        mat->AddProperty(&metallic, 1, AI_MATKEY_METALLIC_FACTOR);
        mat->AddProperty(&src.roughness, 1, AI_MATKEY_ROUGHNESS_FACTOR);
        // The exporter writes opacity below 1 as alphaMode BLEND with the factor's alpha.
        mat->AddProperty(&src.opacity, 1, AI_MATKEY_OPACITY);
    }

    scene->mNumMeshes = static_cast<unsigned>(model.meshes.size());
    scene->mMeshes = new aiMesh*[model.meshes.size()];
    for (std::size_t i = 0; i < model.meshes.size(); ++i) {
        const core::MeshData& src = model.meshes[i];
        auto* m = new aiMesh();
        scene->mMeshes[i] = m;
        m->mName = aiString(src.name);
        ANATOMY_ASSERT(s.mesh_material[i] < s.materials.size(), "material index in range");
        m->mMaterialIndex = static_cast<unsigned>(s.mesh_material[i]);
        m->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
        m->mNumVertices = static_cast<unsigned>(src.vertices.size());
        m->mVertices = new aiVector3D[src.vertices.size()];
        m->mNormals = new aiVector3D[src.vertices.size()];
        for (std::size_t v = 0; v < src.vertices.size(); ++v) {
            const core::Vertex& sv = src.vertices[v];
            m->mVertices[v] = aiVector3D(sv.position.x, sv.position.y, sv.position.z);
            m->mNormals[v] = aiVector3D(sv.normal.x, sv.normal.y, sv.normal.z);
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

    std::vector<aiNode*> made(model.nodes.size(), nullptr);
    std::vector<std::vector<aiNode*>> children(model.nodes.size());
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
        const assets::Node& n = model.nodes[i];
        auto* node = new aiNode(n.name);
        made[i] = node;
        for (int r = 0; r < 4; ++r)  // glm is column-major; Assimp row-major
            for (int c = 0; c < 4; ++c) node->mTransformation[static_cast<unsigned>(r)][static_cast<unsigned>(c)] = n.parent_from_node[c][r];
        if (!n.meshes.empty()) {
            node->mNumMeshes = static_cast<unsigned>(n.meshes.size());
            node->mMeshes = new unsigned[n.meshes.size()];
            for (std::size_t k = 0; k < n.meshes.size(); ++k) node->mMeshes[k] = static_cast<unsigned>(n.meshes[k]);
        }
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
        std::copy(children[i].begin(), children[i].end(), made[i]->mChildren);
    }
    scene->mRootNode = made[0];
    return scene;
}

}  // namespace

std::string scene_glb_bytes(const SceneModel& s) {
    if (s.model.nodes.empty() || s.model.meshes.empty()) throw core::Error("export: nothing to export (no layer shows anything)");
    auto scene = build_ai_scene(s);
    Assimp::Exporter exporter;
    const aiExportDataBlob* blob = exporter.ExportToBlob(scene.get(), "glb2", 0);
    if (!blob) throw core::Error(std::string("glTF export failed: ") + exporter.GetErrorString());
    return std::string(static_cast<const char*>(blob->data), blob->size);
}

void write_scene_glb(const SceneModel& s, const core::fs::path& path) { core::write_file_atomic(path, scene_glb_bytes(s)); }

// [SECTION] The command

namespace {

// Fails before the work (posing, sweeping) when the file could not be written anyway.
void check_output(const core::fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".glb") throw core::Error(path.string() + ": the file name must end in .glb (binary glTF)");
    const core::fs::path dir = path.has_parent_path() ? path.parent_path() : core::fs::path(".");
    std::error_code ec;
    if (!core::fs::is_directory(dir, ec)) throw core::Error(path.string() + ": folder " + dir.string() + " does not exist");
    if (core::fs::is_directory(path, ec)) throw core::Error(path.string() + ": is a folder");
}

}  // namespace

void export_scene(const SceneExportRequest& rq) {
    check_output(rq.output);
    const core::fs::path skeleton_path = core::generated_asset_dir() / "skeleton.glb";
    std::error_code ec;
    if (!core::fs::exists(skeleton_path, ec))
        throw core::Error(skeleton_path.string() + " not found (run `anatomy bake-skeleton`): the exported bones come from it");
    const assets::Model skeleton_model = assets::load_model(skeleton_path, assets::ModelSource::own_bake);

    // The body's bone set holds GPU meshes, so posing needs a context; the rig view is the
    // cheapest bone set (the export takes its bones from skeleton_model). Declared before the
    // body: GL objects go before their context.
    platform::WindowDesc desc;
    desc.title = "anatomy export";
    desc.width = 64;  // never shown
    desc.height = 64;
    desc.offscreen = true;
    platform::Window window(desc);
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    std::unique_ptr<scene::BoneSet> rig = scene::BoneSet::rig_view(skeleton);
    scene::Body body(std::move(skeleton), std::move(catalogue), std::move(rig));

    // Posed as the snapshot command poses it (ui/snapshot.cpp).
    scene::Body::Display d;
    scene::PostureState posture(body.skeleton(), body.catalogue());
    posture.set_settings(rq.posture, false);
    posture.snap();
    body.set_pose(posture.displayed_pose(), posture.target().tightness);
    if (!rq.stretch.empty()) {
        scene::StretchState stretch(body.skeleton(), body.catalogue());
        const int index = find_stretch(stretch.library(), rq.stretch);
        anim::Player& player = stretch.player();
        player.set_side(rq.stretch_left ? anim::Side::left : anim::Side::right);
        stretch.start(index, posture.displayed_pose());
        player.pause();
        player.seek(rq.stretch_time_s);
        stretch.update(anim::Player::crossfade_s, posture.displayed_pose(), posture.target().tightness);
        body.set_pose(stretch.pose());
        for (const auto& id : player.clip()->info.targets) d.emphasised.insert(id);
        d.stretch_demo = true;  // the targets by stretch, the other muscles muted
    }
    d.color_mode = rq.color_mode;
    d.layers.skeleton = rq.skeleton;
    d.layers.muscles = rq.muscles;
    d.layers.skin = rq.skin;

    const SceneModel s = scene_model(body, d, skeleton_model);
    if (rq.skin && s.model.find_node("skin") < 0) throw core::Error(skeleton_path.string() + ": has no skin mesh (node \"skin\") to export");
    write_scene_glb(s, rq.output);
}

}  // namespace ui
