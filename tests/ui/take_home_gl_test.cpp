// File > Export handout and File > Export 3D scene in the real window (Xvfb, driven with
// xdotool at the default layout): each writes its file where the save dialog points (the
// viewer's working folder), and the files are what the commands write: a PDF with a page per
// stretch, and a glb that Assimp reads back.
#include "../isolated_env.hpp"

#include "core/files.hpp"

#include <gtest/gtest.h>

#include <assimp/Importer.hpp>
#include <assimp/scene.h>

#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

// The window is 1440 x 900 at the default scale; menu items and the save dialog's button sit at
// these points (window coordinates).
int drive(const fs::path& dir, const std::string& menu_item_y, double wait_s) {
    const std::string clicks =
        "sleep 2; xdotool mousemove --window $w 24 10 click 1; sleep 0.7; xdotool mousemove --window $w 70 " + menu_item_y + " click 1; sleep 1; ";
    const std::string handout_save = menu_item_y == "283" ? "xdotool mousemove --window $w 174 658 click 1; sleep 1; " : "";
    const std::string script = "cd " + dir.string() + " && " + ANATOMY_BINARY + " --preset tight_hip_flexors --quit-after-seconds " +
                               std::to_string(wait_s) + " & w=$(timeout 120 xdotool search --sync --onlyvisible --name Anatomy | head -1); " + clicks +
                               handout_save + "xdotool mousemove --window $w 874 603 click 1; wait";
    const std::string cmd = "env -u SDL_VIDEODRIVER " + isolated_env() + "xvfb-run -a -s '-screen 0 1600x1000x24' sh -c '" + script + "' >" +
                            (dir / "log.txt").string() + " 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
}  // namespace

TEST(TakeHomeGl, TheFileMenuExportsAHandoutAndA3dScene) {
    if (!have("xvfb-run") || !have("xdotool")) GTEST_SKIP() << "xvfb-run or xdotool is not installed";
    const fs::path dir = fs::temp_directory_path() / ("anatomy_take_home_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);

    // Export handout: the window's Save, then the dialog's Save; the writer runs in the background.
    EXPECT_EQ(drive(dir, "283", 12.0), 0) << core::read_file(dir / "log.txt");
    // The writer is its own process: it finishes even when the viewer has closed (slowly under a
    // sanitizer); the file appears whole, by a rename.
    for (int i = 0; i < 240 && !fs::exists(dir / "handout.pdf"); ++i) ::usleep(250000);
    ASSERT_TRUE(fs::exists(dir / "handout.pdf")) << core::read_file(dir / "log.txt");
    const std::string head = core::read_file(dir / "handout.pdf").substr(0, 5);
    EXPECT_EQ(head, "%PDF-");
    if (have("pdfinfo")) {
        FILE* p = popen(("pdfinfo " + (dir / "handout.pdf").string()).c_str(), "r");
        std::string info;
        char buf[512];
        while (p && fgets(buf, sizeof(buf), p)) info += buf;
        if (p) pclose(p);
        EXPECT_NE(info.find("Pages:           3"), std::string::npos) << "the posture and the two default stretches\n" << info;
    }

    // Export 3D scene: the dialog's Save writes anatomy.glb at once.
    EXPECT_EQ(drive(dir, "304", 8.0), 0) << core::read_file(dir / "log.txt");
    ASSERT_TRUE(fs::exists(dir / "anatomy.glb")) << core::read_file(dir / "log.txt");
    Assimp::Importer importer;
    const aiScene* scene = importer.ReadFile((dir / "anatomy.glb").string(), 0);
    ASSERT_NE(scene, nullptr) << importer.GetErrorString();
    EXPECT_GT(scene->mNumMeshes, 100u) << "bones and muscles";
    EXPECT_NE(scene->mRootNode->FindNode("psoas_r"), nullptr);
    EXPECT_NE(scene->mRootNode->FindNode("femur_r"), nullptr);
    fs::remove_all(dir);
}
