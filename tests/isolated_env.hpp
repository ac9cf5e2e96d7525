// tests/isolated_env.hpp: environment settings that give a process a test starts its own home and
// XDG folders (one per test process, under the temporary folder), so a test never reads or writes
// the settings, state or cache of whoever runs `make test`.
#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

// "HOME=... XDG_CONFIG_HOME=... XDG_STATE_HOME=... XDG_CACHE_HOME=... XDG_DATA_HOME=... ", each
// followed by a space, to put before a command (or after `env`). Settings given after it win.
// The folders start empty (a reused process id finds nothing of an earlier run) and are removed
// when the test process exits.
inline std::string isolated_env() {
    struct Home {
        std::filesystem::path dir = std::filesystem::temp_directory_path() / ("anatomy_test_home_" + std::to_string(::getpid()));
        Home() {
            std::filesystem::remove_all(dir);
            for (const char* sub : {"config", "state", "cache", "data"}) std::filesystem::create_directories(dir / sub);
        }
        ~Home() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Home home;
    const std::string h = home.dir.string();
    return "HOME=" + h + " XDG_CONFIG_HOME=" + h + "/config XDG_STATE_HOME=" + h + "/state XDG_CACHE_HOME=" + h + "/cache XDG_DATA_HOME=" + h +
           "/data ";
}
