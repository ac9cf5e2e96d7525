// scene/landmarks.hpp: a landmarks file, the points a clinician placed on a lateral radiograph or
// photo (format "anatomy-landmarks-1", a stable interface; README "Measure a radiograph"):
//
//   {"format": "anatomy-landmarks-1", "image": "lateral.png", "facing": "left",
//    "points_px": {"s1_anterior": [x, y], "s1_posterior": [x, y], "femoral_head_r": [x, y], ...}}
//
// Pixel coordinates, x to the right, y down; `facing` is the side the patient's face points to
// in the image. Any subset of the eight points is valid (biomech/radiograph.hpp says which
// measures each needs).
//
// Optional, for showing the image behind the model at the right size: two more points,
// "scale_a" and "scale_b" in points_px, the ends of a known length, and that length beside them
// as "scale_length_mm" (a ruler or calibration ball on the image, or a femoral head's diameter).
#pragma once

#include "anatomy/skeleton.hpp"
#include "biomech/radiograph.hpp"
#include "core/json.hpp"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace scene {

inline constexpr const char* landmarks_format = "anatomy-landmarks-1";

struct LandmarksFile {
    std::string image;  // the image's path as written (relative to the landmarks file)
    enum class Facing { left, right } facing = Facing::right;
    std::map<std::string, glm::dvec2> points_px;
    std::optional<double> scale_length_mm;  // between points_px "scale_a" and "scale_b"
    bool operator==(const LandmarksFile&) const = default;
};

// The eight point names, in the order the file documents them.
const std::vector<std::string>& landmark_names();

// The two points that mark a known length ("scale_a", "scale_b").
const std::vector<std::string>& scale_point_names();

// Reads "image", "facing", "points_px" and "scale_length_mm" from an object (a landmarks file's root, or a profile's
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

// [SECTION] The image behind the model

// The model's points that an image is laid against, in world space (metres; z anterior, y up):
// the hip axis (the femoral heads' midpoint), the S1 endplate's midpoint, the ASIS-PSIS midpoint.
struct UnderlayAnchors {
    std::optional<glm::vec3> hip_axis, s1_mid, pelvis_mid;
};

// The model's anchors in its current pose (every landmark the skeleton has).
UnderlayAnchors model_anchors(const anat::Skeleton& skeleton, std::span<const core::Rigid> world_from_bone);

// Where a lateral image lies behind the model: in the sagittal plane through the anchor, the
// patient's anterior along +z and up along +y, so that the image's hip axis (else S1, else the
// ASIS-PSIS midpoint) lies on the model's and a millimetre on the patient is a millimetre on the
// model. The scale comes from the known length when one is marked, else from the hip axis to S1
// distance matched to the model's.
struct UnderlayPlacement {
    std::array<glm::vec3, 4> corners;  // the image's top-left, top-right, bottom-right, bottom-left
    double metres_per_px = 0.0;
    std::string scale_from;  // in words: "the known length (46 mm)", ...
    std::string anchor;      // "the hip axis", ...
};
// Empty, with the reason in `why`, when the points give no scale or no anchor.
std::optional<UnderlayPlacement> place_underlay(const LandmarksFile& landmarks, glm::dvec2 image_size_px, const UnderlayAnchors& model,
                                                std::string* why);

}  // namespace scene
