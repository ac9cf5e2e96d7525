// scene/bone_set.hpp: the skeleton's meshes, grouped by the joint that carries them (one draw per
// joint and material instead of one per bone), with per-vertex bone ids for picking and coarser
// levels of detail; the lumbar discs and the skin deform with the pose. CPU meshes only: the
// renderer uploads and keeps them (gfx::CpuMesh), so a bone set needs no GL context.
#pragma once

#include "anatomy/skeleton.hpp"
#include "assets/model.hpp"
#include "gfx/frame.hpp"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace scene {

struct BoneInfo {
    std::string name;  // "femur_r"
    int joint = -1;
    bool cartilage = false;
};

// How the skin follows the rig: each vertex hangs on the two nearest bone segments (a joint to
// each child joint), blended by inverse distance to the 4th power, so it belongs to one segment
// except near the joints between them. Shared by the viewer's skin and the 3D scene export.
struct SkinWeight {
    int a = 0, b = 0;  // joints
    float wb = 0.0f;   // the weight of b
};
std::vector<SkinWeight> skin_weights(const anat::Skeleton& skeleton, const core::MeshData& skin_rest);
// One skin vertex (rest, world) posed: `joint_rest` the joints' rest positions, `world` the pose.
void pose_skin_vertex(core::Vertex& out, const core::Vertex& rest, const SkinWeight& w, std::span<const core::Rigid> world,
                      std::span<const glm::vec3> joint_rest);

// The arm bones (skeleton.json's display.arm_bones: humerus to fingers) carry gfx::arm_id_bit in
// their vertices, so a view can hide them when they cover the pelvis.

class BoneSet {
public:
    // From a skeleton model whose nodes follow the naming convention (README, "Skeleton").
    // Meshes under an unknown node hang on the pelvis; `warnings` says so.
    BoneSet(const anat::Skeleton& skeleton, const assets::Model& model, std::vector<std::string>& warnings);
    // A simple rig view (joint balls and bone sticks), shown when no skeleton model is available.
    static std::unique_ptr<BoneSet> rig_view(const anat::Skeleton& skeleton);

    // The discs and the skin deformed for a pose (world_from_bone from forward kinematics), for
    // one `slot` (a view, or its ghost): each slot's meshes are kept apart on the GPU.
    struct Posed {
        std::shared_ptr<const std::vector<core::Vertex>> discs, skin;  // null: none, or the skin not asked for
        std::uint64_t revision = 0;
        int slot = 0;
    };
    Posed pose(std::span<const core::Rigid> world_from_bone, bool skin, int slot) const;

    // The bones, and the discs where `posed` is given. `highlight_bone`: -1 for none. `hide_arms`:
    // the arm bones (humerus to fingers) are not drawn or picked.
    void append_bone_items(std::vector<gfx::DrawItem>& out, std::span<const core::Rigid> world_from_bone, const Posed* posed, float opacity,
                           int highlight_bone, bool hide_arms = false) const;
    void append_skin_item(std::vector<gfx::DrawItem>& out, const Posed& posed, float opacity) const;
    // The body outline as an opaque shadow caster (nothing when there is no skin mesh).
    void append_shadow_caster(std::vector<gfx::DrawItem>& out, const Posed& posed) const;

    const std::vector<BoneInfo>& bones() const { return bones_; }
    int find_bone(const std::string& name) const;
    bool has_skin() const { return skin_rest_.vertices.size() > 0; }
    std::size_t triangle_count() const;
    core::Bounds rest_bounds() const { return rest_bounds_; }

private:
    BoneSet();
    using Coarse = std::shared_ptr<const std::vector<gfx::CoarseIndices>>;  // finest first
    struct JointMesh {
        int joint = -1;
        bool cartilage = false;
        std::shared_ptr<const core::MeshData> mesh;  // bone frame of `joint`
        std::shared_ptr<const std::vector<std::uint32_t>> ids;
        Coarse coarse;  // fewer triangles, for distant or small views
    };
    struct Disc {
        int lower = -1, upper = -1;       // joints on either side
        core::MeshData rest;              // bone frame of `lower`
        std::vector<float> upper_weight;  // per vertex: 0 moves with lower, 1 with upper
        std::vector<std::uint32_t> ids;
    };
    void finish(const anat::Skeleton& skeleton, std::vector<core::MeshData> per_joint_bone, std::vector<core::MeshData> per_joint_cart,
                std::vector<std::vector<std::uint32_t>> ids_bone, std::vector<std::vector<std::uint32_t>> ids_cart);
    // The key of a mesh: the joint meshes' by their place, a slot's discs and skin after them.
    std::uint64_t key(std::uint64_t local) const { return gfx::mesh_key(owner_, local); }
    static constexpr std::uint64_t slot_base = 1u << 16;
    std::vector<BoneInfo> bones_;
    std::vector<JointMesh> meshes_;
    std::vector<Disc> discs_;
    std::shared_ptr<const core::MeshData> disc_rest_;  // all discs at rest: their triangles
    std::shared_ptr<const std::vector<std::uint32_t>> disc_ids_;
    core::MeshData skin_rest_;  // world at rest
    std::shared_ptr<const core::MeshData> skin_shared_;
    std::vector<SkinWeight> skin_weights_;
    std::vector<glm::vec3> joint_rest_;
    Coarse skin_coarse_;  // the skin's coarser levels (same vertices, fewer triangles), deformed with it
    core::Bounds rest_bounds_;
    std::uint64_t owner_ = 0;     // gfx::new_mesh_owner
    std::uint64_t revision_ = 0;  // of the meshes that never change
};

}  // namespace scene
