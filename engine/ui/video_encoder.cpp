// ui/video_encoder.cpp: ffmpeg as a child process, or PNG files, behind a temporary name.
//
// [SECTION] Formats and names
// [SECTION] Opening: the temporary output, then ffmpeg
// [SECTION] Running ffmpeg
// [SECTION] Frames
// [SECTION] Finishing: the GIF's palette passes, moving into place
// [SECTION] Cancelling and failing
#include "ui/video_encoder.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace ui {

namespace fs = core::fs;

// [SECTION] Formats and names

const char* video_format_name(VideoFormat f) {
    switch (f) {
        case VideoFormat::mp4: return "MP4";
        case VideoFormat::gif: return "GIF";
        case VideoFormat::png_sequence: return "PNG sequence";
    }
    return "";
}

VideoFormat video_format_for(const fs::path& output, bool png) {
    std::error_code ec;
    if (png || fs::is_directory(output, ec)) return VideoFormat::png_sequence;
    std::string ext = output.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext.empty()) return VideoFormat::png_sequence;
    if (ext == ".mp4") return VideoFormat::mp4;
    if (ext == ".gif") return VideoFormat::gif;
    throw core::Error(output.string() + ": unknown video format \"" + ext +
                      "\": use .mp4 or .gif, or a folder (a name without an extension) for a PNG sequence");
}

glm::ivec2 video_frame_size(VideoFormat f, glm::ivec2 size) {
    if (f != VideoFormat::mp4) return size;
    return {size.x - size.x % 2, size.y - size.y % 2};
}

fs::path find_ffmpeg() {
    const char* env = std::getenv("PATH");
    // execvp's fallback when PATH is unset; an empty PATH finds nothing, as in the shell.
    const std::string path = env ? env : "/usr/local/bin:/usr/bin:/bin";
    if (path.empty()) return {};
    std::size_t begin = 0;
    while (begin <= path.size()) {
        const std::size_t end = std::min(path.find(':', begin), path.size());
        const std::string dir = path.substr(begin, end - begin);
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "ffmpeg";
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        begin = end + 1;
    }
    return {};
}

std::string png_sequence_name(int index, int count) {
    std::size_t digits = 5;  // 99999 frames: 55 minutes at 30 fps
    for (int n = count; n >= 100000; n /= 10) ++digits;
    std::string number = std::to_string(index + 1);
    if (number.size() < digits) number.insert(0, digits - number.size(), '0');
    return "frame_" + number + ".png";
}

namespace {

// frame_<digits>.png: the names a PNG sequence is made of (and the only files it replaces).
bool is_sequence_name(const std::string& name) {
    constexpr std::string_view prefix = "frame_", suffix = ".png";
    if (name.size() < prefix.size() + 5 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix)) return false;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

fs::path temporary_name(const fs::path& output) {
    static std::atomic<int> counter{0};
    const fs::path dir = output.has_parent_path() ? output.parent_path() : fs::path(".");
    return dir / ("." + output.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

// What every ffmpeg run starts with: quiet but for errors, overwriting our own temporary files.
std::vector<std::string> ffmpeg_args(const fs::path& ffmpeg) { return {ffmpeg.string(), "-hide_banner", "-nostats", "-loglevel", "error", "-y"}; }

}  // namespace

// [SECTION] Opening: the temporary output, then ffmpeg

VideoEncoder::VideoEncoder(fs::path output, VideoFormat format, glm::ivec2 size, int fps) : output_(std::move(output)), format_(format), size_(size) {
    if (!output_.has_filename()) output_ = output_.parent_path();  // "frames/" is the folder "frames"
    if (output_.empty()) throw core::Error("no output given");
    ANATOMY_ASSERT(fps >= 1 && fps <= 120, "VideoEncoder: fps must be 1..120");
    ANATOMY_ASSERT(size.x >= 2 && size.y >= 2 && video_frame_size(format, size) == size, "VideoEncoder: size must suit the format");
    const fs::path dir = output_.has_parent_path() ? output_.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw core::Error(output_.string() + ": folder " + dir.string() + " does not exist");
    const bool sequence = format == VideoFormat::png_sequence;
    if (!sequence && fs::is_directory(output_, ec))
        throw core::Error(output_.string() + " is a folder: name a file (.mp4 or .gif), or write a PNG sequence into it");
    if (sequence && fs::exists(output_, ec) && !fs::is_directory(output_, ec))
        throw core::Error(output_.string() + " is a file: a PNG sequence needs a folder");
    if (!sequence) {
        ffmpeg_path_ = find_ffmpeg();
        if (ffmpeg_path_.empty())
            throw core::Error(
                "ffmpeg was not found on the PATH: install it (sudo apt-get install ffmpeg), or export a PNG "
                "sequence instead (an output folder, or --png), which needs nothing else");
    }

    // MP4: the video itself under a temporary name. GIF: a folder for the passes' files. PNG: a
    // folder of frames.
    temporary_ = temporary_name(output_);
    if (format == VideoFormat::mp4) {
        const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) throw core::Error(output_.string() + ": cannot write in " + dir.string() + ": " + std::strerror(errno));
        ::close(fd);
    } else if (!fs::create_directory(temporary_, ec) || ec) {
        throw core::Error(output_.string() + ": cannot write in " + dir.string() + ": " + (ec ? ec.message() : "the name is taken"));
    }
    open_ = true;
    if (sequence) return;

    std::vector<std::string> args = ffmpeg_args(ffmpeg_path_);
    for (const std::string& a : {std::string("-f"), std::string("rawvideo"), std::string("-pix_fmt"), std::string("rgba"), std::string("-s"),
                                 std::to_string(size.x) + "x" + std::to_string(size.y), std::string("-r"), std::to_string(fps), std::string("-i"),
                                 std::string("-"), std::string("-an")})
        args.push_back(a);
    if (format == VideoFormat::mp4) {
        // crf 20 looks clean on smooth shading; "fast" keeps the encoder ahead of a software
        // renderer; yuv420p plays everywhere; faststart lets a phone begin before the end arrives.
        for (const char* a : {"-c:v", "libx264", "-preset", "fast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"})
            args.emplace_back(a);
        args.push_back(temporary_.string());
    } else {
        // Lossless and quick to write and read back: the palette passes need every frame twice,
        // and holding them in memory would take gigabytes.
        for (const char* a : {"-c:v", "libx264rgb", "-qp", "0", "-preset", "ultrafast", "-pix_fmt", "rgb24", "-f", "matroska"}) args.emplace_back(a);
        args.push_back(work("frames.mkv").string());
    }
    try {
        spawn_ffmpeg(std::move(args), true);
    } catch (...) {
        cancel();
        throw;
    }
}

VideoEncoder::~VideoEncoder() { cancel(); }

// [SECTION] Running ffmpeg

void VideoEncoder::spawn_ffmpeg(std::vector<std::string> args, bool feed_frames) {
    // A socket, not a pipe, so a write to an ffmpeg that has died fails with EPIPE (MSG_NOSIGNAL)
    // instead of raising SIGPIPE in the whole process.
    int fds[2] = {-1, -1};
    if (feed_frames && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw core::Error(std::string("cannot start ffmpeg: ") + std::strerror(errno));
    auto close_fds = [&] {
        for (int fd : fds)
            if (fd >= 0) ::close(fd);
    };
    if (!log_) log_ = std::tmpfile();  // every pass appends to it: the shared file offset
    if (!log_) {
        const int err = errno;
        close_fds();
        throw core::Error(std::string("cannot start ffmpeg: no temporary file for its messages: ") + std::strerror(err));
    }
    if (!feed_frames) args.insert(args.begin() + 1, "-nostdin");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (feed_frames)
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
    else
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fileno(log_), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fileno(log_), STDERR_FILENO);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // none of our files (the viewer's display, ...)
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group: Ctrl+C in a terminal reaches only us, and we stop ffmpeg cleanly.
    // Default signal handling and no blocked signals, whatever this process set for itself.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGINT, SIGTERM}) sigaddset(&defaults, s);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, ffmpeg_path_.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (fds[1] >= 0) ::close(fds[1]);
    fds[1] = -1;
    if (rc != 0) {
        close_fds();
        throw core::Error("cannot start " + ffmpeg_path_.string() + ": " + std::strerror(rc));
    }
    ffmpeg_ = pid;
    input_fd_ = fds[0];
}

std::optional<int> VideoEncoder::reap_ffmpeg(bool block) noexcept {
    if (ffmpeg_ <= 0) return 0;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(ffmpeg_, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0) return std::nullopt;  // still running
    ffmpeg_ = -1;
    if (r < 0) return -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

std::string VideoEncoder::ffmpeg_log_tail() const {
    if (!log_) return "(no messages)";
    std::fflush(log_);
    constexpr long max_bytes = 4000;  // the last lines say what went wrong; the rest is noise
    std::fseek(log_, 0, SEEK_END);
    const long size = std::ftell(log_);
    const long start = std::max(0L, size - max_bytes);
    std::fseek(log_, start, SEEK_SET);
    std::string text(static_cast<std::size_t>(size - start), '\0');
    text.resize(std::fread(text.data(), 1, text.size(), log_));
    std::fseek(log_, 0, SEEK_END);
    // The last dozen lines: the reason is at the end.
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t end = std::min(text.find('\n', begin), text.size());
        if (end > begin) lines.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    constexpr std::size_t max_lines = 12;
    text.clear();
    for (std::size_t i = lines.size() > max_lines ? lines.size() - max_lines : 0; i < lines.size(); ++i)
        text += (text.empty() ? "" : "\n") + lines[i];
    return text.empty() ? "(ffmpeg printed nothing)" : text;
}

// [SECTION] Frames

void VideoEncoder::add_frame(const gfx::Image& frame, int count) {
    ANATOMY_ASSERT(open_ && stage_ == Stage::frames, "VideoEncoder::add_frame: the frames are finished or cancelled");
    ANATOMY_ASSERT(frame.width == size_.x && frame.height == size_.y &&
                       frame.rgba.size() == static_cast<std::size_t>(size_.x) * static_cast<std::size_t>(size_.y) * 4,
                   "VideoEncoder::add_frame: the frame's size differs from the video's");
    if (format_ == VideoFormat::png_sequence) {
        const fs::path path = temporary_ / png_sequence_name(frames_, count);
        const std::string bytes = gfx::encode_png(frame);
        // No fsync per frame (unlike single files): the folder appears only once it is complete.
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) throw core::Error(path.string() + ": cannot write: " + std::strerror(errno));
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        const int err = errno;
        if (std::fclose(f) != 0 || !ok) throw core::Error(path.string() + ": write failed: " + std::strerror(err));
        ++frames_;
        return;
    }
    const auto* p = frame.rgba.data();
    std::size_t left = frame.rgba.size();
    while (left > 0) {
        const ssize_t n = ::send(input_fd_, p, left, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            // ffmpeg stopped reading: it failed, and its standard error says why.
            ::close(input_fd_);
            input_fd_ = -1;
            const int status = reap_ffmpeg(true).value_or(-1);
            fail("ffmpeg stopped after " + std::to_string(frames_) + " frames (exit status " + std::to_string(status) + ")");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ++frames_;
}

// [SECTION] Finishing: the GIF's palette passes, moving into place

void VideoEncoder::begin_finish() {
    ANATOMY_ASSERT(open_ && stage_ == Stage::frames, "VideoEncoder::begin_finish: already finishing, finished or cancelled");
    if (frames_ == 0) {
        cancel();
        throw core::Error(output_.string() + ": no frames to write");
    }
    if (input_fd_ >= 0) ::close(input_fd_);  // end of input: ffmpeg writes the file's end and exits
    input_fd_ = -1;
    stage_ = Stage::closing;
}

bool VideoEncoder::poll_finish() {
    ANATOMY_ASSERT(stage_ != Stage::frames && !cancelled_, "VideoEncoder::poll_finish: call begin_finish() first, and not after cancel()");
    while (stage_ != Stage::done) {
        const auto status = reap_ffmpeg(false);
        if (!status) return false;
        if (*status != 0) {
            const char* what = stage_ == Stage::palette ? "making the GIF's palette" : stage_ == Stage::gif ? "writing the GIF" : "encoding";
            fail(std::string("ffmpeg failed while ") + what + " (exit status " + std::to_string(*status) + ")");
        }
        if (stage_ == Stage::closing && format_ == VideoFormat::gif) {
            // One palette from every frame of the clip...
            std::vector<std::string> args = ffmpeg_args(ffmpeg_path_);
            for (const std::string& a : {std::string("-i"), work("frames.mkv").string(), std::string("-vf"),
                                         std::string("palettegen=stats_mode=full"), work("palette.png").string()})
                args.push_back(a);
            spawn_ffmpeg(std::move(args), false);
            stage_ = Stage::palette;
        } else if (stage_ == Stage::palette) {
            // ... then every frame in it: ordered dithering stays still from frame to frame, and
            // only the rectangle that changed is stored.
            std::vector<std::string> args = ffmpeg_args(ffmpeg_path_);
            for (const std::string& a : {std::string("-i"), work("frames.mkv").string(), std::string("-i"), work("palette.png").string(),
                                         std::string("-lavfi"), std::string("[0:v][1:v]paletteuse=dither=bayer:bayer_scale=3:diff_mode=rectangle"),
                                         std::string("-loop"), std::string("0"), std::string("-f"), std::string("gif"), work("video.gif").string()})
                args.push_back(a);
            spawn_ffmpeg(std::move(args), false);
            stage_ = Stage::gif;
        } else {
            move_into_place();
            stage_ = Stage::done;
        }
    }
    return true;
}

void VideoEncoder::finish() {
    begin_finish();
    // ffmpeg works on; check a few times a second.
    while (!poll_finish()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string VideoEncoder::finishing_step() const {
    switch (stage_) {
        case Stage::closing: return format_ == VideoFormat::png_sequence ? "" : "Finishing the video";
        case Stage::palette: return "Making the GIF's palette";
        case Stage::gif: return "Writing the GIF";
        default: return "";
    }
}

void VideoEncoder::move_into_place() {
    if (format_ == VideoFormat::png_sequence) {
        move_png_sequence();
    } else {
        const fs::path result = format_ == VideoFormat::gif ? work("video.gif") : temporary_;
        std::error_code ec;
        fs::rename(result, output_, ec);
        if (ec) fail("cannot replace " + output_.string() + ": " + ec.message());
    }
    clean_up();  // what is left: the GIF's passes, the log
}

void VideoEncoder::move_png_sequence() {
    std::error_code ec;
    if (!fs::exists(output_, ec)) {
        fs::rename(temporary_, output_, ec);
        if (ec) fail("cannot move the frames into place: " + ec.message());
        open_ = false;  // the temporary folder is the output now
        return;
    }
    // An existing folder: the old sequence makes way for the new one; other files stay.
    std::vector<fs::path> old;
    for (const auto& e : fs::directory_iterator(output_, ec))
        if (is_sequence_name(e.path().filename().string())) old.push_back(e.path());
    for (const auto& p : old) fs::remove(p, ec);
    for (const auto& e : fs::directory_iterator(temporary_, ec)) {
        fs::rename(e.path(), output_ / e.path().filename(), ec);
        if (ec) fail("cannot move the frames into place: " + ec.message());
    }
}

// [SECTION] Cancelling and failing

void VideoEncoder::cancel() noexcept {
    clean_up();
    if (stage_ != Stage::done) cancelled_ = true;
    stage_ = Stage::done;
}

void VideoEncoder::clean_up() noexcept {
    if (input_fd_ >= 0) ::close(input_fd_);
    input_fd_ = -1;
    if (ffmpeg_ > 0) {
        ::kill(ffmpeg_, SIGKILL);  // its output is thrown away: no need to let it finish
        reap_ffmpeg(true);
    }
    if (open_) {
        std::error_code ec;
        fs::remove_all(temporary_, ec);
        open_ = false;
    }
    if (log_) std::fclose(log_);
    log_ = nullptr;
}

void VideoEncoder::fail(const std::string& what) {
    const bool from_ffmpeg = what.starts_with("ffmpeg");
    const std::string message = output_.string() + ": " + what + (from_ffmpeg ? ":\n" + ffmpeg_log_tail() : "");
    cancel();
    throw core::Error(message);
}

}  // namespace ui
