#include "core/files.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <algorithm>
#include <random>
#include <vector>
#include <system_error>
#include <unistd.h>

#ifndef ANATOMY_SOURCE_DIR
#define ANATOMY_SOURCE_DIR ""
#endif
#ifndef ANATOMY_BINARY_DIR
#define ANATOMY_BINARY_DIR ""
#endif

namespace core {

std::string read_file(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw Error(path.string() + ": is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(path.string() + ": read failed");
    return bytes;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(path.string() + ": folder " + dir.string() + " does not exist");
    std::random_device rd;
    const fs::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd() % 1000000));
    {
        FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) throw Error(path.string() + ": cannot write: " + std::strerror(errno));
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
        const int err = errno;
        const bool closed = std::fclose(f) == 0;
        if (!ok || !closed) {
            fs::remove(tmp, ec);
            throw Error(path.string() + ": write failed: " + std::strerror(err));
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw Error(path.string() + ": cannot replace file: " + ec.message());
    }
}

namespace {
bool is_root(const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_directory(p / "shaders", ec) && fs::is_directory(p / "assets", ec);
}

fs::path executable_path() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

// True when `p` lies inside `dir` (both made absolute and normal).
bool is_inside(const fs::path& p, const fs::path& dir) {
    if (p.empty() || dir.empty()) return false;
    const fs::path a = p.lexically_normal(), b = fs::path(dir).lexically_normal();
    auto [end_b, end_a] = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
    return end_b == b.end() || (std::next(end_b) == b.end() && end_b->empty());
}

std::vector<fs::path> xdg_data_dirs() {
    std::vector<fs::path> dirs;
    std::string list = "/usr/local/share:/usr/share";
    if (const char* env = std::getenv("XDG_DATA_DIRS"); env && *env) list = env;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(':', start), list.size());
        if (end > start) dirs.emplace_back(list.substr(start, end - start));
        start = end + 1;
    }
    return dirs;
}

fs::path find_root() {
    if (const char* env = std::getenv("ANATOMY_ROOT"); env && *env) {
        if (is_root(env)) return fs::path(env);
        throw Error(std::string("ANATOMY_ROOT=") + env + " has no shaders/ and assets/ folders");
    }
    std::vector<fs::path> looked;
    auto found = [&](const fs::path& p) {
        looked.push_back(p);
        return is_root(p);
    };
    const fs::path exe = executable_path();
    // 1. An installed tree, wherever it was installed or unpacked: <prefix>/bin/anatomy and
    //    <prefix>/share/anatomy.
    if (!exe.empty() && found(exe.parent_path().parent_path() / "share" / "anatomy")) return exe.parent_path().parent_path() / "share" / "anatomy";
    // 2. A binary of this build tree: the source tree it was built from.
    if (is_inside(exe, ANATOMY_BINARY_DIR) && found(ANATOMY_SOURCE_DIR)) return fs::path(ANATOMY_SOURCE_DIR);
    // 3. A build tree inside (or copied with) its source tree: the folders above the binary.
    for (fs::path p = exe.parent_path(); !exe.empty() && !p.empty() && p != p.root_path(); p = p.parent_path())
        if (is_root(p)) return p;
    // 4. The standard data folders ($XDG_DATA_DIRS, else /usr/local/share and /usr/share).
    for (const fs::path& d : xdg_data_dirs())
        if (found(d / "anatomy")) return d / "anatomy";
    std::string where;
    for (const auto& p : looked) where += "\n  " + p.string();
    throw Error("cannot find the app's data (folders shaders/ and assets/). Looked in:" + where + "\n  and the folders above " +
                (exe.empty() ? std::string("the executable") : exe.parent_path().string()) +
                "\nReinstall the package, or set ANATOMY_ROOT to the folder holding shaders/ and assets/.");
}
}  // namespace

const fs::path& project_root() {
    static const fs::path root = find_root();
    return root;
}

fs::path shader_dir() { return project_root() / "shaders"; }
fs::path asset_dir() { return project_root() / "assets"; }

fs::path generated_asset_dir() {
    if (const char* env = std::getenv("ANATOMY_GENERATED_ASSETS"); env && *env) return fs::path(env);
    std::error_code ec;
    const fs::path exe = executable_path();
    // A build tree: <build>/bin/anatomy and <build>/assets/skeleton.glb.
    const fs::path beside = exe.empty() ? fs::current_path(ec) / "build" / "assets" : exe.parent_path().parent_path() / "assets";
    if (fs::exists(beside / "skeleton.glb", ec)) return beside;
    // An installed tree keeps the baked skeleton with the other assets.
    try {
        if (fs::exists(asset_dir() / "skeleton.glb", ec)) return asset_dir();
    } catch (const Error&) {}
    return beside;
}

fs::path config_dir() {
    fs::path dir;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) {
        dir = fs::path(xdg) / "anatomy";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".config" / "anatomy";
    } else {
        dir = fs::temp_directory_path() / "anatomy-config";
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
}

fs::path state_dir() {
    fs::path dir;
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
        dir = fs::path(xdg) / "anatomy";
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        dir = fs::path(home) / ".local" / "state" / "anatomy";
    } else {
        dir = fs::temp_directory_path() / "anatomy-state";
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
}

double file_mtime_s(const fs::path& path) {
    std::error_code ec;
    const auto t = fs::last_write_time(path, ec);
    if (ec) return -1.0;
    // Seconds since the Unix epoch (file_clock's own epoch may lie in the future: negative values).
    return std::chrono::duration<double>(std::chrono::file_clock::to_sys(t).time_since_epoch()).count();
}

}  // namespace core
