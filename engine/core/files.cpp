#include "core/files.hpp"

#include "core/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>
#include <unistd.h>

#ifndef ANATOMY_SOURCE_DIR
#define ANATOMY_SOURCE_DIR ""
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
    return fs::is_directory(p / "shaders", ec) && fs::is_directory(p / "assets", ec);
}

fs::path find_root() {
    if (const char* env = std::getenv("ANATOMY_ROOT"); env && *env) {
        if (is_root(env)) return fs::path(env);
        throw Error(std::string("ANATOMY_ROOT=") + env + " has no shaders/ and assets/ folders");
    }
    if (is_root(ANATOMY_SOURCE_DIR)) return fs::path(ANATOMY_SOURCE_DIR);
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    for (fs::path p = exe.parent_path(); !ec && !p.empty() && p != p.root_path(); p = p.parent_path()) {
        if (is_root(p)) return p;
        if (is_root(p / "share/anatomy")) return p / "share/anatomy";
    }
    throw Error("cannot find the shaders/ and assets/ folders; set ANATOMY_ROOT to the project folder");
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
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) return exe.parent_path().parent_path() / "assets";
    return fs::current_path(ec) / "build" / "assets";
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

double file_mtime_s(const fs::path& path) {
    std::error_code ec;
    const auto t = fs::last_write_time(path, ec);
    if (ec) return -1.0;
    // Seconds since the Unix epoch (file_clock's own epoch may lie in the future: negative values).
    return std::chrono::duration<double>(std::chrono::file_clock::to_sys(t).time_since_epoch()).count();
}

}  // namespace core
