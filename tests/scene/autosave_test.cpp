// The autosave of unsaved work (scene/autosave.hpp) and saves that fail part-way (a full disk):
// the file appears after a change, is paced, goes when the work is saved or discarded, reads
// back the same, and a broken one is a clear error; a save that cannot complete leaves the old
// file as it was.
#include "core/error.hpp"
#include "core/files.hpp"
#include "scene/autosave.hpp"
#include "temp_dir_test_fixture.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

scene::Profile work(float hip_flexors) {
    scene::Profile p;
    p.patient = "A. Patient";
    p.notes = "Sits all day.";
    p.posture[biomech::PostureGroup::hip_flexors] = hip_flexors;
    p.annotations = {{scene::Annotation::Target::muscle, "psoas_r", "tender"}};
    p.conditions = {"pregnancy"};
    return p;
}

class Autosave : public TempDirTest {};

}  // namespace

TEST_F(Autosave, SameWorkIgnoresTheMeasurementsAndTheSaveTime) {
    scene::Profile a = work(40.0f), b = work(40.0f);
    b.measurements.pelvic_tilt_deg = 12.0f;
    b.saved_at = "2026-12-01T10:00:00Z";
    EXPECT_TRUE(scene::same_work(a, b));
    b.notes += " And stands at work.";
    EXPECT_FALSE(scene::same_work(a, b));
    EXPECT_FALSE(scene::same_work(work(40.0f), work(41.0f)));
}

TEST_F(Autosave, WritesAfterAChangeAtMostOncePerIntervalAndRemovesWhenSaved) {
    const fs::path file = dir_ / "autosave.json";
    scene::Autosaver saver(file, 2.0);
    EXPECT_FALSE(saver.update("", work(0.0f), false, 0.0)) << "nothing unsaved: nothing to write";
    EXPECT_FALSE(fs::exists(file));
    EXPECT_LT(saver.seconds_until_due(0.0), 0.0);

    EXPECT_TRUE(saver.update("/p/patient.anatomy", work(30.0f), true, 10.0));
    ASSERT_TRUE(fs::exists(file)) << "the first change is kept at once";
    // A drag: changes every frame are written at most once per interval, and the last one wins.
    EXPECT_FALSE(saver.update("/p/patient.anatomy", work(35.0f), true, 10.5));
    EXPECT_NEAR(saver.seconds_until_due(10.5), 1.5, 1e-9);
    EXPECT_FALSE(saver.update("/p/patient.anatomy", work(40.0f), true, 11.0));
    EXPECT_TRUE(saver.update("/p/patient.anatomy", work(40.0f), true, 12.0));
    auto rec = scene::read_autosave(file);
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->profile_path, "/p/patient.anatomy");
    EXPECT_TRUE(scene::same_work(rec->profile, work(40.0f)));
    EXPECT_FALSE(rec->written_at.empty());
    // Nothing new: nothing written, nothing pending.
    EXPECT_FALSE(saver.update("/p/patient.anatomy", work(40.0f), true, 20.0));
    EXPECT_LT(saver.seconds_until_due(20.0), 0.0);
    // Saved: the copy goes.
    EXPECT_TRUE(saver.update("/p/patient.anatomy", work(40.0f), false, 21.0));
    EXPECT_FALSE(fs::exists(file));
}

TEST_F(Autosave, PausedItLeavesTheFileAloneAndDiscardRemovesIt) {
    const fs::path file = dir_ / "autosave.json";
    scene::Autosaver saver(file, 0.0);
    saver.update("", work(10.0f), true, 0.0);
    const std::string before = core::read_file(file);
    saver.set_paused(true);  // the restore question is open: the old copy must survive
    EXPECT_FALSE(saver.update("", work(90.0f), true, 5.0));
    EXPECT_FALSE(saver.update("", work(90.0f), false, 6.0));
    EXPECT_EQ(core::read_file(file), before);
    saver.set_paused(false);
    saver.discard();
    EXPECT_FALSE(fs::exists(file));
}

TEST_F(Autosave, RoundTripsAndABrokenFileIsAClearError) {
    scene::AutosaveRecord rec{"/home/me/patient.anatomy", work(55.0f), "2026-12-06T10:00:00Z"};
    const auto back = scene::parse_autosave(scene::serialize_autosave(rec), "autosave.json");
    EXPECT_EQ(back.profile_path, rec.profile_path);
    EXPECT_EQ(back.written_at, rec.written_at);
    EXPECT_TRUE(scene::same_work(back.profile, rec.profile));

    auto error_of = [](const std::string& text) {
        try {
            scene::parse_autosave(text, "autosave.json");
        } catch (const core::Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(error_of("{\"format\": \"anatomy-autosave\", \"ver").find("autosave.json"), std::string::npos) << "truncated";
    EXPECT_NE(
        error_of("{\"format\": \"something-else\", \"version\": 1, \"written_at\": \"\", \"profile_path\": \"\", \"profile\": {}}").find("format"),
        std::string::npos);
    const std::string bad_profile =
        "{\"format\": \"anatomy-autosave\", \"version\": 1, \"written_at\": \"\", \"profile_path\": \"\", "
        "\"profile\": {\"format\": \"anatomy-profile\", \"version\": 2}}";
    EXPECT_NE(error_of(bad_profile).find("autosave.json (profile)"), std::string::npos) << error_of(bad_profile);
    EXPECT_FALSE(scene::read_autosave(dir_ / "none.json")) << "no file: nothing to offer";
}

// A disk that fills up during a save (a file-size limit makes the write fail part-way, as
// ENOSPC would): the old profile stays as it was, no temporary file is left, and the error
// names the file.
TEST_F(Autosave, AFailedSaveLeavesThePreviousProfileIntact) {
    const fs::path file = dir_ / "patient.anatomy";
    scene::save_profile(work(20.0f), file);
    const std::string before = core::read_file(file);
    scene::Profile big = work(70.0f);
    big.notes = std::string(15000, 'x');  // larger than the limit below, smaller than the old file + the limit

    struct rlimit old_limit {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // a failed write, not a killed process
    struct rlimit small = old_limit;
    small.rlim_cur = before.size() + 2000;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    std::string error;
    try {
        scene::save_profile(big, file);
    } catch (const core::Error& e) {
        error = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);

    EXPECT_NE(error.find(file.string()), std::string::npos) << "the save failed, naming the file: " << error;
    EXPECT_EQ(core::read_file(file), before) << "the previous profile is intact";
    EXPECT_EQ(entries(), std::vector<std::string>{"patient.anatomy"}) << "no temporary file left";
    EXPECT_TRUE(scene::same_work(scene::load_profile(file), work(20.0f)));
}

// A folder that became read-only: the save fails with a clear error and the old file stays.
// (root writes anywhere, so this runs only for an ordinary user.)
TEST_F(Autosave, ASaveIntoAReadOnlyFolderLeavesTheOldFile) {
    if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
    const fs::path file = dir_ / "patient.anatomy";
    scene::save_profile(work(20.0f), file);
    const std::string before = core::read_file(file);
    fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(scene::save_profile(work(80.0f), file), core::Error);
    fs::permissions(dir_, fs::perms::owner_all);
    EXPECT_EQ(core::read_file(file), before);
}
