// The viewer end to end under a virtual display: it starts, plays a stretch with its panel and
// player bar, and quits cleanly; the window picture shows the UI and the body.
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have_xvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }
int run_viewer(const std::string& args) {
    const std::string cmd = "env -u SDL_VIDEODRIVER xvfb-run -a -s '-screen 0 1280x800x24' " + std::string(ANATOMY_BINARY) + " " + args + " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
}  // namespace

TEST(ViewerGl, PlaysAStretchAndQuits) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed (make deps installs it)";
    const fs::path out = fs::temp_directory_path() / (std::to_string(::getpid()) + "_viewer_stretch.png");
    ASSERT_EQ(run_viewer("--stretch supine_hamstring_strap --side left --time 12 --quit-after-frames 6 --ui-screenshot " + out.string()), 0);
    const gfx::Image img = gfx::read_png(out);
    EXPECT_GE(img.width, 640);
    // The strap is drawn in its orange; the player bar's hold chip is amber too: both are there.
    int orange = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const auto* p = img.pixel(x, y);
            orange += p[0] > 200 && p[1] > 120 && p[1] < 200 && p[2] < 90 ? 1 : 0;
        }
    EXPECT_GT(orange, 300);
    fs::remove(out);
}

TEST(ViewerGl, AnUnknownStretchIsReportedNotFatal) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    EXPECT_EQ(run_viewer("--stretch no_such_stretch --quit-after-frames 2"), 0);
}
