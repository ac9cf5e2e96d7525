#include "biomech/muscle_mechanics.hpp"

#include <algorithm>
#include <cmath>

namespace biomech {

float thelen_passive(float l, float k, float e0) {
    if (!(l > 1.0f)) return 0.0f;  // OpenSim clamps the curve at zero below optimal length
    // Capped at F_max (l = 1 + e0): a passive pull beyond the muscle's strength is past what a
    // person tolerates in a stretch, and the exponential would run away in solvers and colours.
    const float capped = std::min(l, 1.0f + e0);
    return (std::exp(k * (capped - 1.0f) / e0) - 1.0f) / (std::exp(k) - 1.0f);
}

float fibre_length(const anat::MuscleParams& p, float length_m) {
    const float along = std::max(length_m - p.l_ts_m, 0.0f);    // fibre projected on the line of action
    const float width = p.l_opt_m * std::sin(p.pennation_rad);  // constant muscle thickness
    return std::sqrt(along * along + width * width);
}

MuscleState muscle_state(const anat::Muscle& m, float length_m, float tightness, const anat::MuscleCatalogue& c) {
    MuscleState s;
    s.length_m = length_m;
    s.change_m = length_m - m.neutral_length_m;
    const float span = m.end_length_m - m.neutral_length_m;
    // Muscles whose neutral standing is already their end range (e.g. the short head of biceps
    // femoris) get a floor on the span so the measure stays finite and meaningful.
    const float min_span = 0.03f * m.neutral_length_m;
    s.relative_elongation = s.change_m / (std::abs(span) < min_span ? min_span : span);
    const float rest_scale = 1.0f - std::clamp(tightness, 0.0f, 1.0f) * max_shortening;
    const float lm = fibre_length(m.params, length_m);
    s.fibre_length_norm = lm / (m.params.l_opt_m * rest_scale);
    s.passive_force_norm = thelen_passive(s.fibre_length_norm, c.passive_k, c.passive_e0);
    // The fibre force acts along the fibres; the tendon carries its component along the line.
    const float cos_pennation = lm > 0.0f ? std::max(length_m - m.params.l_ts_m, 0.0f) / lm : 1.0f;
    s.passive_force_n = s.passive_force_norm * m.params.f_max_n * cos_pennation;
    return s;
}

double passive_energy_j(const anat::Muscle& m, double length_m, float tightness, const anat::MuscleCatalogue& c) {
    const double rest_scale = 1.0 - static_cast<double>(std::clamp(tightness, 0.0f, 1.0f) * max_shortening);
    const double l_opt = static_cast<double>(m.params.l_opt_m) * rest_scale;
    const double l = static_cast<double>(fibre_length(m.params, static_cast<float>(length_m))) / l_opt;
    if (!(l > 1.0)) return 0.0;
    const double k = c.passive_k, e0 = c.passive_e0;
    const double cap = 1.0 + e0;  // as thelen_passive(): the force stays at F_max beyond
    const double denom = std::exp(k) - 1.0;
    auto integral = [&](double x) { return ((e0 / k) * (std::exp(k * (x - 1.0) / e0) - 1.0) - (x - 1.0)) / denom; };
    double e = integral(std::min(l, cap));
    if (l > cap) e += (std::exp(k * (cap - 1.0) / e0) - 1.0) / denom * (l - cap);
    return e * static_cast<double>(m.params.f_max_n) * l_opt;
}

}  // namespace biomech
