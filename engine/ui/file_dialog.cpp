#include "ui/file_dialog.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace ui {

void FileDialog::open(Mode mode, std::string title, std::vector<std::string> extensions, core::fs::path start, std::string default_name) {
    mode_ = mode;
    title_ = std::move(title);
    extensions_ = std::move(extensions);
    std::error_code ec;
    dir_ = core::fs::is_directory(start, ec) ? core::fs::absolute(start, ec) : core::fs::current_path(ec);
    std::snprintf(name_, sizeof(name_), "%s", default_name.c_str());
    error_.clear();
    open_ = true;
    just_opened_ = true;
    refresh();
}

void FileDialog::refresh() {
    entries_.clear();
    std::error_code ec;
    for (auto it = core::fs::directory_iterator(dir_, core::fs::directory_options::skip_permission_denied, ec);
         !ec && it != core::fs::directory_iterator(); it.increment(ec)) {
        const auto& p = it->path();
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code e2;
        const bool is_dir = it->is_directory(e2);
        if (!is_dir && !extensions_.empty()) {
            std::string ext = p.extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            if (std::find(extensions_.begin(), extensions_.end(), ext) == extensions_.end()) continue;
        }
        entries_.push_back({name, is_dir});
    }
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name; });
    if (ec) error_ = "cannot list " + dir_.string() + ": " + ec.message();
}

std::optional<core::fs::path> FileDialog::draw() {
    if (!open_) return std::nullopt;
    if (just_opened_) {
        ImGui::OpenPopup(title_.c_str());
        just_opened_ = false;
    }
    std::optional<core::fs::path> result;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 40, em * 28), ImGuiCond_Appearing);
    bool keep = true;
    if (ImGui::BeginPopupModal(title_.c_str(), &keep)) {
        audit_capture_window();
        ImGui::TextDisabled("%s", dir_.string().c_str());
        if (ImGui::Button("Up") && dir_.has_parent_path()) {
            dir_ = dir_.parent_path();
            refresh();
        }
        ImGui::SameLine();
        if (ImGui::Button("Home")) {
            if (const char* home = std::getenv("HOME")) {
                dir_ = home;
                refresh();
            }
        }
        ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 2.2f), true);
        for (const auto& e : entries_) {
            const std::string label = (e.is_dir ? "[dir]  " : "       ") + e.name;
            if (ImGui::Selectable(label.c_str(), std::strcmp(name_, e.name.c_str()) == 0, ImGuiSelectableFlags_AllowDoubleClick)) {
                if (e.is_dir) {
                    if (ImGui::IsMouseDoubleClicked(0)) {
                        dir_ /= e.name;
                        refresh();
                        break;
                    }
                } else {
                    std::snprintf(name_, sizeof(name_), "%s", e.name.c_str());
                    if (ImGui::IsMouseDoubleClicked(0)) result = dir_ / e.name;
                }
            }
        }
        ImGui::EndChild();
        if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", error_.c_str());
        ImGui::SetNextItemWidth(-em * 12);
        const bool enter = ImGui::InputText("##name", name_, sizeof(name_), ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        const bool ok = ImGui::Button(mode_ == Mode::open ? "Open" : "Save", ImVec2(em * 5, 0));
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(em * 5, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            open_ = false;
            ImGui::CloseCurrentPopup();
        }
        if ((ok || enter) && name_[0] != '\0') {
            core::fs::path p = name_;
            result = p.is_absolute() ? p : dir_ / p;
        }
        if (result) {
            open_ = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (!keep) open_ = false;
    return result;
}

}  // namespace ui
