// `anatomy export-video` end to end: a real process rendering offscreen, ffmpeg encoding, and
// ffprobe counting what came out. Videos are short and small: the renderer is software.
#include "isolated_env.hpp"
#include "temp_dir_test_fixture.hpp"
#include "video_probe.hpp"

#include "core/files.hpp"
#include "core/json.hpp"
#include "gfx/image.hpp"
#include "ui/video_encoder.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <regex>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

// Runs the binary offscreen with `env` before it (e.g. "PATH=/x"), capturing both streams.
Result run(const std::string& args, const std::string& env = "") {
    const fs::path out = fs::temp_directory_path() / (std::to_string(::getpid()) + "_export_out.txt");
    const fs::path err = fs::temp_directory_path() / (std::to_string(::getpid()) + "_export_err.txt");
    const std::string cmd =
        "env SDL_VIDEODRIVER=offscreen " + isolated_env() + env + " " + ANATOMY_BINARY + " " + args + " >" + out.string() + " 2>" + err.string();
    const int rc = std::system(cmd.c_str());
    Result r;
    r.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = core::read_file(out);
    r.err = core::read_file(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

// The length of a stretch clip: the time of its last keyframe.
float clip_duration_s(const std::string& id) {
    const fs::path file = core::asset_dir() / "stretches" / (id + ".json");
    const core::Json j = core::parse_json(file.string(), core::read_file(file));
    return j.at("keyframes").back().at("t_s").get<float>();
}

class ExportVideo : public TempDirTest {
protected:
    ExportVideo() : TempDirTest("anatomy_export") {}
};

}  // namespace

TEST_F(ExportVideo, StretchToMp4HasEveryFrameAtTheAskedSize) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed (scripts/deps.sh installs it)";
    const fs::path out = dir_ / "cat_cow.mp4";
    const Result r = run("export-video --stretch cat_cow -o " + out.string() + " --fps 10 --size 320x240");
    ASSERT_EQ(r.code, 0) << r.err;
    // One frame every 1/10 s from the start of the clip to its end.
    const int expected = static_cast<int>(std::lround(clip_duration_s("cat_cow") * 10.0f));
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe) << "ffprobe cannot read " << out;
    EXPECT_EQ(probe->frames, expected);
    EXPECT_EQ(probe->width, 320);
    EXPECT_EQ(probe->height, 240);
    EXPECT_NE(r.out.find(out.string()), std::string::npos) << "the output path is printed: " << r.out;
    EXPECT_NE(r.err.find("frame " + std::to_string(expected) + " of " + std::to_string(expected)), std::string::npos) << r.err;
    EXPECT_EQ(entries(), std::vector<std::string>{"cat_cow.mp4"});
}

TEST_F(ExportVideo, StretchToGifIsReadable) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path out = dir_ / "drill.gif";
    const Result r = run("export-video --stretch pelvic_tilt_drill --side left --cue -o " + out.string() + " --fps 4 --size 200x150");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe) << "ffprobe cannot read " << out;
    EXPECT_EQ(probe->frames, static_cast<int>(std::lround(clip_duration_s("pelvic_tilt_drill") * 4.0f)));
    EXPECT_EQ(probe->width, 200);
    EXPECT_EQ(probe->height, 150);
}

TEST_F(ExportVideo, PngSequenceHasEveryFrameAtItsSizeAndShowsTheStretch) {
    const fs::path out = dir_ / "frames";
    const Result r = run("export-video --stretch cat_cow -o " + out.string() + " --fps 2 --size 160x120", "PATH=/nonexistent");
    ASSERT_EQ(r.code, 0) << "a PNG sequence needs no ffmpeg: " << r.err;
    const int expected = static_cast<int>(std::lround(clip_duration_s("cat_cow") * 2.0f));
    int count = 0;
    for (const auto& e : fs::directory_iterator(out)) count += e.path().extension() == ".png" ? 1 : 0;
    EXPECT_EQ(count, expected);
    const gfx::Image first = gfx::read_png(out / "frame_00001.png");
    const gfx::Image last = gfx::read_png(out / ui::png_sequence_name(expected - 1, expected));
    EXPECT_EQ(first.width, 160);
    EXPECT_EQ(first.height, 120);
    EXPECT_EQ(last.width, 160);
    // The mat is there, in its blue-grey.
    int mat = 0;
    for (int y = 0; y < first.height; ++y)
        for (int x = 0; x < first.width; ++x) {
            const auto* p = first.pixel(x, y);
            mat += p[2] > 90 && p[2] > p[0] + 40 && p[2] > p[1] + 10 ? 1 : 0;
        }
    EXPECT_GT(mat, 100);
}

// --follow: the camera glides after the body as it kneels, then holds still while the body
// shifts forward a few centimetres in the hold, so that shift shows against the floor. The floor
// at the picture's lower left (no body, no mat there) tells whether the camera moved.
TEST_F(ExportVideo, FollowGoesWithTheKneelAndHoldsStillThroughTheHold) {
    const fs::path out = dir_ / "follow";
    const Result r = run("export-video --stretch half_kneeling_hip_flexor --follow --no-caption --png --fps 2 --size 320x180 -o " + out.string());
    ASSERT_EQ(r.code, 0) << r.err;
    // Frame n shows t = (n - 1) / 2 s: kneeling down by 1 s, the forward shift from 3.3 to 5 s.
    auto floor_pixels_differing = [&](int a, int b) {
        const gfx::Image ia = gfx::read_png(out / ui::png_sequence_name(a - 1, 100));
        const gfx::Image ib = gfx::read_png(out / ui::png_sequence_name(b - 1, 100));
        int n = 0;
        for (int y = ia.height * 7 / 10; y < ia.height; ++y)
            for (int x = 0; x < ia.width / 4; ++x) n += std::memcmp(ia.pixel(x, y), ib.pixel(x, y), 3) != 0 ? 1 : 0;
        return n;
    };
    EXPECT_GT(floor_pixels_differing(2, 8), 500) << "the camera went down with the body";
    EXPECT_EQ(floor_pixels_differing(8, 13), 0) << "and held still through the hold's small shift";
}

TEST_F(ExportVideo, StoryFromAFileHasEveryStepsFrames) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path story = dir_ / "story.json";
    std::ofstream(story) << R"({"format": "anatomy-story-1", "title": "Two steps",
      "steps": [{"title": "Neutral", "text": "Standing.", "preset": "neutral", "view": "left", "focus": "pelvis", "distance_m": 2.0,
                 "overlays": [], "highlight": []},
                {"title": "Tight", "text": "The pelvis tips.", "preset": "tight_hip_flexors", "view": "left", "focus": "pelvis",
                 "distance_m": 1.6, "overlays": ["asis_psis"], "highlight": ["hip_flexors"], "ghost": true}]})";
    const fs::path out = dir_ / "story.mp4";
    const Result r = run("export-video --story " + story.string() + " -o " + out.string() + " --fps 4 --size 192x108 --step-seconds 1.5");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->frames, 12);  // 2 steps x 1.5 s x 4 fps
    EXPECT_EQ(probe->width, 192);
}

TEST_F(ExportVideo, TheGuidedStoryExports) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path out = dir_ / "story.mp4";
    const Result r = run("export-video --story -o " + out.string() + " --fps 2 --size 160x90 --step-seconds 1");
    ASSERT_EQ(r.code, 0) << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"((\d+) frames at 2 fps)"))) << r.out;
    const int frames = std::stoi(m[1]);
    // Six steps; the stretch step plays the whole half-kneeling stretch.
    EXPECT_GE(frames, static_cast<int>(2.0f * (5.0f + clip_duration_s("half_kneeling_hip_flexor"))));
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->frames, frames);
    EXPECT_EQ(probe->height, 90);
}

TEST_F(ExportVideo, MistakesAreClearAndLeaveNothing) {
    const std::string out = (dir_ / "x.mp4").string();
    Result r = run("export-video --stretch no_such_stretch -o " + out);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("no_such_stretch"), std::string::npos) << r.err;
    EXPECT_EQ(run("export-video --stretch cat_cow").code, 2) << "-o is required";
    EXPECT_EQ(run("export-video --stretch cat_cow --story -o " + out).code, 2) << "one of --stretch and --story";
    EXPECT_EQ(run("export-video -o " + out).code, 2) << "neither --stretch nor --story";
    EXPECT_EQ(run("export-video --stretch cat_cow --fps 0 -o " + out).code, 2);
    EXPECT_EQ(run("export-video --stretch cat_cow --size 10x10 -o " + out).code, 2);
    EXPECT_EQ(run("export-video --stretch cat_cow --side middle -o " + out).code, 2);
    EXPECT_EQ(run("export-video --stretch cat_cow -o " + (dir_ / "x.avi").string()).code, 1);
    EXPECT_EQ(run("export-video --story --preset tight_hamstrings -o " + out).code, 1);
    r = run("export-video --stretch cat_cow -o " + (dir_ / "missing_folder" / "x.mp4").string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("missing_folder"), std::string::npos) << r.err;
    r = run("export-video --stretch cat_cow -o /proc/anatomy_x.mp4");
    EXPECT_EQ(r.code, 1) << "an unwritable place";
    EXPECT_TRUE(entries().empty());
}

TEST_F(ExportVideo, MissingFfmpegNamesItAndLeavesNothing) {
    const fs::path empty = dir_ / "empty_bin";
    fs::create_directories(empty);
    const Result r = run("export-video --stretch cat_cow -o " + (dir_ / "x.mp4").string() + " --fps 2 --size 64x64", "PATH=" + empty.string());
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("ffmpeg"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("PNG sequence"), std::string::npos) << r.err;
    EXPECT_EQ(entries(), std::vector<std::string>{"empty_bin"});
}

TEST_F(ExportVideo, FailingFfmpegShowsItsMessageAndLeavesNothing) {
    const fs::path bin = dir_ / "bin";
    fs::create_directories(bin);
    std::ofstream(bin / "ffmpeg") << "#!/bin/sh\necho 'Unknown encoder libx264' >&2\nexit 1\n";
    fs::permissions(bin / "ffmpeg", fs::perms::owner_all);
    const Result r =
        run("export-video --stretch cat_cow -o " + (dir_ / "x.gif").string() + " --fps 2 --size 64x64", "PATH=" + bin.string() + ":/usr/bin:/bin");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("Unknown encoder libx264"), std::string::npos) << r.err;
    EXPECT_EQ(entries(), std::vector<std::string>{"bin"});
}

TEST_F(ExportVideo, InterruptedExportLeavesNothing) {
    if (std::system("command -v timeout >/dev/null 2>&1") != 0) GTEST_SKIP() << "no timeout(1)";
    // Ctrl+C after a moment: the export stops after the frame it is making and cleans up.
    const Result r =
        run("export-video --stretch couch_stretch -o " + (dir_ / "x").string() + " --fps 30 --size 320x240", "timeout --preserve-status -s INT 3");
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("cancelled"), std::string::npos) << r.err;
    EXPECT_TRUE(entries().empty());
}

// The caption's size: below 720p it is small by default (it covers less of the picture than a
// large one), and --caption-size chooses; an unknown size is a usage error.
TEST_F(ExportVideo, CaptionSizeIsSmallByDefaultInSmallVideosAndCanBeChosen) {
    auto caption_rows = [&](const std::string& extra, const std::string& name) {
        const fs::path out = dir_ / name;
        const Result r = run("export-video --stretch cat_cow --png --fps 1 --size 640x360 " + extra + " -o " + out.string());
        EXPECT_EQ(r.code, 0) << r.err;
        // The caption is the darkest thing in the frame: count the rows of its box near the bottom centre.
        const gfx::Image img = gfx::read_png(out / ui::png_sequence_name(9, 100));
        int rows = 0;
        for (int y = img.height / 3; y < img.height; ++y) {
            int dark = 0;
            for (int x = img.width / 2 - 40; x < img.width / 2 + 40; ++x) {
                const auto* p = img.pixel(x, y);
                dark += p[0] < 30 && p[1] < 32 && p[2] < 38;
            }
            rows += dark > 60;
        }
        return rows;
    };
    const int automatic = caption_rows("", "auto"), small = caption_rows("--caption-size small", "small"),
              large = caption_rows("--caption-size large", "large");
    EXPECT_GT(small, 10) << "a caption is drawn";
    EXPECT_EQ(automatic, small) << "small by default below 720p";
    EXPECT_GT(large, small + 8) << "large text makes a taller caption";
    EXPECT_LE(small, 360 * 0.25) << "the small caption leaves the body visible";
    EXPECT_EQ(run("export-video --stretch cat_cow --caption-size huge -o " + (dir_ / "x.mp4").string()).code, 2);
}
