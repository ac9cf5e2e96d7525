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
        for (const char* key : {"id", "name", "side", "group", "neutral_length_m"}) ASSERT_TRUE(m.contains(key)) << key;
        EXPECT_GT(m["neutral_length_m"].get<double>(), 0.05);
    }
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
