// `cmake --install` lays out a tree that runs on its own: installed into a temporary prefix, the
// binary finds its data there (not in the build or source tree), renders a snapshot, and says
// where it looked when the data is missing.
#include "../isolated_env.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {
int sh(const std::string& cmd) {
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
}  // namespace

TEST(Install, TheInstalledTreeRunsOnItsOwnAndSaysWhereItLooked) {
    const fs::path prefix = fs::temp_directory_path() / ("anatomy_install_" + std::to_string(::getpid()));
    fs::remove_all(prefix);
    const fs::path log = prefix.string() + ".log";
    ASSERT_EQ(sh("cmake --install " + std::string(ANATOMY_BUILD_DIR) + " --prefix " + prefix.string() + " >" + log.string() + " 2>&1"), 0)
        << core::read_file(log);
    for (const char* f :
         {"bin/anatomy", "share/anatomy/shaders/mesh.frag", "share/anatomy/assets/skeleton.glb", "share/anatomy/assets/muscles/muscles.json",
          "share/applications/anatomy.desktop", "share/mime/packages/anatomy.xml", "share/man/man1/anatomy.1.gz",
          "share/icons/hicolor/256x256/apps/anatomy.png", "share/icons/hicolor/16x16/apps/anatomy.png"})
        EXPECT_TRUE(fs::exists(prefix / f)) << f;

    // The binary away from the build tree: its data comes from <prefix>/share/anatomy. (The
    // generated-assets override is cleared so nothing points back at the build.)
    const std::string env =
        "env -u ANATOMY_ROOT -u ANATOMY_GENERATED_ASSETS " + isolated_env() + "XDG_DATA_DIRS=/nonexistent SDL_VIDEODRIVER=offscreen ";
    const fs::path shot = prefix / "shot.png";
    ASSERT_EQ(sh(env + (prefix / "bin/anatomy").string() + " snapshot -o " + shot.string() + " --size 320x240 >" + log.string() + " 2>&1"), 0)
        << core::read_file(log);
    const gfx::Image img = gfx::read_png(shot);
    EXPECT_EQ(img.width, 320);
    // The installed icon is the app's own render: not empty, transparent around the bones.
    const gfx::Image icon = gfx::read_png(prefix / "share/icons/hicolor/256x256/apps/anatomy.png");
    ASSERT_EQ(icon.width, 256);
    int opaque = 0;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) opaque += icon.pixel(x, y)[3] > 128;
    EXPECT_GT(opaque, 256 * 256 / 10) << "the icon shows something";
    EXPECT_LT(opaque, 256 * 256 * 9 / 10) << "the icon has a transparent background";

    // Without its data it says where it looked, and fails cleanly.
    fs::remove_all(prefix / "share/anatomy");
    EXPECT_EQ(sh(env + (prefix / "bin/anatomy").string() + " snapshot -o " + shot.string() + ".2 >" + log.string() + " 2>&1"), 1);
    const std::string out = core::read_file(log);
    EXPECT_NE(out.find((prefix / "share" / "anatomy").string()), std::string::npos) << out;
    EXPECT_NE(out.find("ANATOMY_ROOT"), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(shot.string() + ".2"));
    fs::remove_all(prefix);
    fs::remove(log);
}
