// The viewer end to end under a virtual display: it starts, plays a stretch with its panel and
// player bar, and quits cleanly; the window picture shows the UI and the body.
#include "../image_compare.hpp"
#include "../isolated_env.hpp"
#include "../video_probe.hpp"

#include "core/files.hpp"
#include "core/json.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <vector>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have_xvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }
// `env`: extra NAME=VALUE settings for the viewer's environment, each followed by a space; `log`:
// where its output goes.
int run_viewer(const std::string& args, const std::string& env = "", const std::string& log = "/dev/null") {
    const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + env + "xvfb-run -a -s '-screen 0 1280x800x24' " +
                            std::string(ANATOMY_BINARY) + " " + args + " >" + log + " 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
float clip_duration_s(const std::string& id) {
    const fs::path file = core::asset_dir() / "stretches" / (id + ".json");
    const core::Json j = core::parse_json(file.string(), core::read_file(file));
    return j.at("keyframes").back().at("t_s").get<float>();
}
int count_png(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".png" ? 1 : 0;
    return n;
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
    const fs::path log = fs::temp_directory_path() / (std::to_string(::getpid()) + "_viewer_unknown.txt");
    EXPECT_EQ(run_viewer("--stretch no_such_stretch --quit-after-frames 2", "", log.string()), 0);
    const std::string out = core::read_file(log);
    EXPECT_NE(out.find("No stretch called 'no_such_stretch'"), std::string::npos) << out;
    fs::remove(log);
}

// File > Export video in the running viewer: its own world and renderer on the viewer's GL and
// ImGui contexts, a few frames each UI frame, every frame of the stretch in the file.
TEST(ViewerGl, ExportsTheStretchOnScreenAsAPngSequence) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path dir = fs::temp_directory_path() / (std::to_string(::getpid()) + "_viewer_frames");
    fs::remove_all(dir);
    ASSERT_EQ(run_viewer("--stretch cat_cow --export-video " + dir.string() + " --export-size 160x120 --export-fps 2"), 0);
    EXPECT_EQ(count_png(dir), static_cast<int>(std::lround(clip_duration_s("cat_cow") * 2.0f)));
    const gfx::Image first = gfx::read_png(dir / "frame_00001.png");
    EXPECT_EQ(first.width, 160);
    EXPECT_EQ(first.height, 120);
    // The picture is not blank: the background gradient and the body differ by far.
    int lo = 255, hi = 0;
    for (int y = 0; y < first.height; ++y)
        for (int x = 0; x < first.width; ++x) {
            lo = std::min(lo, int(first.pixel(x, y)[0]));
            hi = std::max(hi, int(first.pixel(x, y)[0]));
        }
    EXPECT_GT(hi - lo, 80);
    fs::remove_all(dir);
}

TEST(ViewerGl, ExportsTheStoryAsMp4WhenNoStretchIsOnScreen) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path out = fs::temp_directory_path() / (std::to_string(::getpid()) + "_viewer_story.mp4");
    ASSERT_EQ(run_viewer("--export-video " + out.string() + " --export-size 160x120 --export-fps 1"), 0);
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe) << "ffprobe cannot read " << out;
    EXPECT_GT(probe->frames, 10);
    EXPECT_EQ(probe->width, 160);
    fs::remove(out);
}

TEST(ViewerGl, AFailedExportExitsNonZeroAndWritesNothing) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    const fs::path out = fs::temp_directory_path() / (std::to_string(::getpid()) + "_viewer_video.avi");
    EXPECT_EQ(run_viewer("--stretch cat_cow --export-video " + out.string() + " --export-size 160x120"), 1);
    EXPECT_FALSE(fs::exists(out));
}

// --performance opens the performance window: its frame-time graph is a line in the accent amber.
// The panels (whose check marks are amber too) are hidden through a settings file of its own, so
// the window is the only difference between the two pictures.
TEST(ViewerGl, ThePerformanceWindowDrawsItsFrameTimeGraph) {
    if (!have_xvfb()) GTEST_SKIP() << "xvfb-run is not installed";
    auto amber_pixels = [](const fs::path& file) {
        const gfx::Image img = gfx::read_png(file);
        int n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const auto* p = img.pixel(x, y);  // the accent (0.93, 0.62, 0.30), anti-aliased
                n += std::abs(int(p[0]) - 237) < 40 && std::abs(int(p[1]) - 158) < 40 && std::abs(int(p[2]) - 77) < 45 ? 1 : 0;
            }
        return n;
    };
    const std::string base = (fs::temp_directory_path() / std::to_string(::getpid())).string();
    const fs::path config = base + "_viewer_config";
    fs::remove_all(config);
    fs::create_directories(config / "anatomy");
    core::write_file_atomic(config / "anatomy" / "settings.json",
                            R"({"show_posture_panel": false, "show_layers_panel": false, "show_inspector_panel": false})");
    const std::string env = "XDG_CONFIG_HOME=" + config.string() + " ";
    const fs::path without = base + "_viewer_plain.png", with = base + "_viewer_performance.png";
    ASSERT_EQ(run_viewer("--quit-after-frames 40 --ui-screenshot " + without.string(), env), 0);
    ASSERT_EQ(run_viewer("--performance --quit-after-frames 40 --ui-screenshot " + with.string(), env), 0);
    EXPECT_GT(amber_pixels(with), amber_pixels(without) + 150) << "the graph's line: about one pixel a column across the window";
    fs::remove(without);
    fs::remove(with);
    fs::remove_all(config);
}

namespace {
// Runs the real window (1440 x 900 by default) on a 1600 x 1000 screen until frame `frames`, while
// `script` (sh, with $w the window, coordinates in it) acts on it 1.5 s after it shows; saves the
// window, UI included, to `shot`.
int run_driven(const std::string& script, const fs::path& shot, int frames = 400) {
    const std::string body = std::string(ANATOMY_BINARY) + " --quit-after-frames " + std::to_string(frames) + " --ui-screenshot " + shot.string() +
                             " & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); sleep 1.5; " + script + " wait";
    const std::string cmd =
        "env -u SDL_VIDEODRIVER " + isolated_env() + "xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" + body + "' >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
bool have_xdotool() { return std::system("command -v xdotool >/dev/null 2>&1") == 0; }
}  // namespace

// A shortcut pressed after a click in a panel reaches the viewer (it used to go to the panel until
// the 3D view was clicked): a click on the Layers panel's title bar, then F3, closes that panel.
TEST(ViewerGl, ShortcutsWorkAfterAClickInAPanel) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const std::string base = (fs::temp_directory_path() / std::to_string(::getpid())).string();
    const std::string click = "xdotool mousemove --window $w 1250 52 click 1; sleep 0.4; ";  // the Layers panel's title bar
    const fs::path clicked = base + "_clicked.png", pressed = base + "_pressed.png";
    ASSERT_EQ(run_driven(click, clicked), 0);
    ASSERT_EQ(run_driven(click + "xdotool key F3; sleep 0.3;", pressed), 0);
    const gfx::Image a = gfx::read_png(clicked), b = gfx::read_png(pressed);
    ASSERT_EQ(a.width, b.width);
    // Inside the Layers panel's body: its rows in one picture, the 3D view in the other.
    EXPECT_GT(mean_diff(a, b, 1160, 120, 1400, 360), 12.0) << "F3 after a click in the panel did not close it";
    fs::remove(clicked);
    fs::remove(pressed);
}

// Keys tapped faster than a frame reach the panels whole: a scripted Ctrl+A (xdotool presses Ctrl,
// presses A, releases Ctrl, releases A, within milliseconds) selects the search text, so what is
// typed next replaces it. Without it "hamstring" + "zzzz" would still list the hamstrings.
TEST(ViewerGl, AQuickCtrlASelectsTheSearchText) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed (make deps installs them)";
    const std::string base = (fs::temp_directory_path() / std::to_string(::getpid())).string();
    const std::string field = "xdotool mousemove --window $w 1296 488 click 1; sleep 0.4; ";  // the Inspector's search field
    const fs::path replaced = base + "_replaced.png", typed = base + "_typed.png", first = base + "_first.png";
    ASSERT_EQ(
        run_driven(field + "xdotool type --delay 40 hamstring; sleep 0.3; xdotool key ctrl+a; xdotool type --delay 40 zzzz; sleep 0.5;", replaced),
        0);
    ASSERT_EQ(run_driven(field + "xdotool type --delay 40 zzzz; sleep 0.5;", typed), 0);
    ASSERT_EQ(run_driven(field + "xdotool type --delay 40 hamstring; sleep 0.5;", first), 0);
    const gfx::Image a = gfx::read_png(replaced), b = gfx::read_png(typed), c = gfx::read_png(first);
    ASSERT_EQ(a.width, b.width);
    ASSERT_EQ(a.width, c.width);
    // The Inspector below its title: the field and what the search found.
    const int x0 = 1000, y0 = 420, x1 = 1420, y1 = 620;
    EXPECT_GT(mean_diff(b, c, x0, y0, x1, y1), 4.0) << "the two searches should look different: " << typed << " " << first;
    EXPECT_LT(mean_diff(a, b, x0, y0, x1, y1), 1.5) << "Ctrl+A did not select the text, the search is not \"zzzz\": " << replaced;
    if (HasFailure()) return;  // the pictures stay for a look
    fs::remove(replaced);
    fs::remove(typed);
    fs::remove(first);
}

// [SECTION] The idle viewer: it draws only when something changes

namespace {

// Runs the viewer for `seconds` with a frame log while `script` (sh, with $w the window) acts on
// it; returns the presented frames' times (seconds from the loop's start) and the exit code.
struct FrameLog {
    int code = -1;
    std::vector<double> times_s;
    double wall_s = 0.0;
    int after(double t) const {
        return static_cast<int>(std::count_if(times_s.begin(), times_s.end(), [&](double x) { return x > t; }));
    }
};
FrameLog run_logged(const std::string& args, double seconds, const std::string& script, const std::string& env = "") {
    const fs::path log = fs::temp_directory_path() / (std::to_string(::getpid()) + "_frames.txt");
    fs::remove(log);
    const std::string viewer =
        std::string(ANATOMY_BINARY) + " " + args + " --quit-after-seconds " + std::to_string(seconds) + " --frame-log " + log.string();
    const std::string body = viewer + " & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); " + script + " wait";
    const std::string cmd =
        "env -u SDL_VIDEODRIVER " + isolated_env() + env + "xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" + body + "' >/dev/null 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    FrameLog r;
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (fs::exists(log)) {
        std::istringstream in(core::read_file(log));
        for (double t, mono; in >> t >> mono;) r.times_s.push_back(t);
    }
    fs::remove(log);
    return r;
}
}  // namespace

TEST(ViewerGl, TheIdleViewerPresentsAlmostNothing) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    // Start-up settles in well under two seconds; the next two seconds are idle. A viewer that
    // draws continuously presents some 50 to 120 frames there.
    const FrameLog r = run_logged("", 4.0, "");
    ASSERT_EQ(r.code, 0);
    ASSERT_FALSE(r.times_s.empty()) << "it drew its first frames";
    EXPECT_LE(r.after(2.0), 3) << "frames presented while idle";
}

TEST(ViewerGl, InputAPlayingStretchAndAChangedShaderEachMakeItDraw) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    // A key (the posterior view: the camera glides) two seconds in.
    const FrameLog key = run_logged("", 5.0, "sleep 2; xdotool key --window $w 2;");
    ASSERT_EQ(key.code, 0);
    // At least the frames owed to an event and some of the glide, even at a sanitizer build's pace.
    EXPECT_GE(key.after(1.8), 4) << "the frames of the camera's glide after the key";
    // A stretch plays: frame after frame.
    const FrameLog play = run_logged("--stretch cat_cow", 3.0, "");
    ASSERT_EQ(play.code, 0);
    EXPECT_GE(play.after(1.0), 8) << "an idle viewer presents at most 3; a playing one every frame (even under a sanitizer)";
    // A watched file changes: the shaders reload and the picture shows it (and the notice).
    const fs::path root = fs::temp_directory_path() / (std::to_string(::getpid()) + "_root");
    fs::remove_all(root);
    fs::create_directories(root);
    fs::create_directory_symlink(core::asset_dir(), root / "assets");
    fs::copy(core::shader_dir(), root / "shaders", fs::copy_options::recursive);
    const FrameLog reload = run_logged("", 5.0, "sleep 2; echo \"// touched\" >> " + (root / "shaders" / "mesh.frag").string() + ";",
                                       "ANATOMY_ROOT=" + root.string() + " ");
    fs::remove_all(root);
    ASSERT_EQ(reload.code, 0);
    EXPECT_GE(reload.after(1.8), 1) << "no frame after the shader changed";
}

TEST(ViewerGl, AMouseClickInTheIdleViewMakesItDraw) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    // Idle after start-up; then the pointer moves over the body and clicks (a pick): the frame
    // after the event shows its effect (the hover, the selection).
    const FrameLog r = run_logged("", 5.0, "sleep 2.5; xdotool mousemove --window $w 720 420; sleep 0.4; xdotool click --window $w 1;");
    ASSERT_EQ(r.code, 0);
    EXPECT_GE(r.after(2.4), 2) << "an idle viewer draws none here (checked); the hover and the click each draw";
}

TEST(ViewerGl, ClosingTheIdleViewerExitsAtOnce) {
    if (!have_xvfb() || !have_xdotool()) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    const FrameLog r = run_logged("", 60.0, "sleep 2; xdotool key --window $w ctrl+q;");
    EXPECT_EQ(r.code, 0);
    EXPECT_LT(r.wall_s, 20.0) << "the viewer waited instead of quitting";
}
