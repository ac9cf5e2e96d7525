// ui/scene_export.hpp: the posed body as a 3D file: bones, muscles (coloured as on screen) and
// the skin, written as binary glTF (.glb) through Assimp's exporter, for Blender, a web viewer
// or a 3D printer's slicer.
//
// The file: metres, +Y up, +Z the body's front, the floor at y = 0 (as in the app). The root node
// "anatomy" holds the group nodes "skeleton" (one node per bone, named as in the skeleton model:
// femur_r, vertebra_l3, disc_l4_l5, ...), "muscles" (one node per muscle, named by its id:
// psoas_r, ...) and the node "skin"; a group with nothing in it is left out. Every vertex is in
// world coordinates (every node's transform is the identity), so a viewer shows the pose without
// any rig. Colours travel as materials (glTF baseColorFactor, linear RGB; opacity below 1 is
// alphaMode BLEND), not as vertex colours: one material per muscle (named by its id), "bone",
// "cartilage" and "skin".
#pragma once

#include "assets/model.hpp"
#include "biomech/posture.hpp"
#include "core/files.hpp"
#include "scene/body.hpp"

#include <string>
#include <vector>

namespace ui {

// What `anatomy export-scene` writes: the body in a posture, or in a stretch at a moment.
struct SceneExportRequest {
    core::fs::path output;             // must end in .glb
    biomech::PostureSettings posture;  // neutral by default
    std::string stretch;               // a stretch id: the body in that stretch at `stretch_time_s`
    float stretch_time_s = 0.0f;
    bool stretch_left = false;  // the left-side version
    scene::ColorMode color_mode = scene::ColorMode::anatomical;
    bool skeleton = true, muscles = true, skin = false;
};

// One glTF material: what a mesh is drawn with.
struct SceneMaterial {
    std::string name;
    glm::vec3 color_linear{1.0f};  // baseColorFactor: linear RGB (the app's colours are sRGB)
    float opacity = 1.0f;          // below 1: alphaMode BLEND
    float roughness = 0.6f;        // metallic is always 0
};

// A model ready to write: the meshes and nodes (see the top of this file) and a material for
// each mesh.
struct SceneModel {
    assets::Model model;
    std::vector<SceneMaterial> materials;
    std::vector<std::size_t> mesh_material;  // one per model.meshes: an index into materials
};

// The body as `display` shows it now, as CPU meshes: the bones of `skeleton_model` (the baked
// skeleton.glb as assets::load_model reads it; the body's own bone set keeps its meshes on the
// GPU) posed with body.world_from_bone(), the lumbar discs and the skin deformed as the viewer
// deforms them, and the muscles swept along body.paths() with the colours build_frame gives them
// (display.color_mode, emphasised, stretch_demo, mute_others, x-ray: muted muscles and x-rayed
// bones keep the viewer's opacities). Layers: skeleton, muscles (muscle_visible: sides, hidden
// groups and muscles, isolation) and skin. Needs no GL context. Throws core::Error when
// `skeleton_model` holds no bones for this skeleton's joints while the skeleton layer is shown.
SceneModel scene_model(const scene::Body& body, const scene::Body::Display& display, const assets::Model& skeleton_model);

// The .glb bytes of a scene model. Throws core::Error (an empty model, an Assimp failure).
std::string scene_glb_bytes(const SceneModel& scene);

// Writes the .glb atomically (a temporary file in the same folder, then a rename): a failure
// leaves no file and an older file at `path` intact. Throws core::Error naming the path.
void write_scene_glb(const SceneModel& scene, const core::fs::path& path);

// The whole command: poses the body as the snapshot command does (the posture, then the stretch
// at its moment with its targets coloured by stretch and the other muscles muted), builds the
// scene model and writes it. Checks the output's folder before the work, loads the baked
// skeleton (core::generated_asset_dir()/skeleton.glb; missing: an error naming
// `anatomy bake-skeleton`) and opens a hidden GL context, which the body's bone set needs.
// Throws core::Error (an unknown stretch, a missing folder, nothing to export, a write failure);
// never leaves a partial file.
void export_scene(const SceneExportRequest& request);

}  // namespace ui
