// The inverse posture solve (issue 23): postures the model can stand in are found again, with the
// least change from normal; postures it cannot reach are reported with the reason.
#include "anatomy/skeleton_builder.hpp"
#include "biomech/posture_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace {

struct Body {
    anat::Skeleton skeleton;
    anat::MuscleCatalogue catalogue;
    std::unique_ptr<biomech::PostureSolver> solver;
    explicit Body(float pelvic_incidence_deg)
        : skeleton(anat::build_default_skeleton({1.75f, pelvic_incidence_deg})),
          catalogue(anat::load_default_muscle_catalogue(skeleton)),
          solver(std::make_unique<biomech::PostureSolver>(skeleton, catalogue)) {}
};

float distance_from_normal(const biomech::PostureSettings& s) {
    const biomech::PostureSettings normal;
    double sum = 0.0;
    for (auto g : biomech::all_posture_groups) sum += std::pow((s[g] - normal[g]) / 10.0, 2.0);
    return static_cast<float>(std::sqrt(sum) * 10.0);
}

}  // namespace

TEST(PostureFit, PosturesTheModelStandsInAreFoundAgainWithNoMoreChange) {
    // Targets made by the forward solve are reachable by construction: over incidences 35-75 and
    // patterns that tip the pelvis both ways, the fit reproduces each, changing no more than the
    // settings that made it.
    using G = biomech::PostureGroup;
    int checked = 0;
    for (float pi : {35.0f, 52.0f, 75.0f}) {
        const Body body(pi);
        for (const auto& [group, value] : std::vector<std::pair<G, float>>{
                 {G::hip_flexors, 70.0f}, {G::hamstrings, 80.0f}, {G::back_extensors, 50.0f}, {G::abdominals, 20.0f}, {G::glutes, 40.0f}}) {
            biomech::PostureSettings made;
            made[group] = value;
            const auto r = body.solver->solve(made);
            const biomech::FitTarget target{r.measures.pelvic_tilt_deg, r.measures.lumbar_lordosis_deg};
            const auto fits = biomech::fit_posture(*body.solver, target);
            ASSERT_FALSE(fits.empty());
            const auto& best = fits.front();
            EXPECT_TRUE(best.reproduces()) << "PI " << pi << ", " << biomech::posture_group_id(group) << " " << value << ": residuals "
                                           << best.residual_pelvic_tilt_deg << ", " << best.residual_lumbar_lordosis_deg;
            EXPECT_LE(std::abs(best.posture.measures.pelvic_tilt_deg - target.pelvic_tilt_deg), biomech::fit_tilt_tolerance_deg);
            EXPECT_LE(std::abs(best.posture.measures.lumbar_lordosis_deg - target.lumbar_lordosis_deg), biomech::fit_lordosis_tolerance_deg);
            EXPECT_LE(best.distance_from_normal, distance_from_normal(made) + 1.0f) << "PI " << pi << ": more change than needed";
            ++checked;
        }
    }
    EXPECT_EQ(checked, 15);
}

TEST(PostureFit, EveryChangeInTheBestFitIsNeeded) {
    // Undoing part of any change (4 slider points back toward normal) fits the target worse.
    const Body body(58.0f);
    const biomech::FitTarget target{8.0f, 62.0f};
    const auto best = biomech::fit_posture(*body.solver, target).front();
    ASSERT_TRUE(best.reproduces());
    const biomech::PostureSettings normal;
    auto misfit = [&](const biomech::PostureResult& r) {
        return 10.0 * std::pow(r.measures.pelvic_tilt_deg - target.pelvic_tilt_deg, 2.0) +
               std::pow((r.measures.lumbar_lordosis_deg - target.lumbar_lordosis_deg) / 2.0, 2.0);
    };
    int changed = 0;
    for (auto g : biomech::all_posture_groups) {
        if (std::abs(best.settings[g] - normal[g]) < 4.0f) continue;
        biomech::PostureSettings less = best.settings;
        less[g] += normal[g] > less[g] ? 4.0f : -4.0f;
        EXPECT_GT(misfit(body.solver->solve(less)), misfit(best.posture)) << biomech::posture_group_id(g) << " could be nearer normal";
        ++changed;
    }
    EXPECT_GE(changed, 1) << "a forward tilt of 8 with PI 58 (normal 14.5) needs some change";
}

TEST(PostureFit, APostureOutOfReachIsReportedWithTheReason) {
    const Body body(55.0f);
    const biomech::FitTarget target{30.0f, 30.0f};  // far more backward tilt than the muscles can give
    const auto fits = biomech::fit_posture(*body.solver, target);
    const auto& closest = fits.front();
    EXPECT_FALSE(closest.reproduces());
    EXPECT_LT(closest.posture.measures.pelvic_tilt_deg, 29.0f);
    const std::string why = biomech::why_unreachable(closest, target);
    EXPECT_NE(why.find("further back"), std::string::npos) << why;
    EXPECT_NE(why.find("follows the pelvis"), std::string::npos) << why;
    // The tilt comes first: the closest fit goes as far back as the muscles allow.
    for (const auto& f : fits) EXPECT_LE(f.posture.measures.pelvic_tilt_deg, closest.posture.measures.pelvic_tilt_deg + 0.5f) << f.pattern->id;
}
