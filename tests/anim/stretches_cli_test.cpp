// `anatomy stretches [--json]` and `anatomy validate-clip FILE`.
#include "core/files.hpp"
#include "core/json.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {
struct Result { int code; std::string output; };
Result run(const std::string& args) {
    const std::string cmd = std::string(ANATOMY_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    while (p && fgets(buf.data(), buf.size(), p)) out += buf.data();
    const int rc = p ? pclose(p) : -1;
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}
}  // namespace

TEST(StretchesCli, TableListsTheLibrary) {
    const auto r = run("stretches");
    EXPECT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("half_kneeling_hip_flexor"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("psoas_r"), std::string::npos);
}

TEST(StretchesCli, JsonHasIdNamePositionAndMuscleIds) {
    const auto r = run("stretches --json");
    ASSERT_EQ(r.code, 0) << r.output;
    const core::Json j = core::parse_json("stdout", r.output);
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
    EXPECT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("ok:"), std::string::npos) << r.output;

    std::string text = core::read_file(good);
    const std::string knee = "\"knee_r\": {\"flexion\": 120}", move = "\"phase\": \"move\"";
    text.replace(text.find(knee), knee.size(), "\"knee_r\": {\"flexion\": 190}");
    text.replace(text.find(move), move.size(), "\"phase\": \"wiggle\"");
    const auto bad = std::filesystem::temp_directory_path() / "couch_stretch.json";
    core::write_file_atomic(bad, text);
    r = run("validate-clip " + bad.string());
    EXPECT_EQ(r.code, 1) << r.output;
    EXPECT_NE(r.output.find(bad.string() + ": /keyframes/0/angles/knee_r/flexion: value 190 is outside"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(bad.string() + ": /keyframes/1/phase: \"wiggle\" is not one of"), std::string::npos) << r.output;
    std::filesystem::remove(bad);
    EXPECT_EQ(run("validate-clip").code, 2);  // the file is required
}
