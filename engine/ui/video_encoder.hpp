// ui/video_encoder.hpp: writes rendered frames as a video through Debian's ffmpeg, run as a
// separate process fed raw RGBA on its standard input, or as a PNG sequence in a folder, which
// needs nothing else.
//
// - MP4: H.264 (libx264), 4:2:0 chroma, even sides; encoded while the frames arrive.
// - GIF: one palette for the whole clip (palettegen, then paletteuse with ordered dithering and
//   only the changed rectangle stored per frame): still colours and small files. The frames go
//   to a lossless intermediate first; finishing runs the two palette passes in the background.
// - PNG sequence: frame_00001.png, ... in a folder.
//
// The output appears only when it is complete: everything goes to a temporary name in the
// output's folder, renamed over the output on success and removed on failure or cancel.
// No GL here.
//
//   ui::VideoEncoder enc("demo.mp4", ui::VideoFormat::mp4, {1280, 720}, 30);
//   for each frame: enc.add_frame(image);
//   enc.finish();   // or begin_finish() then poll_finish() each UI frame; or cancel()
#pragma once

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <glm/glm.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ui {

enum class VideoFormat { mp4, gif, png_sequence };

// "MP4", "GIF", "PNG sequence".
const char* video_format_name(VideoFormat f);

// The format an output path asks for: ".mp4" or ".gif" (any case); an existing folder, a name
// with no extension, or `png`: a PNG sequence. Throws core::Error for any other extension.
VideoFormat video_format_for(const core::fs::path& output, bool png = false);

// H.264 with 4:2:0 chroma needs even sides: MP4 rounds each side down to even; others unchanged.
glm::ivec2 video_frame_size(VideoFormat f, glm::ivec2 size);

// The ffmpeg executable on $PATH, or an empty path when there is none.
core::fs::path find_ffmpeg();

// The name of frame `index` (0-based) in a PNG sequence of `count` frames: frame_00001.png, ...
std::string png_sequence_name(int index, int count);

class VideoEncoder {
public:
    // Makes the temporary file or folder now, so an unwritable place fails before any rendering,
    // and starts ffmpeg. `size` must suit the format (video_frame_size); fps 1..120.
    // Throws core::Error: an unknown output folder, no permission, ffmpeg missing.
    // A PNG sequence into an existing folder replaces the frame_*.png files there.
    VideoEncoder(core::fs::path output, VideoFormat format, glm::ivec2 size, int fps);
    ~VideoEncoder();  // cancels unless finished
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // Appends one frame of the size given (RGBA, top row first; alpha is ignored). `count` is the
    // number of frames the whole video will have (a PNG sequence's names get enough digits).
    // Throws core::Error (ffmpeg stopped: with the end of what it printed; a full disk).
    void add_frame(const gfx::Image& frame, int count = 0);

    // Ends the frames. MP4 and PNG complete at once or nearly; a GIF then runs its palette passes.
    void begin_finish();
    // True once the output is in place; never waits. Throws core::Error with ffmpeg's last lines
    // when a pass fails (everything temporary is removed then too).
    bool poll_finish();
    // begin_finish(), then waits until the output is in place. Throws like poll_finish().
    void finish();
    // Stops ffmpeg and removes everything temporary. Safe to call at any time, twice too.
    void cancel() noexcept;

    const core::fs::path& output() const { return output_; }
    VideoFormat format() const { return format_; }
    int frames() const { return frames_; }
    // What finishing is doing now, for a progress line ("Making the GIF's palette"); empty when
    // nothing runs.
    std::string finishing_step() const;

private:
    enum class Stage { frames, closing, palette, gif, done };
    void spawn_ffmpeg(std::vector<std::string> args, bool feed_frames);
    // Whether ffmpeg has exited (its status: 0 success, 128 + signal if killed); waits if `block`.
    std::optional<int> reap_ffmpeg(bool block) noexcept;
    [[noreturn]] void fail(const std::string& what);  // cancels, then throws with ffmpeg's last lines
    void clean_up() noexcept;                         // stops ffmpeg, removes what is temporary
    std::string ffmpeg_log_tail() const;
    void move_into_place();
    void move_png_sequence();
    core::fs::path work(const char* name) const { return temporary_ / name; }  // GIF's passes

    core::fs::path output_, temporary_;
    core::fs::path ffmpeg_path_;
    VideoFormat format_;
    glm::ivec2 size_{0};
    int frames_ = 0;
    Stage stage_ = Stage::frames;
    bool cancelled_ = false;
    bool open_ = false;  // the temporary output exists and belongs to us
    pid_t ffmpeg_ = -1;
    int input_fd_ = -1;         // ffmpeg's standard input (our end)
    std::FILE* log_ = nullptr;  // ffmpeg's standard error, an unnamed temporary file
};

}  // namespace ui
