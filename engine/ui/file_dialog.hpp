// ui/file_dialog.hpp: a small ImGui file browser for opening and saving files.
#pragma once

#include "core/files.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ui {

class FileDialog {
public:
    enum class Mode { open, save };
    // `extensions` like {".glb", ".gltf"}; empty shows every file.
    void open(Mode mode, std::string title, std::vector<std::string> extensions, core::fs::path start, std::string default_name = {});
    bool is_open() const { return open_; }
    // Draws the dialog; returns the chosen path once, when the user confirms.
    std::optional<core::fs::path> draw();

private:
    void refresh();
    bool open_ = false;
    bool just_opened_ = false;
    Mode mode_ = Mode::open;
    std::string title_;
    std::vector<std::string> extensions_;
    core::fs::path dir_;
    char name_[512] = {};
    struct Entry {
        std::string name;
        bool is_dir;
    };
    std::vector<Entry> entries_;
    std::string error_;
};

}  // namespace ui
