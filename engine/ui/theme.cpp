#include "ui/theme.hpp"

#include "core/files.hpp"
#include "core/log.hpp"

#include <imgui.h>

namespace ui {

namespace {
const char* font_candidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  // fonts-dejavu-core
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};
constexpr float base_font_px = 15.0f;  // comfortable at 96 dpi
}  // namespace

Fonts load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    std::error_code ec;
    for (const char* path : font_candidates) {
        if (!core::fs::exists(path, ec)) continue;
        ImFontConfig cfg;
        cfg.OversampleH = 2;  // crisper text at small sizes, cheap
        // Latin with accents, typographic punctuation (dashes, quotes), arrows, and the degree sign.
        static const ImWchar ranges[] = {0x0020, 0x017F, 0x2010, 0x2027, 0x2190, 0x2199, 0x2212, 0x2212, 0};
        fonts.regular = io.Fonts->AddFontFromFileTTF(path, base_font_px * scale, &cfg, ranges);
        fonts.large = io.Fonts->AddFontFromFileTTF(path, base_font_px * 1.6f * scale, &cfg, ranges);
        if (fonts.regular) break;
    }
    if (!fonts.regular) {
        core::log_warning("DejaVu Sans not found (install fonts-dejavu-core); using ImGui's built-in font");
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * scale;
        fonts.regular = io.Fonts->AddFontDefault(&cfg);
        fonts.large = fonts.regular;
    }
    io.FontDefault = fonts.regular;
    return fonts;
}

void apply_theme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 6.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.TabRounding = 4.0f;
    style.ScrollbarRounding = 6.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 0.0f;
    style.WindowPadding = ImVec2(10, 10);
    style.FramePadding = ImVec2(8, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.GrabMinSize = 12.0f;  // sliders that look like sliders

    ImVec4* c = style.Colors;
    const ImVec4 accent{0.93f, 0.62f, 0.30f, 1.0f};  // warm amber: selection and active controls
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.12f, 0.13f, 0.15f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.14f, 0.16f, 0.19f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.21f, 0.24f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.25f, 0.27f, 0.31f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.29f, 0.31f, 0.36f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.24f, 0.28f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.30f, 0.33f, 0.38f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(accent.x * 0.8f, accent.y * 0.8f, accent.z * 0.8f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.22f, 0.24f, 0.28f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.30f, 0.33f, 0.38f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.34f, 0.37f, 0.43f, 1.0f);
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = ImVec4(1.0f, 0.72f, 0.40f, 1.0f);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_PlotLines] = accent;
    c[ImGuiCol_PlotHistogram] = accent;
    c[ImGuiCol_Tab] = ImVec4(0.17f, 0.19f, 0.22f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.30f, 0.33f, 0.38f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.26f, 0.29f, 0.34f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.26f, 0.28f, 0.32f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.94f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.55f, 0.58f, 0.62f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

namespace {
std::string* audit_sink = nullptr;
void (*saved_set_clipboard)(void*, const char*) = nullptr;
void* saved_clipboard_user_data = nullptr;
}  // namespace

void set_audit_capture(std::string* sink) {
    ImGuiIO& io = ImGui::GetIO();
    if (sink && !audit_sink) {
        // ImGui's log "to the clipboard" hands each window's text to this function.
        saved_set_clipboard = io.SetClipboardTextFn;
        saved_clipboard_user_data = io.ClipboardUserData;
        io.SetClipboardTextFn = [](void* user, const char* text) {
            auto* out = static_cast<std::string*>(user);
            out->append(text);
            out->append("\n");
        };
        io.ClipboardUserData = sink;
    } else if (!sink && audit_sink) {
        io.SetClipboardTextFn = saved_set_clipboard;
        io.ClipboardUserData = saved_clipboard_user_data;
    }
    audit_sink = sink;
}

void audit_capture_window() {
    if (audit_sink) ImGui::LogToClipboard();
}

std::string fit_text(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string t = text;
    while (!t.empty() && ImGui::CalcTextSize((t + "...").c_str()).x > width) {
        while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();  // continuation bytes
        if (!t.empty()) t.pop_back();
    }
    while (!t.empty() && t.back() == ' ') t.pop_back();
    return t + "...";
}

void same_line_if_fits(const char* next_label) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(next_label, nullptr, true).x + 2.0f * st.FramePadding.x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right) ImGui::SameLine();
}

}  // namespace ui
