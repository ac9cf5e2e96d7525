// Unsaved work survives a crash (the real window under Xvfb, driven with xdotool): the autosave
// appears a few seconds after a change, survives `kill -9`, is offered on the next start and
// restored with Enter; quitting then asks to save, Enter saves into the profile, and the clean
// exit removes the autosave.
#include "../isolated_env.hpp"

#include "core/files.hpp"
#include "scene/autosave.hpp"
#include "scene/profile.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

// Runs `script` (sh; $A is the viewer command) under its own X server with the test's home and
// folders; returns the exit code of the script and what the processes printed.
int run_x(const std::string& script, const std::string& log) {
    const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + "A=" + ANATOMY_BINARY + " xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" +
                            script + "' >" + log + " 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
}  // namespace

TEST(AutosaveGl, UnsavedWorkSurvivesAKillAndIsRestoredOnTheNextStart) {
    if (!have("xvfb-run") || !have("xdotool")) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    const std::string home = isolated_env();  // makes the folders; the state folder is <home>/state
    const fs::path base = fs::temp_directory_path() / ("anatomy_autosave_" + std::to_string(::getpid()));
    fs::remove_all(base);
    fs::create_directories(base);
    const fs::path state = fs::path(home.substr(5, home.find(' ') - 5)) / "state" / "anatomy" / "autosave.json";
    const fs::path profile_file = base / "patient.anatomy", log = base / "log.txt";

    scene::Profile p;
    p.patient = "Autosave patient";
    p.notes = "Saved before the crash.";
    scene::save_profile(p, profile_file);

    // 1. Open the profile, change the posture (a preset on top of it), wait for the copy, kill.
    const std::string crash = "$A " + profile_file.string() + " --preset tight_hip_flexors & pid=$!; " + "for i in $(seq 1 120); do [ -f " +
                              state.string() + " ] && break; sleep 0.25; done; sleep 0.5; kill -9 $pid; wait";
    run_x(crash, log.string());
    ASSERT_TRUE(fs::exists(state)) << "no autosave within 30 s of the change; log:\n" << core::read_file(log);
    const auto kept = scene::read_autosave(state);
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->profile_path, profile_file.string());
    EXPECT_GT(kept->profile.posture[biomech::PostureGroup::hip_flexors], 10.0f) << "the changed posture was kept";
    EXPECT_EQ(kept->profile.notes, p.notes);
    EXPECT_LT(scene::load_profile(profile_file).posture[biomech::PostureGroup::hip_flexors], 1.0f) << "the profile itself is untouched";

    // 2. Start again: the offer is there; Enter restores; Ctrl+Q asks to save; Enter saves and closes.
    const std::string restore =
        "$A & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); sleep 2.5; "
        "xdotool key --window $w Return; sleep 1.5; xdotool key --window $w ctrl+q; sleep 1.5; "
        "xdotool key --window $w Return; wait $!";
    EXPECT_EQ(run_x(restore, log.string()), 0) << core::read_file(log);
    const std::string out = core::read_file(log);
    EXPECT_NE(out.find("Restored unsaved work"), std::string::npos) << out;
    const scene::Profile saved = scene::load_profile(profile_file);
    EXPECT_NEAR(saved.posture[biomech::PostureGroup::hip_flexors], kept->profile.posture[biomech::PostureGroup::hip_flexors], 1e-3)
        << "the restored posture was saved into the profile";
    EXPECT_EQ(saved.notes, p.notes);
    EXPECT_FALSE(fs::exists(state)) << "a clean exit removes the autosave";

    // 3. A clean start and exit with nothing changed leaves no autosave behind.
    EXPECT_EQ(run_x("$A --quit-after-seconds 3", log.string()), 0);
    EXPECT_FALSE(fs::exists(state));
    fs::remove_all(base);
}
