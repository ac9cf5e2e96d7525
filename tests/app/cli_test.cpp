// Exit codes and messages of the command line (no GL needed).
#include "run_anatomy.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {
CliResult run(const std::string& args, const std::string& env = "") { return run_anatomy(args, true, env); }
}  // namespace

TEST(Cli, HelpExitsZero) {
    const auto r = run("--help");
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("snapshot"), std::string::npos);
}

TEST(Cli, UnknownOptionsAndBadValuesExitTwoWithUsage) {
    EXPECT_EQ(run("--no-such-option").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --size 12").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --size 100000x100").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --view sideways").code, 2);
    EXPECT_EQ(run("snapshot").code, 2);  // -o is required
    const auto r = run("snapshot -o x.png --view sideways");
    EXPECT_NE(r.out.find("anterior"), std::string::npos) << r.out;
}

TEST(Cli, ViewerWithoutADisplaySaysHowToRun) {
    const auto r = run("", "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("xvfb-run"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("snapshot"), std::string::npos) << r.out;
}
