// scene/landmarks.hpp: a landmarks file, the points a clinician placed on a lateral radiograph or
// photo (format "anatomy-landmarks-1", a stable interface; README "Measure a radiograph"):
//
//   {"format": "anatomy-landmarks-1", "image": "lateral.png", "facing": "left",
//    "points_px": {"s1_anterior": [x, y], "s1_posterior": [x, y], "femoral_head_r": [x, y], ...}}
//
// Pixel coordinates, x to the right, y down; `facing` is the side the patient's face points to
// in the image. Any subset of the eight points is valid (biomech/radiograph.hpp says which
// measures each needs).
#pragma once

#include "biomech/radiograph.hpp"
#include "core/json.hpp"

#include <glm/vec2.hpp>

#include <map>
#include <string>
#include <vector>

namespace scene {

inline constexpr const char* landmarks_format = "anatomy-landmarks-1";

struct LandmarksFile {
    std::string image;  // the image's path as written (relative to the landmarks file)
    enum class Facing { left, right } facing = Facing::right;
    std::map<std::string, glm::dvec2> points_px;
};

// The eight point names, in the order the file documents them.
const std::vector<std::string>& landmark_names();

// Reads "image", "facing" and "points_px" from an object (a landmarks file's root, or a profile's
// "radiograph"), recording each problem on the node's reader.
LandmarksFile read_landmarks(const core::JsonNode& node);

// Throws core::Error naming `file` and every problem: not JSON, another format, a missing or
// unknown field, an unknown point name, a point named twice, a point that is not two finite
// numbers.
LandmarksFile parse_landmarks(const std::string& text, const std::string& file);

// Throws core::Error naming `file` and each point outside a `width` x `height` image.
void check_points_inside(const LandmarksFile& landmarks, int width, int height, const std::string& file);

// The points in the patient's sagittal plane: x anterior (toward the face), y up, in pixels.
biomech::SagittalLandmarks to_sagittal(const LandmarksFile& landmarks);

}  // namespace scene
