// bench/process_bench.cpp: whole-program measurements: launch to first frame, peak memory, and
// the same snapshot of a third-party model against Debian's f3d viewer.
#include "report.hpp"

#include "core/files.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace bench {

namespace {

struct ProcessResult {
    bool ok = false;
    double wall_s = 0.0;
    double peak_mb = 0.0;
};

// Starts a program with its output and errors sent to /dev/null and `extra_env` added to this
// process's environment; 0 when it cannot start.
pid_t spawn_quiet(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {}) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_storage;
    for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);
    for (const auto& e : extra_env) env_storage.push_back(e);
    std::vector<char*> env;
    for (auto& e : env_storage) env.push_back(e.data());
    env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : 0;
}

// Runs a program to completion; wall time and its peak resident memory (ru_maxrss).
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {}) {
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = spawn_quiet(argv, extra_env);
    ProcessResult r;
    if (pid == 0) return r;
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports kilobytes
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

ProcessResult median_of(int runs, const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
    std::vector<ProcessResult> all;
    for (int i = 0; i < runs; ++i) {
        auto r = run_process(argv, env);
        if (!r.ok) return r;
        all.push_back(r);
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.wall_s < b.wall_s; });
    ProcessResult m = all[all.size() / 2];
    for (const auto& r : all) m.peak_mb = std::max(m.peak_mb, r.peak_mb);
    return m;
}

std::string binary_dir() {
    char buf[4096];
    const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0) return ".";
    buf[n] = '\0';
    return core::fs::path(buf).parent_path().string();
}

}  // namespace

void run_process_measurements() {
    const std::string anatomy = binary_dir() + "/anatomy";
    const std::string out = (core::fs::temp_directory_path() / "anatomy_bench_snapshot.png").string();
    constexpr int runs = 5;  // the median of five launches

    // Launch to first frame: a snapshot of the full default scene, start to PNG on disk.
    const auto first = median_of(runs, {anatomy, "snapshot", "-o", out, "--size", "1280x720"}, {"SDL_VIDEODRIVER=offscreen"});
    if (first.ok) {
        add({"launch_to_first_frame_snapshot", first.wall_s * 1000.0, "ms", 500.0, true});
        add({"peak_resident_memory", first.peak_mb, "MB", 200.0, true});
    } else {
        std::fprintf(stderr, "bench: %s snapshot failed\n", anatomy.c_str());
    }

    // Peer comparison: the same third-party model, same size, ours against f3d.
    const std::string model = "/usr/share/assimp/models/glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb";
    std::error_code ec;
    if (!core::fs::exists(model, ec) || system("command -v f3d >/dev/null 2>&1") != 0) {
        std::fprintf(stderr, "bench: f3d or assimp-testmodels missing (make bench installs them); peer comparison skipped\n");
        return;
    }
    const auto ours = median_of(runs, {anatomy, "snapshot", "--model", model, "-o", out, "--size", "1280x720"}, {"SDL_VIDEODRIVER=offscreen"});
    // f3d needs an X display even to render to a file: give it a private Xvfb (started once,
    // outside the timing).
    const std::string display = ":" + std::to_string(90 + (getpid() % 9));
    const pid_t xvfb = spawn_quiet({"Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"});
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // let the server come up
    const std::string f3d_out = (core::fs::temp_directory_path() / "anatomy_bench_f3d.png").string();
    const auto peer = median_of(runs, {"f3d", "--output", f3d_out, "--resolution", "1280,720", model}, {"DISPLAY=" + display});
    if (xvfb > 0) {
        kill(xvfb, SIGTERM);
        waitpid(xvfb, nullptr, 0);
    }
    if (!ours.ok || !peer.ok) {
        std::fprintf(stderr, "bench: peer comparison failed (ours ok=%d, f3d ok=%d)\n", ours.ok, peer.ok);
        return;
    }
    add({"peer_2CylinderEngine_ours_wall", ours.wall_s * 1000.0, "ms", 0.0, true});
    add({"peer_2CylinderEngine_f3d_wall", peer.wall_s * 1000.0, "ms", 0.0, true});
    add({"peer_2CylinderEngine_ours_peak_memory", ours.peak_mb, "MB", 0.0, true});
    add({"peer_2CylinderEngine_f3d_peak_memory", peer.peak_mb, "MB", 0.0, true});
    add({"peer_wall_time_ratio_ours_over_f3d", ours.wall_s / peer.wall_s, "ratio", 1.0, true});
    add({"peer_peak_memory_ratio_ours_over_f3d", ours.peak_mb / peer.peak_mb, "ratio", 1.0, true});
}

}  // namespace bench
