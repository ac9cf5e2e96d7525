// biomech/radiograph.hpp: the spinopelvic angles from points placed on a lateral radiograph or
// photo, by the definitions the model's own measures use (biomech/measures.hpp, anatomy-data
// 3.1): a patient's numbers and the model's mean the same thing and carry the same signs.
//
// Points are in the patient's sagittal plane, x anterior and y up (any unit: pixels will do).
// Any subset of points is accepted; a measure is computed when its points are all present:
//   sacral slope            s1_anterior, s1_posterior
//   pelvic tilt, incidence  s1_anterior, s1_posterior, femoral_head_r, femoral_head_l (the hip
//                           axis is the midpoint of the two heads)
//   lumbar lordosis (L1-S1) s1_anterior, s1_posterior, l1_anterior, l1_posterior
//   ASIS-PSIS tilt          asis, psis
#pragma once

#include <glm/vec2.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace biomech {

struct SagittalLandmarks {
    std::optional<glm::vec2> s1_anterior, s1_posterior;       // corners of the S1 superior endplate
    std::optional<glm::vec2> femoral_head_r, femoral_head_l;  // centres of the femoral heads
    std::optional<glm::vec2> l1_anterior, l1_posterior;       // corners of the L1 superior endplate
    std::optional<glm::vec2> asis, psis;                      // skin markers on a photo, or the bony points
};

struct LandmarkMeasures {
    std::optional<float> pelvic_incidence_deg, pelvic_tilt_deg, sacral_slope_deg, lumbar_lordosis_deg, pelvic_tilt_clinical_deg;
    // By the JSON key of measure_table() ("sacral_slope_deg"); empty for another key.
    std::optional<float> get(std::string_view key) const;
};

// Throws core::Error when two points that must differ coincide (the two corners of an endplate,
// the ASIS and the PSIS, a femoral head on the S1 midpoint): they give no line, so no angle.
LandmarkMeasures measure_landmarks(const SagittalLandmarks& points);

// For a standing patient's image: throws core::Error when an anterior point lies behind its
// posterior partner (S1 or L1 corners, ASIS and PSIS), which means the image's facing was given the
// wrong way round or two points were swapped. (Not for a body lying down: there "behind" is not
// horizontal.)
void check_upright_facing(const SagittalLandmarks& points);

// For each measure the points do not define, its key and the points it still needs:
// "sacral_slope_deg (needs s1_anterior, s1_posterior)".
std::vector<std::string> undefined_measures(const SagittalLandmarks& points);

}  // namespace biomech
