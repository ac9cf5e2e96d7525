#include "core/error.hpp"
#include "core/json.hpp"
#include "scene/profile.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {

scene::Profile sample() {
    scene::Profile p;
    p.patient = "Test patient";
    p.notes = "Desk worker; tight in the lunge.\nSecond line with \"quotes\" and ünïcode.";
    p.posture[biomech::PostureGroup::hip_flexors] = 62.5f;
    p.posture[biomech::PostureGroup::abdominals] = 40.0f;
    p.posture.muscle_tightness = {{"psoas", 12.0f}, {"iliacus", 3.25f}};
    p.measurements.pelvic_tilt_clinical_deg = 19.123456f;
    p.measurements.pelvic_tilt_deg = 6.5f;
    p.measurements.sacral_slope_deg = 45.5f;
    p.measurements.pelvic_incidence_deg = 52.0f;
    p.measurements.lumbar_lordosis_deg = 60.25f;
    p.annotations = {{scene::Annotation::Target::muscle, "psoas_r", "Feels tight here"},
                     {scene::Annotation::Target::bone, "femur_l", "Old fracture"}};
    p.conditions = {"knee", "pregnancy"};
    p.saved_at = "2026-11-26T10:00:00Z";
    return p;
}

fs::path temp(const std::string& name) { return fs::temp_directory_path() / (std::to_string(::getpid()) + "_" + name); }

std::string error_of(const std::string& text) {
    try {
        scene::parse_profile(text, "p.json");
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Profile, RoundTripIsExact) {
    const scene::Profile p = sample();
    const std::string text = scene::serialize_profile(p);
    const scene::Profile back = scene::parse_profile(text, "p.json");
    EXPECT_EQ(back, p);
    EXPECT_EQ(scene::serialize_profile(back), text);
    const fs::path f = temp("round.json");
    scene::save_profile(p, f);
    EXPECT_EQ(scene::load_profile(f), p);
    fs::remove(f);
}

TEST(Profile, MalformedFilesAreRejectedWithClearErrors) {
    const std::string good = scene::serialize_profile(sample());
    // Truncated.
    EXPECT_NE(error_of(good.substr(0, good.size() / 2)).find("p.json:"), std::string::npos);
    // Wrong types.
    std::string wrong = good;
    wrong.replace(wrong.find("\"hip_flexors\": 62.5"), 19, "\"hip_flexors\": \"lots\"");
    EXPECT_NE(error_of(wrong).find("/posture/groups/hip_flexors: expected a number"), std::string::npos) << error_of(wrong);
    // Huge numbers.
    std::string huge = good;
    huge.replace(huge.find("\"hip_flexors\": 62.5"), 19, "\"hip_flexors\": 1e308");
    EXPECT_NE(error_of(huge).find("outside the allowed range"), std::string::npos);
    // Not an object, not a profile.
    EXPECT_NE(error_of("[1, 2, 3]").find("p.json"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "something-else", "version": 1})").find("not an anatomy profile"), std::string::npos);
    // Text too long.
    scene::Profile big = sample();
    big.notes.assign(scene::max_note_chars + 10, 'x');
    EXPECT_NE(error_of(scene::serialize_profile(big)).find("longer than"), std::string::npos);
}

TEST(Profile, NewerVersionsAreRefusedPolitely) {
    std::string newer = scene::serialize_profile(sample());
    newer.replace(newer.find("\"version\": 3"), 12, "\"version\": 7");
    const std::string e = error_of(newer);
    EXPECT_NE(e.find("newer version"), std::string::npos) << e;
}

TEST(Profile, AFailedSaveLeavesTheOldFileIntact) {
    const fs::path dir = temp("profiles");
    fs::create_directories(dir);
    const fs::path f = dir / "patient.json";
    scene::save_profile(sample(), f);
    const std::string before = core::read_file(f);
    // Saving into a folder that does not exist fails and touches nothing.
    EXPECT_THROW(scene::save_profile(sample(), dir / "missing" / "patient.json"), core::Error);
    // Saving over a path that is a folder fails too; the real file is untouched.
    fs::create_directories(dir / "folder.json" / "inner");
    EXPECT_THROW(scene::save_profile(sample(), dir / "folder.json"), core::Error);
    EXPECT_EQ(core::read_file(f), before);
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 2);  // patient.json and folder.json: no temporary leftovers
    fs::remove_all(dir);
}

TEST(Profile, ConditionsRoundTripAndVersionOneReadsAsNone) {
    const scene::Profile back = scene::parse_profile(scene::serialize_profile(sample()), "p.json");
    EXPECT_EQ(back.conditions, (std::vector<std::string>{"knee", "pregnancy"}));
    core::Json j = core::Json::parse(scene::serialize_profile(sample()));
    j.erase("conditions");  // a version 1 file has no such key
    j["version"] = 1;
    const std::string v1 = j.dump(2);
    const scene::Profile old = scene::parse_profile(v1, "old.json");
    EXPECT_TRUE(old.conditions.empty());
    EXPECT_EQ(old.patient, "Test patient");
    std::string bad = scene::serialize_profile(sample());
    bad.replace(bad.find("\"knee\""), 6, "\"bad_hip\"");
    const std::string err = error_of(bad);
    EXPECT_NE(err.find("/conditions/0: unknown condition \"bad_hip\" (known: hip_replacement_posterior"), std::string::npos) << err;
}

TEST(Profile, TheRadiographRoundTripsAndOlderVersionsReadWithout) {
    // Version 3 keeps the patient's measured image: its path, the points, the facing and the fit;
    // the measures are written for reference.
    scene::Profile p = sample();
    scene::PatientRadiograph r;
    r.landmarks.image = "/home/clinic/patients/lateral.png";
    r.landmarks.facing = scene::LandmarksFile::Facing::left;
    r.landmarks.points_px = {{"s1_anterior", {535.0, 480.0}},    {"s1_posterior", {578.0, 447.0}}, {"femoral_head_r", {521.0, 642.0}},
                             {"femoral_head_l", {515.0, 646.0}}, {"scale_a", {500.0, 620.0}},      {"scale_b", {540.0, 660.0}}};
    r.landmarks.scale_length_mm = 47.0;  // across a femoral head
    scene::RadiographFit fit;
    fit.pattern = "tight_hamstrings";
    fit.settings[biomech::PostureGroup::hamstrings] = 73.0f;
    fit.residual_pelvic_tilt_deg = 0.1f;
    fit.residual_lumbar_lordosis_deg = 5.8f;
    r.fit = fit;
    p.radiograph = r;
    const std::string text = scene::serialize_profile(p);
    const scene::Profile back = scene::parse_profile(text, "p.json");
    ASSERT_TRUE(back.radiograph.has_value());
    EXPECT_EQ(back, p);
    const core::Json j = core::Json::parse(text);
    EXPECT_EQ(j["version"], 3);
    EXPECT_NEAR(j["radiograph"]["measures"]["pelvic_incidence_deg"].get<double>(), 49.5, 0.1);
    EXPECT_FALSE(j["radiograph"]["measures"].contains("lumbar_lordosis_deg")) << "no L1 points";
    // A version 2 file (no radiograph) still opens, with none.
    core::Json v2 = core::Json::parse(scene::serialize_profile(sample()));
    v2["version"] = 2;
    EXPECT_FALSE(scene::parse_profile(v2.dump(2), "old.json").radiograph.has_value());
    // A broken radiograph names its place.
    core::Json bad = j;
    bad["radiograph"]["points_px"]["asis"] = "front";
    EXPECT_NE(error_of(bad.dump()).find("/radiograph/points_px/asis"), std::string::npos) << error_of(bad.dump());
    bad = j;
    bad["radiograph"]["fit"]["settings"]["calves"] = 10;
    EXPECT_NE(error_of(bad.dump()).find("unknown group \"calves\""), std::string::npos) << error_of(bad.dump());
}

TEST(Profile, TextIsClampedToWhatAProfileMayHoldWithoutSplittingACharacter) {
    std::string ascii(25000, 'a');
    scene::clamp_text(ascii, scene::max_note_chars);
    EXPECT_EQ(ascii.size(), scene::max_note_chars);
    std::string short_text = "hip flexors";
    scene::clamp_text(short_text, scene::max_note_chars);
    EXPECT_EQ(short_text, "hip flexors") << "text within the limit is left alone";
    // "aé" is 3 bytes (é: C3 A9): a limit of 2 falls inside the é and cuts before it.
    std::string accented = "a\xC3\xA9";
    scene::clamp_text(accented, 2);
    EXPECT_EQ(accented, "a");
    accented = "a\xC3\xA9";
    scene::clamp_text(accented, 3);
    EXPECT_EQ(accented, "a\xC3\xA9");
    // A long note clamped this way saves and loads again.
    scene::Profile p;
    p.notes = std::string(scene::max_note_chars - 1, 'x') + "\xE2\x80\x94";  // an em dash across the limit
    scene::clamp_text(p.notes, scene::max_note_chars);
    EXPECT_EQ(p.notes.size(), scene::max_note_chars - 1);
    EXPECT_EQ(scene::parse_profile(scene::serialize_profile(p), "p.anatomy").notes, p.notes);
}
