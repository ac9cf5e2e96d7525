#include "biomech/posture_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace biomech {

namespace {

using G = PostureGroup;

float normal_value(G g) { return is_strength_group(g) ? 100.0f : 0.0f; }

// The weighted misfit, each residual in its tolerance (a degree of tilt, two of lordosis), the
// tilt first: the pelvis is what the patient's picture is about, and in the model the lumbar
// curve follows the tilt, so where both cannot be met the tilt is matched and the curve reported.
// A small pull toward normal picks the least change among settings that fit equally well.
struct Cost {
    double misfit = 0.0, change = 0.0;
    double total() const { return misfit + 0.02 * change; }
};

Cost cost_of(const PostureResult& r, const PostureSettings& s, const FitTarget& t) {
    const double dt = (r.measures.pelvic_tilt_deg - t.pelvic_tilt_deg) / fit_tilt_tolerance_deg;
    const double dl = (r.measures.lumbar_lordosis_deg - t.lumbar_lordosis_deg) / fit_lordosis_tolerance_deg;
    double change = 0.0;
    for (G g : all_posture_groups) {
        const double d = (s[g] - normal_value(g)) / 10.0;  // in tens of slider points
        change += d * d;
    }
    return {10.0 * dt * dt + dl * dl, change};
}

}  // namespace

bool FitResult::reproduces() const {
    return std::abs(residual_pelvic_tilt_deg) <= fit_tilt_tolerance_deg && std::abs(residual_lumbar_lordosis_deg) <= fit_lordosis_tolerance_deg;
}

const std::vector<FitPattern>& fit_patterns() {
    static const std::vector<FitPattern> patterns = {
        {"tight_hip_flexors", "Tight hip flexors", {G::hip_flexors, G::rectus_femoris}},
        {"tight_back_extensors", "Tight back extensors", {G::back_extensors}},
        {"tight_hamstrings", "Tight hamstrings", {G::hamstrings}},
        {"weak_glutes_abdominals", "Little gluteal and abdominal pull", {G::glutes, G::abdominals}},
        {"lower_crossed",
         "Lower crossed pattern (tight hip flexors and back extensors, little gluteal and abdominal pull)",
         {G::hip_flexors, G::back_extensors, G::glutes, G::abdominals}},
        {"tight_hamstrings_abdominals", "Tight hamstrings with abdominal pull (flat back)", {G::hamstrings, G::abdominals, G::back_extensors}},
    };
    return patterns;
}

std::vector<FitResult> fit_posture(const PostureSolver& solver, const FitTarget& target) {
    const PostureSettings normal;
    const PostureResult start = solver.solve(normal);
    std::vector<FitResult> out;
    for (const auto& pattern : fit_patterns()) {
        FitResult best;
        best.pattern = &pattern;
        best.settings = normal;
        best.posture = start;
        Cost best_cost = cost_of(start, normal, target);
        // Compass search over the pattern's groups, within 0-100: try a step each way along each
        // group, keep any improvement, halve the step when none helps.
        float step = 32.0f;
        int solves = 1;
        while (step >= 0.5f) {
            bool improved = false;
            for (G g : pattern.groups)
                for (float sign : {1.0f, -1.0f}) {
                    PostureSettings trial = best.settings;
                    trial[g] = std::clamp(trial[g] + sign * step, 0.0f, 100.0f);
                    if (trial[g] == best.settings[g]) continue;
                    const PostureResult r = solver.solve(trial, &best.posture);
                    ++solves;
                    const Cost c = cost_of(r, trial, target);
                    if (c.total() < best_cost.total() - 1e-9) {
                        best_cost = c;
                        best.settings = trial;
                        best.posture = r;
                        improved = true;
                    }
                }
            if (!improved) step *= 0.5f;
        }
        best.solves = solves;
        best.residual_pelvic_tilt_deg = best.posture.measures.pelvic_tilt_deg - target.pelvic_tilt_deg;
        best.residual_lumbar_lordosis_deg = best.posture.measures.lumbar_lordosis_deg - target.lumbar_lordosis_deg;
        best.distance_from_normal = static_cast<float>(std::sqrt(best_cost.change) * 10.0);
        out.push_back(std::move(best));
    }
    std::stable_sort(out.begin(), out.end(), [&](const FitResult& a, const FitResult& b) {
        if (a.reproduces() != b.reproduces()) return a.reproduces();
        if (a.reproduces()) return a.distance_from_normal < b.distance_from_normal;
        return cost_of(a.posture, a.settings, target).misfit < cost_of(b.posture, b.settings, target).misfit;
    });
    return out;
}

std::string why_unreachable(const FitResult& c, const FitTarget& t) {
    char text[700];
    const float pt = c.posture.measures.pelvic_tilt_deg, ll = c.posture.measures.lumbar_lordosis_deg;
    std::string out;
    if (std::abs(c.residual_pelvic_tilt_deg) > fit_tilt_tolerance_deg) {
        std::snprintf(text, sizeof(text),
                      "the closest the model's muscles reach is a pelvic tilt of %.1f degrees (asked %.1f): within their range of tightness "
                      "and pull (0-100) they cannot tip this pelvis %s",
                      static_cast<double>(pt), static_cast<double>(t.pelvic_tilt_deg), t.pelvic_tilt_deg > pt ? "further back" : "further forward");
        out = text;
    }
    if (std::abs(c.residual_lumbar_lordosis_deg) > fit_lordosis_tolerance_deg) {
        std::snprintf(text, sizeof(text),
                      "%sat a pelvic tilt of %.1f degrees the model's lumbar curve is %.1f degrees (asked %.1f): the model keeps the trunk "
                      "upright, so the curve follows the pelvis about 1:1 (Levine & Whittle 1996) and cannot be set apart from the tilt",
                      out.empty() ? "" : "; and ", static_cast<double>(pt), static_cast<double>(ll), static_cast<double>(t.lumbar_lordosis_deg));
        out += text;
    }
    return out;
}

}  // namespace biomech
