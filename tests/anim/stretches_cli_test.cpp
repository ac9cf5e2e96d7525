// `anatomy stretches [--json]` and `anatomy validate-clip FILE`.
#include "core/files.hpp"
#include "core/json.hpp"

#include "run_anatomy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {
CliResult run(const std::string& args) { return run_anatomy(args); }
}  // namespace

TEST(StretchesCli, TableListsTheLibrary) {
    const auto r = run("stretches");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("half_kneeling_hip_flexor"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("psoas_r"), std::string::npos);
}

TEST(StretchesCli, JsonHasIdNamePositionAndMuscleIds) {
    const auto r = run("stretches --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const core::Json j = core::parse_json("stdout", r.out);
    ASSERT_TRUE(j.is_array());
    ASSERT_GE(j.size(), 12u);
    for (const auto& s : j) {
        for (const char* k : {"id", "name", "position", "targets", "secondary", "difficulty", "hold_s", "reps", "props", "steps"})
            EXPECT_TRUE(s.contains(k)) << k;
        EXPECT_TRUE(s["targets"].is_array());
        EXPECT_FALSE(s["targets"].empty());
        for (const auto& m : s["targets"]) EXPECT_TRUE(m.get<std::string>().ends_with("_r") || m.get<std::string>().ends_with("_l"));
    }
}

TEST(StretchesCli, ValidateClipPassesGoodFilesAndNamesProblems) {
    const auto good = core::asset_dir() / "stretches" / "couch_stretch.json";
    auto r = run("validate-clip " + good.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("ok:"), std::string::npos) << r.out;

    std::string text = core::read_file(good);
    const std::string knee = "\"knee_r\": {\"flexion\": 120}", move = "\"phase\": \"move\"";
    text.replace(text.find(knee), knee.size(), "\"knee_r\": {\"flexion\": 190}");
    text.replace(text.find(move), move.size(), "\"phase\": \"wiggle\"");
    const auto bad = std::filesystem::temp_directory_path() / "couch_stretch.json";
    core::write_file_atomic(bad, text);
    r = run("validate-clip " + bad.string());
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find(bad.string() + ": /keyframes/0/angles/knee_r/flexion: value 190 is outside"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(bad.string() + ": /keyframes/1/phase: \"wiggle\" is not one of"), std::string::npos) << r.out;
    std::filesystem::remove(bad);
    EXPECT_EQ(run("validate-clip").code, 2);  // the file is required
}

TEST(StretchesCli, JsonCarriesPrecautionsAndTheCaptionLine) {
    const auto r = run_anatomy("stretches --json", false);
    ASSERT_EQ(r.code, 0) << r.out;
    const core::Json j = core::parse_json("stdout", r.out);
    for (const auto& s : j) {
        ASSERT_TRUE(s.contains("precautions")) << s["id"];
        EXPECT_TRUE(s["precautions"].is_array());
        EXPECT_TRUE(s.contains("how_it_stretches"));
        EXPECT_FALSE(s.contains("suitable")) << "only with --condition";
        for (const auto& p : s["precautions"]) {
            EXPECT_TRUE(p.contains("condition") && p.contains("action") && p.contains("text")) << p;
            const std::string a = p["action"];
            EXPECT_TRUE(a == "skip" || a == "modify" || a == "ask") << a;
        }
    }
}

TEST(StretchesCli, ConditionMarksWhatSuitsAndWhy) {
    const auto r = run_anatomy("stretches --condition hip_replacement_posterior,pregnancy --json", false);
    ASSERT_EQ(r.code, 0) << r.out;
    const core::Json j = core::parse_json("stdout", r.out);
    int unsuitable = 0;
    for (const auto& s : j) {
        ASSERT_TRUE(s.contains("suitable") && s.contains("because")) << s["id"];
        if (s["id"] == "childs_pose") {
            EXPECT_FALSE(s["suitable"].get<bool>());
            bool named = false;
            for (const auto& b : s["because"]) named = named || b["condition"] == "hip_replacement_posterior";
            EXPECT_TRUE(named) << s["because"];
        }
        if (!s["suitable"].get<bool>()) {
            ++unsuitable;
            EXPECT_FALSE(s["because"].empty()) << s["id"] << ": unsuitable with no reason";
        }
    }
    EXPECT_GE(unsuitable, 3);
    const auto table = run_anatomy("stretches --condition osteoporosis");
    EXPECT_EQ(table.code, 0) << table.out;
    EXPECT_NE(table.out.find("standing_toe_touch"), std::string::npos);
    EXPECT_NE(table.out.find("suit these conditions"), std::string::npos) << table.out;
}

TEST(StretchesCli, AnUnknownConditionIsAUsageErrorNamingTheKnownOnes) {
    const auto r = run_anatomy("stretches --condition bad_back");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("unknown condition \"bad_back\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("hip_replacement_posterior"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("recent_injury_or_surgery"), std::string::npos) << r.out;
}
