// biomech/measures.hpp: spinopelvic and clinical angles measured on a posed skeleton, the way
// clinicians measure them (anatomy-data 3.1, 3.5).
//
// - Clinical pelvic tilt: the ASIS-PSIS line against the horizontal (inclinometer), anterior
//   positive (ASIS below PSIS). Typical 13 +/- 5 deg (Preece 2008).
// - Pelvic tilt (radiographic, PT): the line from the femoral-head axis to the S1 endplate's
//   midpoint against the vertical; positive when the hip axis lies in front of S1.
// - Sacral slope (SS): the S1 endplate against the horizontal.
// - Pelvic incidence (PI): morphological, constant; PI = PT + SS.
// - Lumbar lordosis (LL, L1-S1): the angle between the L1 superior and S1 endplates.
#pragma once

#include "anatomy/skeleton.hpp"

#include <span>
#include <vector>

namespace biomech {

struct SpinopelvicMeasures {
    float pelvic_tilt_clinical_deg = 0.0f;
    float pelvic_tilt_deg = 0.0f;
    float sacral_slope_deg = 0.0f;
    float pelvic_incidence_deg = 0.0f;
    float lumbar_lordosis_deg = 0.0f;
    float hip_flexion_deg = 0.0f;   // mean of both hips, relative to the pelvis
    float knee_flexion_deg = 0.0f;  // mean of both knees
};

// Needs the landmarks asis_*, psis_*, s1_endplate_anterior/posterior, femoral_head_center_*
// and the rig's L1 vertebra.
SpinopelvicMeasures measure(const anat::Skeleton& skeleton, const anat::Pose& pose, std::span<const core::Rigid> world_from_bone);

// One table of the spinopelvic measures: every consumer (the Posture panel, profiles, the CLI)
// iterates it, so a new measure is one entry here (and its computation in measure()).
struct MeasureInfo {
    const char* key;      // JSON key, a stable interface: "pelvic_tilt_clinical_deg"
    const char* label;    // "Pelvic tilt (ASIS-PSIS)"
    const char* sign;     // the sign convention in words: "forward tilt +"; empty if none
    const char* typical;  // "typical 13 +/- 5" with its basis, or empty
    const char* tooltip;  // how it is measured, in words
    float SpinopelvicMeasures::*value;
};
const std::vector<MeasureInfo>& measure_table();

// Typical band for the clinical tilt (Preece 2008: 13 +/- 5 deg; flag beyond about 2 SD).
struct TiltReading {
    const char* words;  // plain words, no diagnosis
    int level;          // -1 beyond 2 SD toward posterior, 0 typical, +1 beyond 2 SD anterior
};
TiltReading read_clinical_tilt(float tilt_deg);

}  // namespace biomech
