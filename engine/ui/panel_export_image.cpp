// ui/panel_export_image.cpp: File > Export image: the 3D view with its labels at a chosen size,
// optionally on a transparent background, as a PNG.
#include "ui/panels.hpp"

#include "core/error.hpp"
#include "ui/file_dialog.hpp"

#include <imgui.h>

#include <array>

namespace ui {

namespace {

class ExportImagePanel : public Panel {
public:
    explicit ExportImagePanel(ExportImageDeps deps) : d_(std::move(deps)) {}
    std::string_view title() const override { return "Export image"; }
    Menu menu() const override { return Menu::none; }
    void draw(const PanelContext& context, bool& open) override;
    void tick(const PanelContext& context) override;

private:
    glm::ivec2 chosen_size() const;
    ExportImageDeps d_;
    FileDialog dialog_;
    int size_index_ = 1;  // Full HD
    int custom_[2] = {2400, 1600};
    bool transparent_ = false;
};

constexpr std::array<const char*, 5> size_names = {"1280 x 720", "1920 x 1080 (Full HD)", "2560 x 1440", "3840 x 2160 (4K)", "Custom"};

glm::ivec2 ExportImagePanel::chosen_size() const {
    const glm::ivec2 sizes[] = {{1280, 720}, {1920, 1080}, {2560, 1440}, {3840, 2160}, {custom_[0], custom_[1]}};
    return glm::clamp(sizes[size_index_], glm::ivec2(16), glm::ivec2(8192));
}

void ExportImagePanel::tick(const PanelContext&) {
    // The dialog outlives the window: closing the window does not lose a choice being made.
    const auto chosen = dialog_.draw();
    if (!chosen) return;
    core::fs::path out = *chosen;
    if (out.extension() != ".png") out += ".png";
    try {
        d_.export_png(out, chosen_size(), transparent_);
        d_.notify("Exported " + out.string(), false);
    } catch (const std::exception& e) {  // a file that cannot be written, an image too large to hold
        d_.notify(std::string("The image was not exported: ") + e.what(), true);
    }
}

void ExportImagePanel::draw(const PanelContext&, bool& open) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 20, 0), ImGuiCond_Appearing);
    if (!ImGui::Begin("Export image", &open)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    ImGui::TextWrapped("The 3D view with its labels, without the panels.");
    ImGui::Combo("Size", &size_index_, size_names.data(), static_cast<int>(size_names.size()));
    if (size_index_ == 4) {
        ImGui::InputInt2("Pixels", custom_);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Width and height, 16 to 8192 pixels");
    }
    ImGui::Checkbox("Transparent background", &transparent_);
    const glm::ivec2 size = chosen_size();
    ImGui::TextDisabled("%d x %d pixels", size.x, size.y);
    if (ImGui::Button("Export...")) dialog_.open(FileDialog::Mode::save, "Export image (PNG)", {".png"}, ".", "anatomy.png");
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_export_image_panel(ExportImageDeps deps) { return std::make_unique<ExportImagePanel>(std::move(deps)); }

}  // namespace ui
