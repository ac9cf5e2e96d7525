// The measuring window in the real window under Xvfb: it opens a landmarks file with its image
// and shows the measures; points placed by clicking change them; Ctrl+Z takes them back.
#include "../image_compare.hpp"
#include "../isolated_env.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

bool have_tools() { return std::system("command -v xvfb-run >/dev/null 2>&1 && command -v xdotool >/dev/null 2>&1") == 0; }

struct Files {
    fs::path dir = fs::temp_directory_path() / ("anatomy_radiograph_" + std::to_string(::getpid()));
    fs::path landmarks = dir / "patient-landmarks.json";
    Files() {
        fs::create_directories(dir);
        gfx::Image img;  // a grey lateral "radiograph": a dark field with a lighter band
        img.width = 900;
        img.height = 1100;
        img.rgba.resize(static_cast<std::size_t>(img.width * img.height * 4));
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                auto* p = img.pixel(x, y);
                p[0] = p[1] = p[2] = static_cast<std::uint8_t>(x > 450 && x < 650 ? 200 : 30 + y / 20);
                p[3] = 255;
            }
        gfx::write_png(dir / "lateral.png", img);
        core::write_file_atomic(landmarks, R"({"format": "anatomy-landmarks-1", "image": "lateral.png", "facing": "left",
 "points_px": {"s1_anterior": [558, 470], "s1_posterior": [612, 440], "femoral_head_r": [548, 640], "femoral_head_l": [538, 646],
               "l1_anterior": [548, 268], "l1_posterior": [598, 262]}})");
    }
    ~Files() { fs::remove_all(dir); }
};

// The viewer opened on the landmarks for `seconds`, `script` (sh, $w the window) acting on it;
// returns the exit code, and the window's picture in `shot`.
int run(const Files& f, const std::string& args, const std::string& script, const fs::path& shot, double seconds = 9.0, const fs::path& open = {}) {
    const std::string body = std::string(ANATOMY_BINARY) + " --measure " + (open.empty() ? f.landmarks : open).string() + " " + args +
                             " --quit-after-seconds " + std::to_string(seconds) + " --ui-screenshot " + shot.string() +
                             " & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); sleep 2; " + script + " wait";
    const std::string cmd =
        "env -u SDL_VIDEODRIVER " + isolated_env() + "xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" + body + "' >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST(RadiographGl, TheWindowShowsTheMeasuresWithoutCuttingThem) {
    if (!have_tools()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const Files f;
    const fs::path audit = f.dir / "audit.txt";
    const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + "xvfb-run -a -s '-screen 0 1600x1000x24' " + ANATOMY_BINARY + " --measure " +
                            f.landmarks.string() + " --ui-audit " + audit.string() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const std::string text = core::read_file(audit);
    EXPECT_NE(text.find("Pelvic incidence (PI)  41.6"), std::string::npos) << "the measures from the file";
    EXPECT_NE(text.find("Lumbar lordosis (L1-S1)  22.2"), std::string::npos);
    EXPECT_NE(text.find("Fit the model to these numbers"), std::string::npos);
    EXPECT_EQ(text.find("overflow: \"Measure a radiograph"), std::string::npos) << "the window cuts its content";
}

TEST(RadiographGl, ClickedPointsAddAMeasureAndCtrlZTakesThemBack) {
    if (!have_tools()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const Files f;
    const fs::path before = f.dir / "before.png", placed = f.dir / "placed.png", undone = f.dir / "undone.png";
    // The ASIS row is the one armed after the file's six points; two clicks on the image place
    // the ASIS and then the PSIS; the ASIS-PSIS tilt joins the measures.
    const std::string clicks =
        "xdotool mousemove --window $w 880 530 click 1; sleep 0.6; xdotool mousemove --window $w 1000 500 click 1; sleep 0.6; ";
    ASSERT_EQ(run(f, "", "", before), 0);
    ASSERT_EQ(run(f, "", clicks, placed), 0);
    ASSERT_EQ(run(f, "", clicks + "xdotool key ctrl+z; sleep 0.4; xdotool key ctrl+z; sleep 0.6; ", undone), 0);
    const gfx::Image a = gfx::read_png(before), b = gfx::read_png(placed), c = gfx::read_png(undone);
    ASSERT_EQ(a.width, b.width);
    // The measures list in the window's left column.
    const int x0 = 270, y0 = 410, x1 = 560, y1 = 620;
    EXPECT_GT(mean_diff(a, b, x0, y0, x1, y1), 3.0) << "the clicks added no measure";
    EXPECT_LT(mean_diff(a, c, x0, y0, x1, y1), 1.0) << "Ctrl+Z did not take the two points back";
}

// Behind the model: in a side view the image, lined up by its points, shows around the body; the
// image alone (no points to place it by) shows nothing there.
TEST(RadiographGl, TheImageLiesBehindTheModelInASideView) {
    if (!have_tools()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const Files f;
    const fs::path placed = f.dir / "placed.png", unplaced = f.dir / "unplaced.png";
    // A bright image, so that it shows against the dark backdrop, with the file's points.
    gfx::Image bright;
    bright.width = 900;
    bright.height = 1100;
    bright.rgba.assign(static_cast<std::size_t>(bright.width * bright.height * 4), 220);
    gfx::write_png(f.dir / "bright.png", bright);
    std::string points = core::read_file(f.landmarks);
    points.replace(points.find("lateral.png"), 11, "bright.png");
    const fs::path bright_points = f.dir / "bright-landmarks.json";
    core::write_file_atomic(bright_points, points);
    // The right-side view (4), then the measuring window closed (its title bar's close button).
    const std::string side = "xdotool key --window $w 4; sleep 1; xdotool mousemove --window $w 1169 161 click 1; sleep 2.5; ";
    ASSERT_EQ(run(f, "", side, placed, 10.0, bright_points), 0);
    ASSERT_EQ(run(f, "", side, unplaced, 10.0, f.dir / "bright.png"), 0);
    const gfx::Image a = gfx::read_png(placed), b = gfx::read_png(unplaced);
    ASSERT_EQ(a.width, b.width);
    // The 3D view between the panels.
    EXPECT_GT(mean_diff(a, b, 380, 60, 1100, 840), 4.0) << "no image behind the model";
    // Above the head and below the feet, where the image (about a metre tall here) does not reach,
    // the two are alike.
    EXPECT_LT(mean_diff(a, b, 380, 40, 1100, 60), 1.0);
}

// "Give the model this pelvis": the body is built again with the measured incidence in the
// background, and the window then says the model has the patient's pelvis.
TEST(RadiographGl, TheModelIsRebuiltWithThePatientsPelvis) {
    if (!have_tools()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const Files f;
    const fs::path before = f.dir / "before.png", after = f.dir / "after.png";
    // The points' column scrolled to its end, where the model's pelvis is offered.
    const std::string scroll =
        "xdotool mousemove --window $w 380 600; for i in 1 2 3 4 5 6 7 8 9 10; do xdotool click 5; sleep 0.1; done; sleep 0.5; ";
    ASSERT_EQ(run(f, "", scroll, before, 8.0), 0);
    ASSERT_EQ(run(f, "", scroll + "xdotool mousemove --window $w 384 566 click 1; sleep 1; xdotool mousemove --window $w 380 600; ", after, 32.0), 0);
    const gfx::Image a = gfx::read_png(before), b = gfx::read_png(after);
    ASSERT_EQ(a.width, b.width);
    // "Incidence 52°; the patient's is 42°" and its button became "Incidence 42°, the patient's."
    // and "Back to the standard pelvis"; the image and its points beside them stayed as they were.
    EXPECT_GT(mean_diff(a, b, 270, 480, 545, 600), 3.0) << "the model's pelvis was not rebuilt";
    EXPECT_LT(mean_diff(a, b, 620, 250, 1000, 550), 1.0) << "the image should not change";
}
