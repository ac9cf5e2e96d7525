// anatomy fit: the documented JSON keys, exit 1 with the reason for a posture out of reach, and
// usage errors (exit 2) for values outside the model's ranges.
#include "../run_anatomy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

TEST(FitCli, JsonHasTheSettingsThePostureAndTheResiduals) {
    const auto r = run_anatomy("fit --pelvic-incidence 52 --pelvic-tilt 5 --lumbar-lordosis 61 --json", false);
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key :
         {"settings", "pelvic_tilt_deg", "lumbar_lordosis_deg", "sacral_slope_deg", "pelvic_incidence_deg", "pelvic_tilt_clinical_deg", "converged",
          "muscles", "residual_pelvic_tilt_deg", "residual_lumbar_lordosis_deg", "alternatives", "pattern", "reproduces", "caveat"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_NEAR(j["pelvic_tilt_deg"].get<double>(), 5.0, 1.0);
    EXPECT_NEAR(j["lumbar_lordosis_deg"].get<double>(), 61.0, 2.0);
    EXPECT_NEAR(j["pelvic_incidence_deg"].get<double>(), 52.0, 0.1);
    // Less backward tilt than neutral (11.5): the hip flexors or back extensors tighter than normal.
    EXPECT_GT(j["settings"]["hip_flexors"].get<double>() + j["settings"]["back_extensors"].get<double>(), 20.0);
    ASSERT_TRUE(j["alternatives"].is_array());
    ASSERT_FALSE(j["alternatives"].empty());
    EXPECT_TRUE(j["alternatives"][0].contains("residual_pelvic_tilt_deg"));
    EXPECT_NE(j["alternatives"][0]["pattern"], j["pattern"]);
}

TEST(FitCli, OutOfReachExitsOneWithTheClosestAndWhy) {
    const auto r = run_anatomy("fit --pelvic-incidence 55 --pelvic-tilt 30 --lumbar-lordosis 30");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("The model cannot reach this posture; the closest:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Why: the closest the model's muscles reach"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("not a diagnosis"), std::string::npos) << r.out;
}

TEST(FitCli, ValuesOutsideTheRangesAreUsageErrors) {
    EXPECT_EQ(run_anatomy("fit --pelvic-incidence 20 --pelvic-tilt 5 --lumbar-lordosis 50").code, 2);
    EXPECT_EQ(run_anatomy("fit --pelvic-incidence 50 --pelvic-tilt 5").code, 2);
    EXPECT_EQ(run_anatomy("fit --pelvic-incidence 50 --pelvic-tilt 5 --lumbar-lordosis 50 --stature 3").code, 2);
    const auto r = run_anatomy("fit --pelvic-incidence 40 --pelvic-tilt 45 --lumbar-lordosis 40");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("the sacral slope (PI - PT) would be -5.0"), std::string::npos) << r.out;
}
