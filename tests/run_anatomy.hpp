// tests/run_anatomy.hpp: runs the `anatomy` executable with arguments and captures its exit code
// and output, for the command-line tests.
#pragma once

#include "isolated_env.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

struct CliResult {
    int code = -1;    // the exit status, or -1 when the process did not exit normally
    std::string out;  // standard output, and standard error unless it was dropped
};

// The process gets its own home and XDG folders (isolated_env.hpp). `env` goes before the
// command (e.g. "SDL_VIDEODRIVER=offscreen"); `with_stderr` false drops
// standard error, so `out` is only what the command printed for scripts (JSON).
inline CliResult run_anatomy(const std::string& args, bool with_stderr = true, const std::string& env = "") {
    const std::string cmd = "env " + isolated_env() + env + " " + ANATOMY_BINARY + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* p = popen(cmd.c_str(), "r");
    CliResult r;
    std::array<char, 4096> buf{};
    while (p && fgets(buf.data(), buf.size(), p)) r.out += buf.data();
    const int rc = p ? pclose(p) : -1;
    r.code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return r;
}
