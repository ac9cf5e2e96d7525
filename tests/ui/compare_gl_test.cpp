// Compare (F6) in the real window: zooming with the wheel over one body zooms that half only,
// and both bodies stay in their own halves, framed (they used to vanish or drift sideways when
// zoom used the whole window).
#include "../isolated_env.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

struct Half {
    int body_pixels = 0;
    double centroid_x = 0.0;  // 0..1 across the half
};
// Bone and muscle pixels (ivory or red) in one half of the window.
Half measure(const gfx::Image& img, int x0, int x1) {
    Half h;
    double sx = 0.0;
    for (int y = 40; y < img.height - 40; ++y)
        for (int x = x0; x < x1; ++x) {
            const auto* p = img.pixel(x, y);
            const bool bone = p[0] > 170 && p[1] > 160 && p[2] > 120 && p[0] - p[2] < 90 && p[0] - p[2] > 15;
            const bool muscle = p[0] > 120 && p[0] > p[1] + 50 && p[0] > p[2] + 50;
            if (bone || muscle) {
                ++h.body_pixels;
                sx += x;
            }
        }
    if (h.body_pixels > 0) h.centroid_x = (sx / h.body_pixels - x0) / (x1 - x0);
    return h;
}
}  // namespace

TEST(CompareGl, WheelZoomOverOneBodyKeepsBothInTheirHalves) {
    if (!have("xvfb-run") || !have("xdotool")) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    // Panels closed (F2, F3, F4) so the two views split the whole 1440-pixel window; then, or not,
    // three wheel notches over the right body's pelvis. The two views share one camera: both
    // zoom, each about its own body.
    auto run = [](bool zoom) {
        const fs::path shot = fs::temp_directory_path() / ("anatomy_compare_" + std::to_string(::getpid()) + (zoom ? "_z" : "") + ".png");
        fs::remove(shot);
        const std::string wheel = zoom ? "xdotool click 4; sleep 0.15; xdotool click 4; sleep 0.15; xdotool click 4; " : "";
        const std::string script = std::string(ANATOMY_BINARY) +
                                   " --compare neutral --preset tight_hip_flexors --quit-after-frames 300 --ui-screenshot " + shot.string() +
                                   " & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); sleep 1.5; "
                                   "xdotool key --window $w F2 F3 F4; sleep 0.5; xdotool mousemove --window $w 1080 420; sleep 0.2; " +
                                   wheel + "wait";
        // Each run starts from fresh settings (the first saves its closed panels).
        const fs::path config = fs::temp_directory_path() / ("anatomy_compare_config_" + std::to_string(::getpid()) + (zoom ? "_z" : ""));
        fs::remove_all(config);
        const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + "XDG_CONFIG_HOME=" + config.string() +
                                " xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" + script + "' >/dev/null 2>&1";
        const int rc = std::system(cmd.c_str());
        EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
        gfx::Image img = gfx::read_png(shot);
        fs::remove(shot);
        fs::remove_all(config);
        return img;
    };
    const gfx::Image before = run(false), after = run(true);
    ASSERT_EQ(after.width, 1440);
    const int mid = after.width / 2;
    const Half left0 = measure(before, 0, mid), right0 = measure(before, mid, before.width);
    const Half left = measure(after, 0, mid), right = measure(after, mid, after.width);
    EXPECT_GT(right.body_pixels, right0.body_pixels * 6 / 5) << "the wheel over the right body zoomed in";
    EXPECT_GT(left.body_pixels, left0.body_pixels * 6 / 5) << "and the left view with it";
    EXPECT_GT(left.centroid_x, 0.35);
    EXPECT_LT(left.centroid_x, 0.65) << "the left body stays in the middle of its half";
    EXPECT_GT(right.centroid_x, 0.35);
    EXPECT_LT(right.centroid_x, 0.65) << "the right body stays in the middle of its half";
}
