// scene/bone_set.hpp: the skeleton's meshes on the GPU, grouped by the joint that carries them
// (one draw per joint and material instead of one per bone), with per-vertex bone ids for
// picking; the lumbar discs and the skin deform with the pose on the CPU.
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

    // Deforms the discs and the skin for the pose (world_from_bone from forward kinematics).
    void update(std::span<const core::Rigid> world_from_bone, bool skin_visible);

    // `id_base`: picking ids are id_base + bone index. `highlight_bone`: -1 for none.
    // `hide_arms`: the arm bones (humerus to fingers) are not drawn or picked.
    void append_bone_items(std::vector<gfx::DrawItem>& out, std::span<const core::Rigid> world_from_bone, float opacity, std::uint32_t id_base,
                           int highlight_bone, bool hide_arms = false) const;
    void append_skin_item(std::vector<gfx::DrawItem>& out, float opacity) const;
    // The body outline as an opaque shadow caster (empty when there is no skin mesh).
    void append_shadow_caster(std::vector<gfx::DrawItem>& out) const;

    const std::vector<BoneInfo>& bones() const { return bones_; }
    int find_bone(const std::string& name) const;
    bool has_skin() const { return skin_rest_.vertices.size() > 0; }
    std::size_t triangle_count() const;
    core::Bounds rest_bounds() const { return rest_bounds_; }

private:
    BoneSet() = default;
    // A coarser level of detail (fewer triangles over the full mesh's vertex buffers) and how far
    // it strays from the full mesh. Declared after the full mesh it draws, so destroyed first.
    struct CoarseLevel {
        std::unique_ptr<gfx::GpuMesh> mesh;
        float error_m = 0.0f;
    };
    using CoarseLevels = std::array<CoarseLevel, gfx::coarse_levels>;  // finest first
    static std::array<gfx::CoarseLevel, gfx::coarse_levels> levels_of(const CoarseLevels& levels);
    struct JointMesh {
        int joint = -1;
        bool cartilage = false;
        std::unique_ptr<gfx::GpuMesh> mesh;
        CoarseLevels coarse;  // fewer triangles, for distant or small views
    };
    struct Disc {
        int lower = -1, upper = -1;       // joints on either side
        core::MeshData rest;              // bone frame of `lower`
        std::vector<float> upper_weight;  // per vertex: 0 moves with lower, 1 with upper
        std::vector<std::uint32_t> ids;
    };
    void finish(const anat::Skeleton& skeleton, std::vector<core::MeshData> per_joint_bone, std::vector<core::MeshData> per_joint_cart,
                std::vector<std::vector<std::uint32_t>> ids_bone, std::vector<std::vector<std::uint32_t>> ids_cart);
    std::vector<BoneInfo> bones_;
    std::vector<JointMesh> meshes_;
    std::vector<Disc> discs_;
    std::unique_ptr<gfx::GpuMesh> disc_mesh_;
    core::MeshData disc_frame_;
    std::vector<std::uint32_t> disc_ids_;
    core::MeshData skin_rest_;  // world at rest
    std::vector<SkinWeight> skin_weights_;
    std::vector<glm::vec3> joint_rest_;
    std::unique_ptr<gfx::GpuMesh> skin_mesh_;
    core::MeshData skin_frame_;
    // The skin's coarser levels of detail (same vertices, fewer triangles), deformed with it.
    CoarseLevels skin_coarse_;
    core::Bounds rest_bounds_;
};

}  // namespace scene
