// anatomy/muscle_path.hpp: a muscle's path in the world for a posed skeleton.
#pragma once

#include "anatomy/muscle_catalogue.hpp"

#include <span>
#include <vector>

namespace anat {

// Appends nothing; replaces `out` with the active path points in world coordinates, origin first.
void muscle_path(const Muscle& muscle, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords, std::vector<glm::vec3>& out);

float polyline_length(std::span<const glm::vec3> points);
// The point at fraction t (0..1) of the way along a polyline.
glm::vec3 point_along(std::span<const glm::vec3> points, float t);

// Musculotendon length (metres) in the given pose.
float muscle_length(const Muscle& muscle, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords);

// Convenience: the length in a pose made from clinical coordinates.
float muscle_length(const Muscle& muscle, const Skeleton& skeleton, const Coordinates& coordinates);

// All paths of a catalogue for one pose, stored flat (one allocation per frame at most).
struct MusclePaths {
    std::vector<glm::vec3> points;     // every muscle's points, back to back
    std::vector<std::uint32_t> first;  // first point of muscle i; first[i + 1] ends it
    std::vector<float> length_m;

    std::span<const glm::vec3> path(std::size_t i) const { return {points.data() + first[i], points.data() + first[i + 1]}; }
};
void evaluate_paths(const MuscleCatalogue& catalogue, std::span<const core::Rigid> world_from_bone, const PathCoordinates& coords, MusclePaths& out);

}  // namespace anat
