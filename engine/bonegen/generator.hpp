// bonegen/generator.hpp: the whole procedural skeleton, from a rig to meshes and a node layout.
//
// The layout (what bake-skeleton writes as GLB and the app loads):
//
//   skeleton                              root, identity
//     <joint>                             one node per rig joint, nested like the rig;
//                                         translation = joint.rest_offset, no rotation
//       <bone>                            a bone mesh (identity; vertices in that joint's bone frame)
//       disc_<upper>_<lower>              a disc, under the joint of its LOWER vertebra
//                                         (disc_l5_s1 under pelvis)
//       landmark:<name>                   an empty node at the landmark (translation only)
//       skin                              the body silhouette, under pelvis only
//
// Bone names are snake_case with a side suffix (_r, _l): hip_bone_r, femur_l, vertebra_l3,
// rib_7_r, costal_cartilage_7_r, metacarpal_2_l, finger_2_middle_r, toe_1_l, ... (parts.hpp and the
// builders list them). Vertex colour: RGB is the tissue (bone ivory, cartilage blue-white, skin),
// alpha is baked ambient occlusion (255 = open).
//
// Deterministic: the same skeleton and options give the same meshes, bit for bit, whatever the
// number of threads (each mesh is made by one thread from immutable inputs).
#pragma once

#include "anatomy/skeleton.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "core/mesh.hpp"

#include <string>
#include <vector>

namespace bonegen {

enum class Detail {
    coarse,    // for tests: a third coarser lattice, 60 % of the triangles
    standard,  // the app's default: at most 60 k triangles for the skeleton (skin excluded)
    fine,      // for snapshots: at most 300 k
};

struct Options {
    Detail detail = Detail::standard;
    int threads = 0;                // 0: one per hardware thread (at most 8)
    bool skin = true;               // make the body silhouette
    std::vector<std::string> only;  // if not empty: make only these parts (names) - a debugging aid
};

struct AssetNode {
    std::string name;
    int parent = -1;              // index into SkeletonAsset::nodes (parent before child)
    glm::vec3 translation{0.0f};  // in the parent's frame
    std::vector<int> meshes;      // indices into SkeletonAsset::meshes
};

// What was made and what to tell the user.
struct Report {
    double seconds = 0.0;
    std::size_t skeleton_triangles = 0;  // skin excluded
    std::size_t skin_triangles = 0;
    std::vector<std::string> warnings;  // e.g. landmarks deep inside their bone
    struct Region {
        std::string name;
        std::size_t triangles = 0;
    };
    std::vector<Region> regions;  // triangle counts by region (pelvis, spine, thorax, ...)
    struct LandmarkFit {
        std::string name, bone;
        bool surface = true;
        float distance_m = 0.0f;
        bool inside = false;
    };
    std::vector<LandmarkFit> landmarks;  // each landmark against its bone's finished mesh
    struct PartTiming {
        std::string name;
        std::size_t raw_triangles = 0;
        double seconds = 0.0;
    };
    std::vector<PartTiming> parts;  // extraction and simplification, per generated part
};

struct SkeletonAsset {
    std::vector<core::MeshData> meshes;  // each in its joint's bone frame
    std::vector<AssetNode> nodes;        // nodes[0] is "skeleton"
    Report report;
};

SkeletonAsset generate_skeleton(const anat::Skeleton& skeleton, const Options& options = {});

// The rig the bake uses: the parametric skeleton plus a landmark at every muscle origin and
// insertion of the catalogue (assets/muscles/muscles.json), named <muscle>_origin_<side> and
// <muscle>_insertion_<side>.
anat::Skeleton skeleton_for_bake(const anat::SkeletonParams& params);

// Geometry queries on a finished mesh (used for the landmark report and by tests).
float distance_to_mesh(const std::vector<core::Vertex>& vertices, const std::vector<std::uint32_t>& indices, const glm::vec3& p);
bool point_inside_mesh(const std::vector<core::Vertex>& vertices, const std::vector<std::uint32_t>& indices, const glm::vec3& p);

// Colours (sRGB, 0-255).
inline constexpr glm::u8vec3 bone_rgb{232, 222, 196};
inline constexpr glm::u8vec3 cartilage_rgb{196, 212, 222};
inline constexpr glm::u8vec3 skin_rgb{226, 190, 166};

}  // namespace bonegen
