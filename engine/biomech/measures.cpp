#include "biomech/measures.hpp"

#include "anatomy/coordinates.hpp"
#include "biomech/radiograph.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace biomech {

namespace {
glm::vec3 landmark(const anat::Skeleton& s, std::span<const core::Rigid> world, const char* name) {
    const int l = s.find_landmark(name);
    ANATOMY_ASSERT(l >= 0, std::string("the rig has no landmark ") + name);
    const anat::Landmark& lm = s.landmarks[static_cast<std::size_t>(l)];
    return world[static_cast<std::size_t>(lm.joint)].apply(lm.position);
}
}  // namespace

SpinopelvicMeasures measure(const anat::Skeleton& s, const anat::Pose& pose, std::span<const core::Rigid> world) {
    SpinopelvicMeasures m;
    // The pelvic angles by the same code that measures a patient's radiograph, in the sagittal
    // plane (z anterior, y up).
    auto sagittal = [](const glm::vec3& v) { return glm::vec2(v.z, v.y); };
    SagittalLandmarks points;
    points.asis = sagittal((landmark(s, world, "asis_r") + landmark(s, world, "asis_l")) * 0.5f);
    points.psis = sagittal((landmark(s, world, "psis_r") + landmark(s, world, "psis_l")) * 0.5f);
    points.s1_anterior = sagittal(landmark(s, world, "s1_endplate_anterior"));
    points.s1_posterior = sagittal(landmark(s, world, "s1_endplate_posterior"));
    points.femoral_head_r = sagittal(landmark(s, world, "femoral_head_center_r"));
    points.femoral_head_l = sagittal(landmark(s, world, "femoral_head_center_l"));
    const LandmarkMeasures pelvic = measure_landmarks(points);
    m.pelvic_tilt_clinical_deg = *pelvic.pelvic_tilt_clinical_deg;
    m.sacral_slope_deg = *pelvic.sacral_slope_deg;
    m.pelvic_tilt_deg = *pelvic.pelvic_tilt_deg;
    m.pelvic_incidence_deg = *pelvic.pelvic_incidence_deg;

    // LL: L1 superior endplate against the S1 endplate (lordosis positive).
    const anat::Vertebra* l1 = nullptr;
    for (const auto& v : s.vertebrae)
        if (v.name == "L1") l1 = &v;
    ANATOMY_ASSERT(l1 != nullptr, "the rig has no L1");
    const glm::vec3 l1_normal = world[static_cast<std::size_t>(l1->joint)].apply_dir(l1->superior_normal);
    const glm::vec3 s1_normal = world[0].apply_dir(s.s1_normal);
    // Signed: lordosis when the L1 normal tilts posteriorly relative to S1's.
    const float a_l1 = std::atan2(l1_normal.z, l1_normal.y), a_s1 = std::atan2(s1_normal.z, s1_normal.y);
    m.lumbar_lordosis_deg = core::rad_to_deg(a_s1 - a_l1);

    const anat::RigIndex ix(s);
    m.hip_flexion_deg = core::rad_to_deg(0.5f * (anat::sagittal_angle(pose.local[static_cast<std::size_t>(ix.hip[0])]) +
                                                 anat::sagittal_angle(pose.local[static_cast<std::size_t>(ix.hip[1])])));
    m.knee_flexion_deg = -core::rad_to_deg(0.5f * (anat::sagittal_angle(pose.local[static_cast<std::size_t>(ix.knee[0])]) +
                                                   anat::sagittal_angle(pose.local[static_cast<std::size_t>(ix.knee[1])])));
    return m;
}

const std::vector<MeasureInfo>& measure_table() {
    // Typical values: Preece 2008 (dry pelves, ASIS-PSIS), Mac-Thiong 2011 (mean +/- 2 SD ranges of
    // PT, SS, PI in 709 adults), standing lordosis 50 +/- 11 (627 volunteers); anatomy-data 3.2, 3.5.
    static const std::vector<MeasureInfo> table = {
        {"pelvic_tilt_clinical_deg", "Pelvic tilt (ASIS-PSIS)", "forward tilt +", "typical 13 +/- 5",
         "The line from the ASIS to the PSIS against the horizontal, as an inclinometer reads it.\nForward (anterior) tilt is positive. "
         "Typical 13 +/- 5 degrees, measured in dry pelves (Preece 2008).",
         &SpinopelvicMeasures::pelvic_tilt_clinical_deg},
        {"pelvic_tilt_deg", "Pelvic tilt (PT)", "backward tilt +", "typical 0 to 27",
         "Radiographic: the line from the femoral heads to the middle of the S1 endplate, against the vertical.\nIt rises when the "
         "pelvis tips backward: the opposite sign to the ASIS-PSIS tilt.",
         &SpinopelvicMeasures::pelvic_tilt_deg},
        {"sacral_slope_deg", "Sacral slope (SS)", "", "typical 24 to 55", "The S1 endplate against the horizontal.",
         &SpinopelvicMeasures::sacral_slope_deg},
        {"pelvic_incidence_deg", "Pelvic incidence (PI)", "", "typical 32 to 74",
         "Fixed by the shape of the pelvis: it does not change with posture. PI = PT + SS.", &SpinopelvicMeasures::pelvic_incidence_deg},
        {"lumbar_lordosis_deg", "Lumbar lordosis (L1-S1)", "curve +", "typical 50 +/- 11",
         "The angle between the L1 and S1 endplates; a hollow low back is positive.", &SpinopelvicMeasures::lumbar_lordosis_deg},
        {"hip_flexion_deg", "Hip flexion", "thigh forward +", "", "Thigh relative to the pelvis; standing with a forward tilt flexes the hips.",
         &SpinopelvicMeasures::hip_flexion_deg},
        {"knee_flexion_deg", "Knee flexion", "bent +", "", "Shank relative to the thigh.", &SpinopelvicMeasures::knee_flexion_deg},
    };
    return table;
}

TiltReading read_clinical_tilt(float t) {
    // Preece 2008: 13 +/- 5 deg across dry pelves; no validated cut-off exists (anatomy-data 3.5).
    // Only beyond about 2 SD is a reading flagged, and never as a fault: anterior tilt is the norm
    // in pain-free people (Herrington 2011; clinical review A3).
    if (t > 23.0f) return {"outside the typical range: more forward tilt than most (a forward tilt itself is typical)", 1};
    if (t >= 3.0f) return {"within the typical range (a forward tilt like this is typical)", 0};
    return {"outside the typical range: less forward tilt than most", -1};
}

}  // namespace biomech
