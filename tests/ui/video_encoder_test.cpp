// The video encoder without any rendering: formats from names, ffmpeg as a child process (MP4,
// GIF), PNG sequences, and the promise that nothing half-written is ever left behind.
#include "temp_dir_test_fixture.hpp"
#include "video_probe.hpp"

#include "core/error.hpp"
#include "ui/video_encoder.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using ui::VideoEncoder;
using ui::VideoFormat;

namespace {

// A folder of its own for each test, removed afterwards.
class VideoEncoderTest : public TempDirTest {
protected:
    VideoEncoderTest() : TempDirTest("anatomy_video") {}
};

// A frame with a square that moves with `i`, so consecutive frames differ.
gfx::Image test_frame(glm::ivec2 size, int i) {
    gfx::Image img;
    img.width = size.x;
    img.height = size.y;
    img.rgba.resize(static_cast<std::size_t>(size.x * size.y * 4));
    for (int y = 0; y < size.y; ++y)
        for (int x = 0; x < size.x; ++x) {
            auto* p = img.pixel(x, y);
            const bool square = x >= i * 4 && x < i * 4 + 12 && y >= 8 && y < 20;
            p[0] = square ? 230 : static_cast<std::uint8_t>(40 + x);
            p[1] = square ? 120 : static_cast<std::uint8_t>(50 + y);
            p[2] = square ? 40 : 70;
            p[3] = 255;
        }
    return img;
}

// Replaces $PATH for one test.
class ScopedPath {
public:
    explicit ScopedPath(const std::string& path) : old_(std::getenv("PATH") ? std::getenv("PATH") : "") { ::setenv("PATH", path.c_str(), 1); }
    ~ScopedPath() { ::setenv("PATH", old_.c_str(), 1); }
    ScopedPath(const ScopedPath&) = delete;
    ScopedPath& operator=(const ScopedPath&) = delete;

private:
    std::string old_;
};

}  // namespace

TEST(VideoFormats, FollowTheOutputsName) {
    EXPECT_EQ(ui::video_format_for("a/demo.mp4"), VideoFormat::mp4);
    EXPECT_EQ(ui::video_format_for("demo.MP4"), VideoFormat::mp4);
    EXPECT_EQ(ui::video_format_for("demo.gif"), VideoFormat::gif);
    EXPECT_EQ(ui::video_format_for("frames"), VideoFormat::png_sequence);
    EXPECT_EQ(ui::video_format_for(fs::temp_directory_path()), VideoFormat::png_sequence);  // an existing folder
    EXPECT_EQ(ui::video_format_for("demo.mp4", true), VideoFormat::png_sequence);
    EXPECT_THROW(ui::video_format_for("demo.avi"), core::Error);
    EXPECT_EQ(ui::video_frame_size(VideoFormat::mp4, {321, 241}), glm::ivec2(320, 240));
    EXPECT_EQ(ui::video_frame_size(VideoFormat::gif, {321, 241}), glm::ivec2(321, 241));
    EXPECT_EQ(ui::png_sequence_name(0, 10), "frame_00001.png");
    EXPECT_EQ(ui::png_sequence_name(123455, 123456), "frame_123456.png");
}

TEST_F(VideoEncoderTest, Mp4HasEveryFrameAtItsSize) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed (scripts/deps.sh installs it)";
    const fs::path out = dir_ / "clip.mp4";
    VideoEncoder enc(out, VideoFormat::mp4, {64, 48}, 10);
    for (int i = 0; i < 7; ++i) enc.add_frame(test_frame({64, 48}, i));
    EXPECT_FALSE(fs::exists(out)) << "the video appears only when it is complete";
    enc.finish();
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->frames, 7);
    EXPECT_EQ(probe->width, 64);
    EXPECT_EQ(probe->height, 48);
    EXPECT_EQ(entries(), std::vector<std::string>{"clip.mp4"}) << "nothing temporary is left";
}

TEST_F(VideoEncoderTest, GifHasEveryFrameAndOnePalette) {
    if (!have_ffmpeg()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path out = dir_ / "clip.gif";
    VideoEncoder enc(out, VideoFormat::gif, {61, 33}, 5);
    for (int i = 0; i < 6; ++i) enc.add_frame(test_frame({61, 33}, i));
    enc.begin_finish();
    int polls = 0;
    while (!enc.poll_finish()) {
        ::usleep(10000);
        ASSERT_LT(++polls, 3000) << "the palette passes never finished";
    }
    const auto probe = probe_video(out);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->frames, 6);
    EXPECT_EQ(probe->width, 61);
    EXPECT_EQ(probe->height, 33);
    EXPECT_EQ(entries(), std::vector<std::string>{"clip.gif"});
}

TEST_F(VideoEncoderTest, PngSequenceAppearsWhenCompleteWithNumberedFrames) {
    const fs::path out = dir_ / "frames";
    VideoEncoder enc(out, VideoFormat::png_sequence, {40, 30}, 30);
    for (int i = 0; i < 3; ++i) enc.add_frame(test_frame({40, 30}, i), 3);
    EXPECT_FALSE(fs::exists(out));
    enc.finish();
    for (const char* name : {"frame_00001.png", "frame_00002.png", "frame_00003.png"}) {
        const gfx::Image img = gfx::read_png(out / name);
        EXPECT_EQ(img.width, 40);
        EXPECT_EQ(img.height, 30);
    }
    EXPECT_EQ(gfx::read_png(out / "frame_00002.png").pixel(4, 10)[0], 230) << "frame 2 has its square where it was drawn";
    EXPECT_EQ(entries(), std::vector<std::string>{"frames"});
}

TEST_F(VideoEncoderTest, PngSequenceIntoAFolderReplacesOnlyTheOldFrames) {
    const fs::path out = dir_ / "frames";
    fs::create_directories(out);
    std::ofstream(out / "frame_00009.png") << "an old frame";
    std::ofstream(out / "notes.txt") << "the clinician's notes";
    VideoEncoder enc(out, VideoFormat::png_sequence, {16, 16}, 30);
    enc.add_frame(test_frame({16, 16}, 0));
    enc.finish();
    EXPECT_TRUE(fs::exists(out / "frame_00001.png"));
    EXPECT_FALSE(fs::exists(out / "frame_00009.png")) << "a stale frame would play after the new ones";
    EXPECT_TRUE(fs::exists(out / "notes.txt"));
    EXPECT_EQ(entries(), std::vector<std::string>{"frames"});
}

TEST_F(VideoEncoderTest, CancelOrAbandonLeavesNothing) {
    std::vector<VideoFormat> formats = {VideoFormat::png_sequence};
    if (have_ffmpeg()) formats.insert(formats.end(), {VideoFormat::mp4, VideoFormat::gif});
    for (VideoFormat f : formats) {
        const fs::path out = dir_ / (f == VideoFormat::mp4 ? "c.mp4" : f == VideoFormat::gif ? "c.gif" : "c");
        {
            VideoEncoder enc(out, f, {32, 32}, 10);
            enc.add_frame(test_frame({32, 32}, 0));
            enc.add_frame(test_frame({32, 32}, 1));
            enc.cancel();
            enc.cancel();  // twice is harmless
        }
        {
            VideoEncoder enc(out, f, {32, 32}, 10);
            enc.add_frame(test_frame({32, 32}, 0));
        }  // gone without finishing: a failure somewhere else
        if (f == VideoFormat::gif) {
            VideoEncoder enc(out, f, {32, 32}, 10);
            enc.add_frame(test_frame({32, 32}, 0));
            enc.begin_finish();
            enc.cancel();  // while the palette passes run
        }
        EXPECT_TRUE(entries().empty()) << ui::video_format_name(f) << " left " << (entries().empty() ? "" : entries()[0]);
    }
}

TEST_F(VideoEncoderTest, NoFramesIsAnErrorAndLeavesNothing) {
    VideoEncoder enc(dir_ / "frames", VideoFormat::png_sequence, {16, 16}, 30);
    EXPECT_THROW(enc.finish(), core::Error);
    EXPECT_TRUE(entries().empty());
}

TEST_F(VideoEncoderTest, MissingFfmpegSaysToInstallItOrWritePngs) {
    ScopedPath empty_path(dir_.string());  // a folder with no ffmpeg in it
    try {
        VideoEncoder enc(dir_ / "clip.mp4", VideoFormat::mp4, {32, 32}, 10);
        FAIL() << "no error without ffmpeg";
    } catch (const core::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("ffmpeg"), std::string::npos) << what;
        EXPECT_NE(what.find("install"), std::string::npos) << what;
        EXPECT_NE(what.find("PNG sequence"), std::string::npos) << what;
    }
    EXPECT_TRUE(entries().empty());
    // A PNG sequence needs nothing else.
    VideoEncoder enc(dir_ / "frames", VideoFormat::png_sequence, {16, 16}, 30);
    enc.add_frame(test_frame({16, 16}, 0));
    enc.finish();
    EXPECT_TRUE(fs::exists(dir_ / "frames" / "frame_00001.png"));
}

TEST_F(VideoEncoderTest, FailingFfmpegReportsWhatItSaidAndLeavesNothing) {
    // A stand-in ffmpeg that fails the way a broken installation does.
    const fs::path bin = dir_ / "bin";
    fs::create_directories(bin);
    std::ofstream(bin / "ffmpeg") << "#!/bin/sh\necho 'first line of noise' >&2\necho 'Unknown encoder libx264' >&2\nexit 1\n";
    fs::permissions(bin / "ffmpeg", fs::perms::owner_all);
    ScopedPath path(bin.string() + ":/usr/bin:/bin");
    try {
        VideoEncoder enc(dir_ / "clip.mp4", VideoFormat::mp4, {32, 32}, 10);
        for (int i = 0; i < 4; ++i) enc.add_frame(test_frame({32, 32}, i));  // may fail here: ffmpeg is gone
        enc.finish();
        FAIL() << "no error from a failing ffmpeg";
    } catch (const core::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("Unknown encoder libx264"), std::string::npos) << what;
        EXPECT_NE(what.find("clip.mp4"), std::string::npos) << what;
    }
    EXPECT_EQ(entries(), std::vector<std::string>{"bin"});
}

TEST_F(VideoEncoderTest, AnUnwritablePlaceFailsBeforeAnyFrame) {
    EXPECT_THROW(VideoEncoder(dir_ / "no_such_folder" / "clip.mp4", VideoFormat::png_sequence, {16, 16}, 30), core::Error);
    EXPECT_THROW(VideoEncoder("/proc/anatomy_clip", VideoFormat::png_sequence, {16, 16}, 30), core::Error);
    fs::create_directories(dir_ / "a_folder.mp4");
    std::ofstream(dir_ / "a_file") << "x";
    if (have_ffmpeg()) {
        EXPECT_THROW(VideoEncoder(dir_ / "a_folder.mp4", VideoFormat::mp4, {16, 16}, 30), core::Error);
    }
    EXPECT_THROW(VideoEncoder(dir_ / "a_file", VideoFormat::png_sequence, {16, 16}, 30), core::Error);
    EXPECT_EQ(entries(), (std::vector<std::string>{"a_file", "a_folder.mp4"}));
}
