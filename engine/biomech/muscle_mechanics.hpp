// biomech/muscle_mechanics.hpp: per-muscle mechanics for the current pose.
//
// - Musculotendon length and its change from neutral standing.
// - Relative elongation toward a normal end range: 0 at neutral standing, 1 at the muscle's
//   end-range length (anatomy-data 1.6 caveat: a display measure, not a fibre strain).
// - Passive fibre force from Thelen's curve (anatomy-data 2.1) with a rigid tendon and a
//   constant-thickness pennation model. Tightness shortens the fibres' rest (optimal) length, so
//   the same pose stretches them further. (Shortening the tendon too would make tendon-heavy
//   muscles such as the gastrocnemius explode: their tendons are four to six times their fibres.)
#pragma once

#include "anatomy/muscle_catalogue.hpp"

#include <span>

namespace biomech {

// Thelen 2003 passive force-length, normalised to F_max: 0 below l_norm = 1, at most 1 (F_max,
// reached at l_norm = 1 + e0).
float thelen_passive(float fibre_length_norm, float k_pe, float e0);

// The fibre rest-length shortening that tightness 1 (100 %) stands for: 25 % of l_opt.
inline constexpr float max_shortening = 0.25f;

struct MuscleState {
    float length_m = 0.0f;
    float change_m = 0.0f;             // length - neutral length
    float relative_elongation = 0.0f;  // 0 neutral, 1 normal end range (may go below 0 or above 1)
    float fibre_length_norm = 0.0f;    // l_M / l_opt (with tightness applied)
    float passive_force_n = 0.0f;
    float passive_force_norm = 0.0f;  // passive force / F_max
};

// `tightness` 0..1 shortens the fibres' rest length by tightness * max_shortening.
MuscleState muscle_state(const anat::Muscle& muscle, float length_m, float tightness, const anat::MuscleCatalogue& catalogue);

// Fibre length (m) for a musculotendon length with a rigid tendon and fixed-width pennation.
float fibre_length(const anat::MuscleParams& p, float length_m);

// Passive energy (J) stored in a muscle's fibres at a musculotendon length: F_max * l_opt times
// the integral of thelen_passive() from 1 to l_M / l_opt (linear beyond the curve's cap), with
// tightness shortening the fibres' rest length as in muscle_state().
double passive_energy_j(const anat::Muscle& muscle, double length_m, float tightness, const anat::MuscleCatalogue& catalogue);

}  // namespace biomech
