// Exit codes and messages of the command line (no GL needed).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

namespace {
struct Result { int code; std::string output; };
Result run(const std::string& args, const std::string& env = "") {
    const std::string cmd = env + " " + ANATOMY_BINARY + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 512> buf{};
    while (p && fgets(buf.data(), buf.size(), p)) out += buf.data();
    const int rc = p ? pclose(p) : -1;
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}
}  // namespace

TEST(Cli, HelpExitsZero) {
    const auto r = run("--help");
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.output.find("snapshot"), std::string::npos);
}

TEST(Cli, UnknownOptionsAndBadValuesExitTwoWithUsage) {
    EXPECT_EQ(run("--no-such-option").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --size 12").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --size 100000x100").code, 2);
    EXPECT_EQ(run("snapshot -o x.png --view sideways").code, 2);
    EXPECT_EQ(run("snapshot").code, 2);  // -o is required
    const auto r = run("snapshot -o x.png --view sideways");
    EXPECT_NE(r.output.find("anterior"), std::string::npos) << r.output;
}

TEST(Cli, ViewerWithoutADisplaySaysHowToRun) {
    const auto r = run("", "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.output.find("xvfb-run"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("snapshot"), std::string::npos) << r.output;
}
