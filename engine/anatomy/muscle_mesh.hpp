// anatomy/muscle_mesh.hpp: muscle geometry swept along the current paths: a fleshy belly with a
// tendon at each end, an elliptical cross-section sized from the physiological cross-section,
// bulging as the muscle shortens, with fibre coordinates in uv (x around, y along).
#pragma once

#include "anatomy/muscle_path.hpp"
#include "core/mesh.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace anat {

struct MuscleStyle {
    bool visible = true;
    glm::vec3 color{0.62f, 0.16f, 0.13f};  // belly colour (sRGB); tendons are drawn off-white
    std::uint32_t id = 0;                  // per-vertex id for picking (and highlight by id)
    std::uint32_t flags = 0;               // per-vertex flags (see gfx::vertex_flag_*)
};

// Axes the cross-sections orient around (flat muscles lie flat against the body): the trunk's
// midline and each limb segment, as world segments.
struct BodyAxes {
    std::vector<std::pair<glm::vec3, glm::vec3>> segments;
};
BodyAxes body_axes(const Skeleton& skeleton, std::span<const core::Rigid> world_from_bone);

// The roundest a belly is drawn: its radius over its line's length.
inline constexpr float max_belly_radius_per_length = 0.17f;

struct MuscleMeshSettings {
    int rings = 12;  // along the path
    int sides = 8;   // around the cross-section
};
// Close up (a view of the hip or the knee): smooth where the standard level shows facets. Every
// level holds the same volume (the bellies are sized on the standard one and the finer section,
// nearer its ellipse, is drawn a little slimmer).
inline constexpr MuscleMeshSettings close_up_muscles{24, 16};

// Appends every visible muscle's tube to `mesh` (ids appended to `ids`, one per vertex).
void build_muscle_mesh(const MuscleCatalogue& catalogue, const MusclePaths& paths, std::span<const MuscleStyle> styles, const BodyAxes& axes,
                       const MuscleMeshSettings& settings, core::MeshData& mesh, std::vector<std::uint32_t>& ids);

}  // namespace anat
