// The stretch-report command: the JSON keys scripts rely on, the side, tightness and the cue,
// and clear errors.
#include "run_anatomy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>

namespace {
CliResult run(const std::string& args) { return run_anatomy(args); }
double peak(const nlohmann::json& j, const char* id) { return j["muscles"][id]["peak_relative_elongation"].get<double>(); }
}  // namespace

TEST(StretchReportCli, JsonGivesEachMusclesPeakDuringTheHold) {
    const auto r = run("stretch-report supine_hamstring_strap --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["id"], "supine_hamstring_strap");
    EXPECT_EQ(j["side"], "right");
    EXPECT_GT(j["hold_s"].get<double>(), 0.0);
    ASSERT_TRUE(j["muscles"].is_object());
    EXPECT_EQ(j["muscles"].size(), 58u);  // every catalogue muscle, both sides
    for (const auto& [id, m] : j["muscles"].items()) {
        ASSERT_TRUE(m.contains("peak_relative_elongation")) << id;
        EXPECT_TRUE(m["peak_relative_elongation"].is_number()) << id;
    }
    // The straight-leg raise reaches the hamstrings' end range (80 degrees); the hip flexors shorten.
    EXPECT_NEAR(peak(j, "semimembranosus_r"), 1.0, 0.15);
    EXPECT_LT(peak(j, "psoas_r"), 0.0);
    EXPECT_LT(peak(j, "semimembranosus_l"), 0.3);
    EXPECT_EQ(j["muscles"]["semimembranosus_r"]["role"], "target");
}

TEST(StretchReportCli, TheLeftSideStretchesTheLeftMuscles) {
    const auto right = nlohmann::json::parse(run("stretch-report half_kneeling_hip_flexor --json").out);
    const auto left = nlohmann::json::parse(run("stretch-report half_kneeling_hip_flexor --side left --json").out);
    EXPECT_NEAR(peak(left, "psoas_l"), peak(right, "psoas_r"), 0.02);
    EXPECT_NEAR(peak(left, "rectus_femoris_l"), peak(right, "rectus_femoris_r"), 0.02);
    EXPECT_LT(peak(left, "rectus_femoris_r"), peak(left, "rectus_femoris_l") - 0.5);
}

TEST(StretchReportCli, TightHipFlexorsTipThePelvisUnlessTheCueHoldsIt) {
    const auto normal = nlohmann::json::parse(run("stretch-report half_kneeling_hip_flexor --json").out);
    const auto tight = nlohmann::json::parse(run("stretch-report half_kneeling_hip_flexor --preset tight_hip_flexors --json").out);
    const auto cued = nlohmann::json::parse(run("stretch-report half_kneeling_hip_flexor --preset tight_hip_flexors --cue --json").out);
    EXPECT_EQ(normal["max_pelvis_compensation_deg"].get<double>(), 0.0);
    EXPECT_GT(tight["max_pelvis_compensation_deg"].get<double>(), 2.0);
    EXPECT_EQ(cued["max_pelvis_compensation_deg"].get<double>(), 0.0);
    EXPECT_LT(peak(tight, "psoas_r"), peak(cued, "psoas_r") - 0.1);
}

TEST(StretchReportCli, MistakesAreClearErrors) {
    const auto unknown = run("stretch-report no_such_stretch --json");
    EXPECT_EQ(unknown.code, 1);
    EXPECT_NE(unknown.out.find("no stretch \"no_such_stretch\""), std::string::npos) << unknown.out;
    EXPECT_NE(unknown.out.find("couch_stretch"), std::string::npos) << "lists the ids";
    EXPECT_EQ(run("stretch-report couch_stretch --side middle").code, 2);
    EXPECT_EQ(run("stretch-report").code, 2);
    // The table names the targets.
    const auto table = run("stretch-report couch_stretch");
    EXPECT_EQ(table.code, 0);
    EXPECT_NE(table.out.find("rectus_femoris_r"), std::string::npos);
}
