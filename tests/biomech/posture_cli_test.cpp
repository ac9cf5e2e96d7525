// The posture command: options, exit codes and the JSON keys other tools rely on.
#include "run_anatomy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>

namespace {
CliResult run(const std::string& args) { return run_anatomy(args, false); }
}  // namespace

TEST(PostureCli, JsonHasTheDocumentedKeys) {
    const auto r = run("posture --preset tight_hip_flexors --set abdominals=50 --json");
    ASSERT_EQ(r.code, 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"pelvic_tilt_clinical_deg", "pelvic_tilt_deg", "sacral_slope_deg", "pelvic_incidence_deg", "lumbar_lordosis_deg",
                            "hip_flexion_deg", "converged", "muscles"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_TRUE(j["converged"].get<bool>());
    EXPECT_NEAR(j["pelvic_incidence_deg"].get<double>(), j["pelvic_tilt_deg"].get<double>() + j["sacral_slope_deg"].get<double>(), 0.1);
    ASSERT_TRUE(j["muscles"].is_array());
    EXPECT_TRUE(j["muscles"][0].contains("length_m"));
    EXPECT_TRUE(j["muscles"][0].contains("passive_force_n"));
    // The preset plus --set: abdominals were overridden.
    EXPECT_EQ(j["settings"]["abdominals"].get<double>(), 50.0);
}

TEST(PostureCli, TighterHipFlexorsReportMoreAnteriorTilt) {
    const auto a = nlohmann::json::parse(run("posture --json").out);
    const auto b = nlohmann::json::parse(run("posture --set hip_flexors=90 --json").out);
    EXPECT_GT(b["pelvic_tilt_clinical_deg"].get<double>(), a["pelvic_tilt_clinical_deg"].get<double>() + 3.0);
}

TEST(PostureCli, BadValuesAreUsageErrors) {
    EXPECT_EQ(run("posture --set hip_flexors=150").code, 2);
    EXPECT_EQ(run("posture --set calves=10").code, 2);
    EXPECT_EQ(run("posture --set hip_flexors").code, 2);
    EXPECT_EQ(run("posture --preset nonsense").code, 2);
    EXPECT_EQ(run("posture --set psoas=30 --json").code, 0);  // one muscle's extra tightness is fine
}
