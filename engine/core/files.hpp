// core/files.hpp: reading and atomically writing files, and finding the project's data folders.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace core {

namespace fs = std::filesystem;

// The whole file as bytes. Throws core::Error naming the path and the OS reason.
std::string read_file(const fs::path& path);

// Writes through a temporary file in the same folder, then renames it over `path`, so a reader
// never sees a half-written file and a failed write leaves the old file intact. Throws core::Error.
void write_file_atomic(const fs::path& path, std::string_view bytes);

// The folder holding shaders/ and assets/. Order: $ANATOMY_ROOT; <executable>/../../share/anatomy
// (an installed or unpacked tree); the source tree, for binaries of the build tree it configured;
// the folders above the executable; anatomy/ in $XDG_DATA_DIRS (default /usr/local/share,
// /usr/share). Throws core::Error listing where it looked when none has both.
const fs::path& project_root();
fs::path shader_dir();  // project_root()/shaders
fs::path asset_dir();   // project_root()/assets
// Assets the build generates (the baked skeleton): $ANATOMY_GENERATED_ASSETS when set; else
// <folder of the executable>/../assets when it holds skeleton.glb (a build tree); else asset_dir()
// when it does (an installed tree); else the build-tree folder (where bake-skeleton writes).
fs::path generated_asset_dir();

// The user's config folder for this app ($XDG_CONFIG_HOME/anatomy or ~/.config/anatomy),
// created on demand. Falls back to a temp folder when neither exists.
fs::path config_dir();

// The user's state folder for this app ($XDG_STATE_HOME/anatomy or ~/.local/state/anatomy: the
// autosave of unsaved work), created on demand. Falls back to a temp folder.
fs::path state_dir();

// Last write time in seconds since the Unix epoch, or -1 when the file is missing.
double file_mtime_s(const fs::path& path);

}  // namespace core
