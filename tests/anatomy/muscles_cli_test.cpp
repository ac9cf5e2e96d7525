// anatomy muscles --json and anatomy validate FILE.
#include "core/files.hpp"

#include "run_anatomy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>

namespace {
CliResult run(const std::string& args) { return run_anatomy(args); }
}  // namespace

TEST(MusclesCli, JsonListsEveryMuscleWithTheDocumentedKeys) {
    const auto r = run("muscles --json");
    ASSERT_EQ(r.code, 0);
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_TRUE(j.is_array());
    EXPECT_EQ(j.size(), 58u);
    for (const auto& m : j) {
        for (const char* key : {"id", "name", "side", "group", "neutral_length_m", "volume_cm3", "reference_volume_cm3", "reference_volume_source"})
            ASSERT_TRUE(m.contains(key)) << key;
        EXPECT_GT(m["neutral_length_m"].get<double>(), 0.05);
        EXPECT_GT(m["volume_cm3"].get<double>(), 5.0);
        EXPECT_FALSE(m["reference_volume_source"].get<std::string>().empty());
    }
}

TEST(MusclesCli, AHeavierTallerBodyHasBiggerMuscles) {
    const auto base = run("muscles --json");
    const auto big = run("muscles --json --stature 1.9 --mass 95");
    ASSERT_EQ(base.code, 0);
    ASSERT_EQ(big.code, 0);
    const auto a = nlohmann::json::parse(base.out), b = nlohmann::json::parse(big.out);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i]["reference_volume_source"].get<std::string>().find("Handsfield") == std::string::npos) continue;
        EXPECT_GT(b[i]["reference_volume_cm3"].get<double>(), a[i]["reference_volume_cm3"].get<double>() * 1.15) << a[i]["id"];
        EXPECT_GT(b[i]["volume_cm3"].get<double>(), a[i]["volume_cm3"].get<double>()) << a[i]["id"];
    }
    EXPECT_NE(run("muscles --mass 5").code, 0) << "a body mass out of range is refused";
}

TEST(ValidateCli, ReportsEveryProblemWithItsPlace) {
    EXPECT_EQ(run("validate " + (core::asset_dir() / "muscles" / "muscles.json").string()).code, 0);
    std::string text = core::read_file(core::asset_dir() / "muscles" / "muscles.json");
    text.replace(text.find("\"f_max_n\": 1113"), 15, "\"f_max_n\": -1");
    text.replace(text.find("\"group\": \"calf\""), 15, "\"group\": \"calves\"");
    const auto path = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_bad_muscles.json");
    std::ofstream(path) << text;
    const auto r = run("validate " + path.string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("(psoas)/params/f_max_n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("unknown group \"calves\""), std::string::npos) << r.out;
    std::filesystem::remove(path);
    EXPECT_EQ(run("validate /nonexistent.json").code, 2);
}
