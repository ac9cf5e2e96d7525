// Replays every saved fuzz input (tests/data/fuzz/<target>/) through the same readers the fuzz
// targets exercise: what the fuzzer once found stays fixed. Runs in every `make test`.
#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "anim/clip.hpp"
#include "anim/sampler.hpp"
#include "assets/model.hpp"
#include "biomech/presets.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "gfx/image.hpp"
#include "biomech/radiograph.hpp"
#include "scene/landmarks.hpp"
#include "scene/profile.hpp"
#include "scene/story.hpp"
#include "ui/settings.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const anat::Skeleton& skeleton() {
    static const anat::Skeleton s = anat::build_default_skeleton();
    return s;
}

// Every input must either parse or raise core::Error; anything else (crash, other exception) fails.
void replay(const std::string& target, const std::function<void(const std::string&)>& read) {
    const fs::path dir = fs::path(ANATOMY_TEST_DATA) / "fuzz" / target;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    int count = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        const std::string bytes = core::read_file(e.path());
        try {
            read(bytes);
        } catch (const core::Error&) {}
        ++count;
    }
    EXPECT_GT(count, 0) << "no inputs in " << dir;
}

}  // namespace

TEST(FuzzReplay, MuscleCatalogue) {
    replay("fuzz_muscle_catalogue", [](const std::string& t) {
        (void)anat::validate_muscle_catalogue(t, "x.json", skeleton());
        (void)anat::load_muscle_catalogue(t, "x.json", skeleton());
    });
}
TEST(FuzzReplay, Presets) {
    replay("fuzz_presets", [](const std::string& t) { (void)biomech::load_presets(t, "x.json"); });
}
TEST(FuzzReplay, Profile) {
    replay("fuzz_profile", [](const std::string& t) {
        const auto p = scene::parse_profile(t, "x.json");
        EXPECT_TRUE(scene::parse_profile(scene::serialize_profile(p), "y.json") == p);
    });
}
TEST(FuzzReplay, Settings) {
    replay("fuzz_settings", [](const std::string& t) {
        std::vector<std::string> problems;
        (void)ui::parse_settings(t, "x.json", problems);
    });
}
TEST(FuzzReplay, ModelImport) {
    replay("fuzz_model_import", [](const std::string& t) {
        if (t.size() < 2) return;
        static const char* hints[] = {"glb", "gltf", "obj", "fbx", "ply", "stl"};
        (void)assets::load_model_from_memory(t.substr(1), hints[static_cast<unsigned char>(t[0]) % 6], "x");
    });
}
TEST(FuzzReplay, Story) {
    replay("fuzz_story", [](const std::string& t) { (void)scene::parse_story(t, "x.json"); });
}
TEST(FuzzReplay, Landmarks) {
    replay("fuzz_landmarks", [](const std::string& t) {
        const scene::LandmarksFile f = scene::parse_landmarks(t, "x.json");
        scene::check_points_inside(f, 1000, 800, "x.json");
        const auto points = scene::to_sagittal(f);
        (void)biomech::measure_landmarks(points);
        biomech::check_upright_facing(points);
    });
}
TEST(FuzzReplay, Image) {
    const fs::path file = fs::temp_directory_path() / ("replay_image_" + std::to_string(::getpid()));
    replay("fuzz_image", [&](const std::string& t) {
        core::write_file_atomic(file, t);
        (void)gfx::read_image(file);
    });
    fs::remove(file);
}
TEST(FuzzReplay, Skeleton) {
    replay("fuzz_skeleton", [](const std::string& t) { (void)anat::build_skeleton(t, "x.json", {}); });
}
TEST(FuzzReplay, Clip) {
    static const anim::Rig rig = anim::load_default_rig(skeleton());
    replay("fuzz_clip", [](const std::string& t) {
        const anim::Clip clip = anim::parse_clip(rig, t, "x.json");
        anim::Frame f;
        anim::evaluate(rig, anim::mirror_clip(rig, clip), 0.5f * clip.duration_s(), f);
        for (const auto& w : f.world_from_bone) EXPECT_TRUE(std::isfinite(w.translation.y));
    });
}
