// biomech/posture_fit.hpp: the inverse of the posture solve. Given a patient's measured pelvic
// tilt and lumbar lordosis (on a body built with the patient's pelvic incidence), find the muscle
// settings closest to normal that make the model stand that way, for several patterns of muscles
// (issue 23). Several patterns can give the same posture: the result is what COULD produce it in
// the model, never a diagnosis.
#pragma once

#include "biomech/posture.hpp"

#include <string>
#include <vector>

namespace biomech {

struct FitTarget {
    float pelvic_tilt_deg = 12.0f;      // radiographic PT, backward tilt positive
    float lumbar_lordosis_deg = 50.0f;  // L1-S1, a hollow back positive
};

// How close counts as reproduced: the tilt within 1 degree, the lordosis within 2.
inline constexpr float fit_tilt_tolerance_deg = 1.0f;
inline constexpr float fit_lordosis_tolerance_deg = 2.0f;

// A pattern: the posture groups allowed to move away from normal, and its name in words.
struct FitPattern {
    std::string id;    // "tight_hip_flexors"
    std::string name;  // "Tight hip flexors"
    std::vector<PostureGroup> groups;
};
const std::vector<FitPattern>& fit_patterns();

struct FitResult {
    const FitPattern* pattern = nullptr;
    PostureSettings settings;
    PostureResult posture;
    float residual_pelvic_tilt_deg = 0.0f;      // solved minus target
    float residual_lumbar_lordosis_deg = 0.0f;  // solved minus target
    float distance_from_normal = 0.0f;          // root of the summed squared changes, 0-100 scale
    int solves = 0;
    bool reproduces() const;  // both residuals within tolerance
};

// Every pattern fitted, best first: those that reproduce the target before those that do not,
// then the closest to normal (reproducing) or the smallest residual (not). `solver` must be built
// on a skeleton with the patient's pelvic incidence.
std::vector<FitResult> fit_posture(const PostureSolver& solver, const FitTarget& target);

// Why a target the model cannot reach is out of reach, in words, from the closest fit.
std::string why_unreachable(const FitResult& closest, const FitTarget& target);

}  // namespace biomech
