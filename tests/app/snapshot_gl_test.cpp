// The snapshot command end to end: a real process, offscreen, writing a PNG.
#include "gl_fixture.hpp"
#include "isolated_env.hpp"

#include "gfx/image.hpp"

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace {
int run(const std::string& args) {
    const std::string cmd = "env SDL_VIDEODRIVER=offscreen " + isolated_env() + ANATOMY_BINARY + " " + args + " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
fs::path tmp(const std::string& name) { return fs::temp_directory_path() / (std::to_string(::getpid()) + "_" + name); }
}  // namespace

TEST(SnapshotCommand, WritesAPngOfTheAskedSize) {
    const fs::path out = tmp("snap.png");
    ASSERT_EQ(run("snapshot -o " + out.string() + " --size 320x180 --view left"), 0);
    const gfx::Image img = gfx::read_png(out);
    EXPECT_EQ(img.width, 320);
    EXPECT_EQ(img.height, 180);
    EXPECT_EQ(img.pixel(0, 0)[3], 255);
    fs::remove(out);
}

TEST(SnapshotCommand, TransparentBackgroundHasAlpha) {
    const fs::path out = tmp("snap_t.png");
    ASSERT_EQ(run("snapshot -o " + out.string() + " --size 200x300 --transparent"), 0);
    const gfx::Image img = gfx::read_png(out);
    EXPECT_EQ(img.width, 200);
    EXPECT_EQ(img.pixel(0, 0)[3], 0);
    // The body itself is opaque: a good share of pixels are fully covered.
    int opaque = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) opaque += img.pixel(x, y)[3] == 255;
    EXPECT_GT(opaque, img.width * img.height / 100);
    fs::remove(out);
}

TEST(SnapshotCommand, CorruptModelFailsCleanlyAndWritesNothing) {
    const fs::path model = tmp("bad.glb");
    std::ofstream(model) << "glTF this is not a model";
    const fs::path out = tmp("never.png");
    EXPECT_EQ(run("snapshot -o " + out.string() + " --model " + model.string()), 1);
    EXPECT_FALSE(fs::exists(out));
    fs::remove(model);
}

TEST(SnapshotCommand, UsesAProfileAndRefusesANewerOne) {
    const fs::path profile = tmp("profile.json");
    std::ofstream(profile) << R"({"format": "anatomy-profile", "version": 1, "patient": "", "notes": "", "saved_at": "",
      "posture": {"groups": {"hip_flexors": 70}, "muscles": []},
      "measurements": {"pelvic_tilt_clinical_deg": 0, "pelvic_tilt_deg": 0, "sacral_slope_deg": 0, "pelvic_incidence_deg": 0,
                       "lumbar_lordosis_deg": 0, "hip_flexion_deg": 0, "knee_flexion_deg": 0},
      "annotations": [{"target": "muscle", "id": "psoas_r", "text": "Tight"}]})";
    const fs::path out = tmp("profile.png");
    ASSERT_EQ(run("snapshot -o " + out.string() + " --size 240x320 --profile " + profile.string()), 0);
    EXPECT_EQ(gfx::read_png(out).width, 240);
    fs::remove(out);
    std::ofstream(profile) << R"({"format": "anatomy-profile", "version": 99})";
    EXPECT_EQ(run("snapshot -o " + out.string() + " --profile " + profile.string()), 1);
    EXPECT_FALSE(fs::exists(out));
    fs::remove(profile);
}

TEST(SnapshotCommand, PostureHighlightAndOverlayOptionsRender) {
    const fs::path out = tmp("posture.png");
    ASSERT_EQ(run("snapshot -o " + out.string() +
                  " --size 300x300 --view left --preset lower_crossed --overlays --ghost "
                  "--highlight hip_flexors --color stretch"),
              0);
    const gfx::Image img = gfx::read_png(out);
    EXPECT_EQ(img.height, 300);
    fs::remove(out);
    EXPECT_EQ(run("snapshot -o " + out.string() + " --highlight nonsense_group"), 1);
    EXPECT_EQ(run("snapshot -o " + out.string() + " --color purple"), 2);
}

namespace {
int count_pixels(const gfx::Image& img, bool (*match)(const std::uint8_t*)) {
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) n += match(img.pixel(x, y)) ? 1 : 0;
    return n;
}
bool wood(const std::uint8_t* p) { return p[0] > 100 && p[0] > p[2] + 45 && p[1] > p[2] + 15; }
bool mat_blue(const std::uint8_t* p) { return p[2] > 90 && p[2] > p[0] + 40 && p[2] > p[1] + 10; }
}  // namespace

TEST(SnapshotCommand, StretchFramesShowTheBodyMovingAndTheProps) {
    const fs::path start = tmp("step0.png"), hold = tmp("step15.png"), lunge = tmp("lunge.png");
    ASSERT_EQ(run("snapshot -o " + start.string() + " --size 320x240 --stretch standing_hamstring_step --time 0"), 0);
    ASSERT_EQ(run("snapshot -o " + hold.string() + " --size 320x240 --stretch standing_hamstring_step --time 15"), 0);
    ASSERT_EQ(run("snapshot -o " + lunge.string() + " --size 320x240 --stretch half_kneeling_hip_flexor --time 15 --side left"), 0);
    const gfx::Image a = gfx::read_png(start), b = gfx::read_png(hold), c = gfx::read_png(lunge);
    EXPECT_GT(count_pixels(b, wood), 200) << "the step is drawn";
    EXPECT_GT(count_pixels(c, mat_blue), 500) << "the mat is drawn";
    // The heel goes up on the step: the pictures differ in many places.
    int changed = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) {
            const auto* p = a.pixel(x, y);
            const auto* q = b.pixel(x, y);
            changed += std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 60 ? 1 : 0;
        }
    EXPECT_GT(changed, 1000);
    for (const auto& f : {start, hold, lunge}) fs::remove(f);
}

TEST(SnapshotCommand, StretchMistakesAreClearAndWriteNothing) {
    const fs::path out = tmp("never_stretch.png");
    EXPECT_EQ(run("snapshot -o " + out.string() + " --stretch no_such_stretch"), 1);
    EXPECT_EQ(run("snapshot -o " + out.string() + " --time 3"), 1);  // --time needs --stretch
    EXPECT_EQ(run("snapshot -o " + out.string() + " --stretch couch_stretch --side middle"), 2);
    EXPECT_FALSE(fs::exists(out));
}

TEST(SoakCommand, TwoQuickCyclesLeakNothing) {
    // Every preset and every stretch on both sides, twice, at a small size: no GL errors, no
    // growth in GL objects or memory (make soak runs it for minutes at 1280x720).
    EXPECT_EQ(run("soak --cycles 2 --size 160x120 --step 6"), 0);
    EXPECT_EQ(run("soak --cycles 2 --minutes 1"), 1);  // one or the other
}

// A close-up fills the frame with the pelvis: far more of a transparent picture is covered than
// in the whole-body view; --only leaves the other muscles out (no red below the pelvis); unknown
// names are errors that write nothing.
TEST(SnapshotCommand, FocusFramesACloseUpAndOnlyDrawsTheNamedMuscles) {
    auto coverage = [](const gfx::Image& img, bool red_only, int y_from) {
        int n = 0;
        for (int y = y_from; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const auto* p = img.pixel(x, y);
                if (p[3] < 128) continue;
                if (!red_only || (p[0] > 120 && p[0] > p[1] + 50 && p[0] > p[2] + 50)) ++n;
            }
        return static_cast<double>(n) / (img.width * (img.height - y_from));
    };
    const fs::path whole = tmp("whole.png"), close = tmp("close.png"), only = tmp("only.png");
    ASSERT_EQ(run("snapshot -o " + whole.string() + " --size 200x200 --transparent"), 0);
    ASSERT_EQ(run("snapshot -o " + close.string() + " --size 200x200 --transparent --focus pelvis --yaw 0 --pitch 8"), 0);
    const double whole_cover = coverage(gfx::read_png(whole), false, 0), close_cover = coverage(gfx::read_png(close), false, 0);
    EXPECT_GT(close_cover, 2.5 * whole_cover) << "the close-up fills the frame";
    // The thighs' muscles fill the lower part of the close-up; with --only psoas,iliacus they are gone.
    ASSERT_EQ(run("snapshot -o " + only.string() + " --size 200x200 --transparent --focus pelvis --yaw 0 --pitch 8 --only psoas,iliacus"), 0);
    const double red_all = coverage(gfx::read_png(close), true, 170), red_only = coverage(gfx::read_png(only), true, 170);
    EXPECT_LT(red_only, 0.5 * red_all) << "thigh muscles drawn below the pelvis despite --only";
    EXPECT_GT(coverage(gfx::read_png(only), true, 0), 0.02) << "the psoas and iliacus are drawn";
    const fs::path never = tmp("never_focus.png");
    EXPECT_EQ(run("snapshot -o " + never.string() + " --focus elbow_of_nowhere"), 1);
    EXPECT_EQ(run("snapshot -o " + never.string() + " --only nonsense"), 1);
    EXPECT_EQ(run("snapshot -o " + never.string() + " --pitch 95"), 2);
    EXPECT_FALSE(fs::exists(never));
    for (const auto& f : {whole, close, only}) fs::remove(f);
}

// --hide-arms (the Layers panel's Arms box): the arm bones are not drawn. From the front the arms
// are the outermost parts of the body, so the picture's outer columns empty.
TEST(SnapshotCommand, HideArmsRemovesTheArmBones) {
    auto outer_opaque = [](const fs::path& file) {
        const gfx::Image img = gfx::read_png(file);
        int n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const bool outer = x < img.width * 3 / 10 || x >= img.width * 7 / 10;
                if (outer && img.pixel(x, y)[3] > 200) ++n;
            }
        return n;
    };
    const fs::path with = tmp("arms.png"), without = tmp("no_arms.png");
    ASSERT_EQ(run("snapshot -o " + with.string() + " --size 300x600 --transparent --layers skeleton"), 0);
    ASSERT_EQ(run("snapshot -o " + without.string() + " --size 300x600 --transparent --layers skeleton --hide-arms"), 0);
    const int a = outer_opaque(with), b = outer_opaque(without);
    EXPECT_GT(a, 500) << "the arms are in the outer columns";
    EXPECT_LT(b, a / 4) << "hidden, they are gone";
    fs::remove(with);
    fs::remove(without);
}
