// The snapshot command end to end: a real process, offscreen, writing a PNG.
#include "gl_fixture.hpp"

#include "gfx/image.hpp"

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace {
int run(const std::string& args) {
    const std::string cmd = std::string("SDL_VIDEODRIVER=offscreen ") + ANATOMY_BINARY + " " + args + " >/dev/null 2>&1";
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
    ASSERT_EQ(run("snapshot -o " + out.string() + " --size 300x300 --view left --preset lower_crossed --overlays --ghost "
                  "--highlight hip_flexors --color stretch"), 0);
    const gfx::Image img = gfx::read_png(out);
    EXPECT_EQ(img.height, 300);
    fs::remove(out);
    EXPECT_EQ(run("snapshot -o " + out.string() + " --highlight nonsense_group"), 1);
    EXPECT_EQ(run("snapshot -o " + out.string() + " --color purple"), 2);
}
