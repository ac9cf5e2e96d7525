#include "ui/panel_radiograph.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "biomech/measures.hpp"
#include "biomech/posture_fit.hpp"
#include "biomech/radiograph.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "gfx/gl.hpp"
#include "gfx/image.hpp"
#include "gfx/objects.hpp"
#include "ui/file_dialog.hpp"
#include "ui/image_canvas.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

namespace ui {

namespace {

struct PointInfo {
    const char* name;   // the file's key
    const char* label;  // in words
    const char* tag;    // next to the marker
};
// In the order a clinician places them on a radiograph, then the photo markers.
constexpr PointInfo point_info[] = {
    {"s1_anterior", "S1 endplate, front corner", "S1 front"},
    {"s1_posterior", "S1 endplate, back corner", "S1 back"},
    {"femoral_head_r", "Femoral head centre, right", "head R"},
    {"femoral_head_l", "Femoral head centre, left", "head L"},
    {"l1_anterior", "L1 endplate, front corner", "L1 front"},
    {"l1_posterior", "L1 endplate, back corner", "L1 back"},
    {"asis", "ASIS (front of the pelvis; photo marker)", "ASIS"},
    {"psis", "PSIS (back of the pelvis; photo marker)", "PSIS"},
    {"scale_a", "Known length, one end", "A"},
    {"scale_b", "Known length, other end", "B"},
};
constexpr std::size_t first_scale_point = 8;
// Typical dry femoral head diameters (anatomy data, bone morphometry 3: Kanz et al.).
constexpr float head_mm_men = 47.0f, head_mm_women = 42.0f;

const PointInfo* info_of(const std::string& name) {
    for (const auto& p : point_info)
        if (name == p.name) return &p;
    return nullptr;
}

ImVec2 im(glm::vec2 v) { return ImVec2(v.x, v.y); }
glm::vec2 gv(ImVec2 v) { return glm::vec2(v.x, v.y); }

constexpr ImU32 line_colour = IM_COL32(250, 200, 90, 255);
constexpr ImU32 hip_colour = IM_COL32(240, 120, 200, 255);
constexpr ImU32 l1_colour = IM_COL32(120, 230, 140, 255);
constexpr ImU32 asis_colour = IM_COL32(250, 170, 60, 255);
constexpr ImU32 scale_colour = IM_COL32(120, 200, 250, 255);

}  // namespace

struct RadiographPanel::Impl {
    bool open = false;
    bool focused = false;
    core::fs::path image_path;
    gfx::Texture texture;
    ImageCanvas canvas;
    bool fit_view = false;
    scene::LandmarksFile lm;
    using Points = std::map<std::string, glm::dvec2>;
    std::vector<Points> undo, redo;
    std::string armed = point_info[0].name;  // the point the next click places
    std::string dragging;
    FileDialog image_dialog, open_dialog, save_dialog;
    std::optional<std::vector<biomech::FitResult>> fit;
    std::optional<scene::RadiographFit> saved_fit;  // from a profile, until the points change
    std::string fit_error;
    float fit_for_pi = 0.0f;
    // The image behind the model.
    bool show_underlay = true;
    float underlay_opacity = 0.6f;
    int scale_kind = 0;  // 0: a man's femoral head, 1: a woman's, 2: another length
    float other_length_mm = 100.0f;

    bool has_scale_points() const { return lm.points_px.count("scale_a") && lm.points_px.count("scale_b"); }
    // The length the two scale points mark, as the choice says (none until both are placed).
    void apply_scale_choice() {
        if (!has_scale_points()) {
            lm.scale_length_mm.reset();
            return;
        }
        lm.scale_length_mm = scale_kind == 0 ? head_mm_men : scale_kind == 1 ? head_mm_women : other_length_mm;
    }
    // A length read from a file or profile picks the choice that gives it.
    void choose_scale_from(std::optional<double> mm) {
        if (!mm) return;
        if (std::abs(*mm - head_mm_men) < 0.01)
            scale_kind = 0;
        else if (std::abs(*mm - head_mm_women) < 0.01)
            scale_kind = 1;
        else
            scale_kind = 2, other_length_mm = static_cast<float>(*mm);
    }

    void remember() {
        undo.push_back(lm.points_px);
        if (undo.size() > 200) undo.erase(undo.begin());
        redo.clear();
        fit.reset();
        saved_fit.reset();
    }
    void arm_next() {
        for (std::size_t i = 0; i < first_scale_point; ++i)  // the scale's ends only when asked for
            if (const auto& p = point_info[i]; !lm.points_px.count(p.name)) {
                armed = p.name;
                return;
            }
        armed.clear();
    }
    bool has_image() const { return static_cast<bool>(texture); }
    glm::vec2 clamp_to_image(glm::vec2 px) const { return glm::clamp(px, glm::vec2(0.0f), canvas.image_size); }
};

RadiographPanel::RadiographPanel(std::function<Hooks()> hooks) : impl_(std::make_unique<Impl>()), hooks_(std::move(hooks)) {}
bool* RadiographPanel::open_state() { return &impl_->open; }
RadiographPanel::~RadiographPanel() = default;

void RadiographPanel::show() {
    impl_->open = true;
    if (!impl_->has_image()) impl_->image_dialog.open(FileDialog::Mode::open, "Open a lateral image", {".png", ".jpg", ".jpeg"}, ".");
}
bool RadiographPanel::visible() const { return impl_->open; }
bool RadiographPanel::focused() const { return impl_->open && impl_->focused; }
const scene::LandmarksFile& RadiographPanel::landmarks() const { return impl_->lm; }

void RadiographPanel::load_image(const core::fs::path& path) {
    const gfx::Image img = gfx::read_image(path);  // throws, naming the file; nothing changes
    gfx::Texture tex = gfx::create_texture();
    glBindTexture(GL_TEXTURE_2D, tex.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, img.width, img.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    Impl& s = *impl_;
    s.texture = std::move(tex);
    s.image_path = path;
    s.canvas.image_size = glm::vec2(static_cast<float>(img.width), static_cast<float>(img.height));
    s.fit_view = true;
    s.lm.image = path.filename().string();
    // Points from another image mean nothing on this one.
    if (!s.lm.points_px.empty()) {
        s.remember();
        s.lm.points_px.clear();
    }
    s.arm_next();
    s.open = true;
}

void RadiographPanel::load_landmarks(const core::fs::path& path) {
    scene::LandmarksFile f = scene::parse_landmarks(core::read_file(path), path.string());
    const core::fs::path image = path.parent_path() / f.image;
    std::error_code ec;
    if (!f.image.empty() && core::fs::exists(image, ec) && core::fs::absolute(image, ec) != core::fs::absolute(impl_->image_path, ec))
        load_image(image);
    if (impl_->has_image())
        scene::check_points_inside(f, static_cast<int>(impl_->canvas.image_size.x), static_cast<int>(impl_->canvas.image_size.y), path.string());
    impl_->remember();
    impl_->lm.facing = f.facing;
    impl_->lm.points_px = std::move(f.points_px);
    impl_->lm.scale_length_mm = f.scale_length_mm;
    impl_->choose_scale_from(f.scale_length_mm);
    impl_->arm_next();
    impl_->open = true;
}

void RadiographPanel::save_landmarks(const core::fs::path& path) const {
    const Impl& s = *impl_;
    core::Json points = core::Json::object();
    for (const auto& [name, p] : s.lm.points_px) points[name] = {std::round(p.x * 100.0) / 100.0, std::round(p.y * 100.0) / 100.0};
    std::error_code ec;
    core::fs::path image = s.image_path.empty() ? core::fs::path(s.lm.image) : core::fs::relative(s.image_path, path.parent_path(), ec);
    if (ec || image.empty()) image = core::fs::absolute(s.image_path, ec);
    const core::Json j = {{"format", scene::landmarks_format},
                          {"image", image.string()},
                          {"facing", s.lm.facing == scene::LandmarksFile::Facing::left ? "left" : "right"},
                          {"points_px", points}};
    core::Json out = j;
    if (s.lm.scale_length_mm) out["scale_length_mm"] = *s.lm.scale_length_mm;
    core::write_file_atomic(path, out.dump(2) + "\n");
}

std::optional<scene::PatientRadiograph> RadiographPanel::record() const {
    const Impl& s = *impl_;
    if (!s.has_image() && s.lm.points_px.empty()) return std::nullopt;
    scene::PatientRadiograph r;
    r.landmarks = s.lm;
    std::error_code ec;
    r.landmarks.image = s.image_path.empty() ? s.lm.image : core::fs::absolute(s.image_path, ec).string();
    if (s.fit && !s.fit->empty()) {
        const biomech::FitResult& best = s.fit->front();
        r.fit = scene::RadiographFit{best.pattern->id, best.settings, best.residual_pelvic_tilt_deg, best.residual_lumbar_lordosis_deg};
    } else {
        r.fit = s.saved_fit;
    }
    return r;
}

void RadiographPanel::restore(const std::optional<scene::PatientRadiograph>& saved, const std::function<void(const std::string&, bool)>& notify) {
    Impl& s = *impl_;
    if (!saved) {  // another patient, or a new one: nothing of the last one's image stays
        s.texture.reset();
        s.image_path.clear();
        s.lm = {};
        s.undo.clear();
        s.redo.clear();
        s.fit.reset();
        s.saved_fit.reset();
        s.open = false;
        s.arm_next();
        return;
    }
    std::error_code ec;
    const core::fs::path image = saved->landmarks.image;
    if (!image.empty() && core::fs::exists(image, ec)) {
        try {
            load_image(image);
        } catch (const core::Error& e) {
            if (notify) notify(e.what(), true);
        }
    } else if (notify) {
        notify("The profile's image " + image.string() + " is not there any more; its points are kept", true);
    }
    s.lm.facing = saved->landmarks.facing;
    s.lm.points_px = saved->landmarks.points_px;
    s.lm.scale_length_mm = saved->landmarks.scale_length_mm;
    s.choose_scale_from(s.lm.scale_length_mm);
    s.lm.image = saved->landmarks.image;
    s.undo.clear();
    s.redo.clear();
    s.fit.reset();
    s.saved_fit = saved->fit;
    s.arm_next();
}

std::optional<RadiographPanel::Underlay> RadiographPanel::underlay(const scene::UnderlayAnchors& model) const {
    const Impl& s = *impl_;
    if (!s.has_image() || !s.show_underlay) return std::nullopt;
    const auto placed = scene::place_underlay(s.lm, glm::dvec2(s.canvas.image_size), model, nullptr);
    if (!placed) return std::nullopt;
    return Underlay{s.texture.id(), *placed, s.underlay_opacity};
}

bool RadiographPanel::place_at_screen(const std::string& name, float x, float y) {
    Impl& s = *impl_;
    if (!s.has_image() || !info_of(name)) return false;
    const glm::vec2 px = s.canvas.to_image({x, y});
    if (px.x < 0.0f || px.y < 0.0f || px.x > s.canvas.image_size.x || px.y > s.canvas.image_size.y) return false;
    s.remember();
    s.lm.points_px[name] = glm::dvec2(px);
    s.arm_next();
    return true;
}

void RadiographPanel::undo() {
    Impl& s = *impl_;
    if (s.undo.empty()) return;
    s.redo.push_back(s.lm.points_px);
    s.lm.points_px = s.undo.back();
    s.undo.pop_back();
    s.fit.reset();
    s.arm_next();
}

void RadiographPanel::redo() {
    Impl& s = *impl_;
    if (s.redo.empty()) return;
    s.undo.push_back(s.lm.points_px);
    s.lm.points_px = s.redo.back();
    s.redo.pop_back();
    s.fit.reset();
    s.arm_next();
}

void RadiographPanel::tick(const PanelContext&) {
    Impl& s = *impl_;
    // The hooks are asked for only when a dialog gave an answer: this runs every frame.
    auto say = [&](const std::string& text, bool error) {
        if (const auto notify = hooks_().notify) notify(text, error);
    };
    auto report = [&](const core::Error& e) { say(e.what(), true); };
    if (auto p = s.image_dialog.draw()) try {
            load_image(*p);
        } catch (const core::Error& e) {
            report(e);
        }
    if (auto p = s.open_dialog.draw()) try {
            load_landmarks(*p);
        } catch (const core::Error& e) {
            report(e);
        }
    if (auto p = s.save_dialog.draw()) try {
            core::fs::path out = *p;
            if (out.extension() != ".json") out += ".json";
            save_landmarks(out);
            say("Saved " + out.filename().string(), false);
        } catch (const core::Error& e) {
            report(e);
        }
    if (!s.open) s.focused = false;
}

void RadiographPanel::draw(const PanelContext&, bool& open) {
    Impl& s = *impl_;
    const Hooks hooks = hooks_();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 62.0f, em * 40.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_FirstUseEver, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Measure a radiograph or photo", &open, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        s.focused = false;
        ImGui::End();
        return;
    }
    audit_capture_window();
    s.focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    const core::fs::path start = s.image_path.empty() ? core::fs::path(".") : s.image_path.parent_path();
    if (ImGui::Button("Open image...")) s.image_dialog.open(FileDialog::Mode::open, "Open a lateral image", {".png", ".jpg", ".jpeg"}, start);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A lateral radiograph or a side photo, PNG or JPEG");
    ImGui::SameLine();
    if (ImGui::Button("Open landmarks...")) s.open_dialog.open(FileDialog::Mode::open, "Open landmarks", {".json"}, start);
    ImGui::SameLine();
    ImGui::BeginDisabled(s.lm.points_px.empty());
    if (ImGui::Button("Save landmarks..."))
        s.save_dialog.open(FileDialog::Mode::save, "Save landmarks", {".json"}, start, s.image_path.stem().string() + "-landmarks.json");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(s.undo.empty());
    if (ImGui::Button("Undo")) undo();
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Undo the last point placed or moved (Ctrl+Z)");
    ImGui::SameLine();
    ImGui::BeginDisabled(s.redo.empty());
    if (ImGui::Button("Redo")) redo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.has_image());
    if (ImGui::Button("Fit view")) s.fit_view = true;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextUnformatted("  The patient faces:");
    ImGui::SameLine();
    int facing = s.lm.facing == scene::LandmarksFile::Facing::left ? 0 : 1;
    const int facing_before = facing;
    ImGui::RadioButton("left", &facing, 0);
    ImGui::SameLine();
    ImGui::RadioButton("right", &facing, 1);
    if (facing != facing_before) {
        s.lm.facing = facing == 0 ? scene::LandmarksFile::Facing::left : scene::LandmarksFile::Facing::right;
        s.fit.reset();
    }

    // The measures, live: every angle the points placed so far define.
    const biomech::SagittalLandmarks points = scene::to_sagittal(s.lm);
    biomech::LandmarkMeasures m;
    std::string problem;
    try {
        m = biomech::measure_landmarks(points);
        biomech::check_upright_facing(points);
    } catch (const core::Error& e) {
        problem = e.what();
    }

    // Left: the points, the measures and the fit.
    ImGui::BeginChild("##points", ImVec2(em * 20.0f, 0.0f), true);
    ImGui::TextDisabled("Points (click one, then click the image)");
    for (const auto& p : point_info) {
        if (&p == &point_info[first_scale_point]) {
            ImGui::Spacing();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("A known length (optional): the image behind the model at true size");
            ImGui::PopTextWrapPos();
        }
        ImGui::PushID(p.name);
        const bool placed = s.lm.points_px.count(p.name) > 0;
        const ImGuiStyle& st = ImGui::GetStyle();
        const float remove_w = ImGui::CalcTextSize("x").x + st.FramePadding.x * 2.0f + st.ItemSpacing.x;
        const float row_w = ImGui::GetContentRegionAvail().x - remove_w;
        if (ImGui::Selectable(fit_text(std::string("     ") + p.label, row_w).c_str(), s.armed == p.name, 0, ImVec2(row_w, 0.0f))) s.armed = p.name;
        {  // a filled dot when placed, a ring when still to place
            const ImVec2 r0 = ImGui::GetItemRectMin(), r1 = ImGui::GetItemRectMax();
            const ImVec2 c(r0.x + em * 0.6f, (r0.y + r1.y) * 0.5f);
            ImDrawList* rows = ImGui::GetWindowDrawList();
            if (placed)
                rows->AddCircleFilled(c, em * 0.28f, IM_COL32(120, 220, 130, 255));
            else
                rows->AddCircle(c, em * 0.28f, IM_COL32(160, 165, 175, 255), 12, 1.5f);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %s", p.label, placed ? "placed; drag its marker to move it" : "click, then click the image");
        if (placed) {
            ImGui::SameLine();
            if (ImGui::SmallButton("x")) {
                s.remember();
                s.lm.points_px.erase(p.name);
                s.arm_next();
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this point");
        }
        ImGui::PopID();
    }
    {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("It is:");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        ImGui::Combo("##scale_kind", &s.scale_kind, "a man's femoral head (47 mm)\0a woman's femoral head (42 mm)\0another length\0");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Across a femoral head: mark two opposite points of its rim (typical dry diameters: men 47, women 42 mm,\n"
                "Kanz et al.). A ruler or calibration ball on the image gives the patient's true size.");
        if (s.scale_kind == 2) {
            ImGui::SetNextItemWidth(em * 8.0f);
            ImGui::InputFloat("mm##other_length", &s.other_length_mm, 0.0f, 0.0f, "%.1f");
            s.other_length_mm = std::clamp(s.other_length_mm, 1.0f, 5000.0f);
        }
        s.apply_scale_choice();
    }
    ImGui::Separator();
    ImGui::TextDisabled("Measures");
    ImGui::PushTextWrapPos(0.0f);
    bool any = false;
    for (const auto& info : biomech::measure_table()) {
        const auto v = m.get(info.key);
        if (!v) continue;
        any = true;
        ImGui::Text("%s  %.1f\xC2\xB0", info.label, static_cast<double>(*v));
        std::string note = info.sign;
        if (info.typical[0]) note += std::string(note.empty() ? "" : ", ") + info.typical;
        if (!note.empty()) ImGui::TextDisabled("  %s", note.c_str());
    }
    if (!any && problem.empty())
        ImGui::TextDisabled(
            "Place the two S1 corners for the sacral slope; add both femoral heads for tilt and incidence, the L1 corners for lordosis, or the ASIS "
            "and PSIS on a photo.");
    if (!problem.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", problem.c_str());

    // The fit: the model stood at the measured tilt and lordosis, for the measured incidence.
    if (problem.empty() && m.pelvic_incidence_deg && m.pelvic_tilt_deg && m.lumbar_lordosis_deg) {
        ImGui::Separator();
        const float pi = *m.pelvic_incidence_deg, pt = *m.pelvic_tilt_deg, ll = *m.lumbar_lordosis_deg;
        const bool in_range = pi >= 30.0f && pi <= 85.0f && pt > -20.0f && pt < std::min(50.0f, pi) && ll >= 0.0f && ll <= 100.0f;
        ImGui::BeginDisabled(!in_range);
        if (ImGui::Button("Fit the model to these numbers")) {
            s.fit_error.clear();
            try {
                const anat::Skeleton skeleton = anat::build_default_skeleton({1.75f, pi});
                const anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
                const biomech::PostureSolver solver(skeleton, catalogue);
                s.fit = biomech::fit_posture(solver, {pt, ll});
                s.fit_for_pi = pi;
            } catch (const core::Error& e) {
                s.fit_error = e.what();
            }
        }
        ImGui::EndDisabled();
        if (!in_range) ImGui::TextDisabled("The model's range: incidence 30-85, tilt -20 to 50 and below the incidence, lordosis 0-100.");
        if (!s.fit_error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", s.fit_error.c_str());
        if (!s.fit && s.saved_fit) {
            ImGui::TextUnformatted("Fit saved in the profile:");
            const biomech::PostureSettings normal;
            for (auto g : biomech::all_posture_groups)
                if (std::abs(s.saved_fit->settings[g] - normal[g]) >= 0.5f)
                    ImGui::BulletText("%s %.0f", biomech::posture_group_name(g), static_cast<double>(s.saved_fit->settings[g]));
            ImGui::TextDisabled("Residuals: tilt %+.1f\xC2\xB0, lordosis %+.1f\xC2\xB0", static_cast<double>(s.saved_fit->residual_pelvic_tilt_deg),
                                static_cast<double>(s.saved_fit->residual_lumbar_lordosis_deg));
            if (ImGui::Button("Show these settings on the model") && hooks.show_on_model) hooks.show_on_model(s.saved_fit->settings);
            if (ImGui::Button("Beside the neutral model") && hooks.compare_with_neutral) hooks.compare_with_neutral(s.saved_fit->settings);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("These settings on the right, the model at its neutral posture on the left (F6 turns it off)");
        }
        if (s.fit && !s.fit->empty()) {
            const biomech::FitResult& best = s.fit->front();
            ImGui::TextUnformatted(best.reproduces() ? "Could produce this posture in the model:" : "The model cannot reach it; the closest:");
            ImGui::Text("%s", best.pattern->name.c_str());
            const biomech::PostureSettings normal;
            for (auto g : best.pattern->groups)
                if (std::abs(best.settings[g] - normal[g]) >= 0.5f)
                    ImGui::BulletText("%s %.0f", biomech::posture_group_name(g), static_cast<double>(best.settings[g]));
            ImGui::TextDisabled("Tilt %.1f\xC2\xB0 (%+.1f), lordosis %.1f\xC2\xB0 (%+.1f)",
                                static_cast<double>(best.posture.measures.pelvic_tilt_deg), static_cast<double>(best.residual_pelvic_tilt_deg),
                                static_cast<double>(best.posture.measures.lumbar_lordosis_deg),
                                static_cast<double>(best.residual_lumbar_lordosis_deg));
            if (!best.reproduces()) ImGui::TextDisabled("%s.", biomech::why_unreachable(best, {pt, ll}).c_str());
            if (ImGui::Button("Show these settings on the model") && hooks.show_on_model) hooks.show_on_model(best.settings);
            if (ImGui::Button("Beside the neutral model") && hooks.compare_with_neutral) hooks.compare_with_neutral(best.settings);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("These settings on the right, the model at its neutral posture on the left (F6 turns it off)");
            // Other patterns can give much the same posture: the next three, each with its settings.
            if (s.fit->size() > 1) {
                ImGui::Spacing();
                ImGui::TextUnformatted("Other patterns that come close:");
                for (std::size_t k = 1; k < std::min<std::size_t>(s.fit->size(), 4); ++k) {
                    const biomech::FitResult& alt = (*s.fit)[k];
                    std::string changed;
                    for (auto g : alt.pattern->groups)
                        if (std::abs(alt.settings[g] - normal[g]) >= 0.5f) {
                            char part[80];
                            std::snprintf(part, sizeof(part), "%s%s %.0f", changed.empty() ? "" : ", ", biomech::posture_group_name(g),
                                          static_cast<double>(alt.settings[g]));
                            changed += part;
                        }
                    ImGui::Bullet();
                    ImGui::TextWrapped("%s: %s (tilt %+.1f\xC2\xB0, lordosis %+.1f\xC2\xB0)", alt.pattern->name.c_str(),
                                       changed.empty() ? "normal settings" : changed.c_str(), static_cast<double>(alt.residual_pelvic_tilt_deg),
                                       static_cast<double>(alt.residual_lumbar_lordosis_deg));
                    ImGui::PushID(static_cast<int>(k));
                    ImGui::Indent();
                    if (ImGui::SmallButton("Show on the model") && hooks.show_on_model) hooks.show_on_model(alt.settings);
                    ImGui::Unindent();
                    ImGui::PopID();
                }
            }
            ImGui::TextDisabled(
                "What could produce this posture in the model, not a diagnosis: in real people posture is only weakly linked to "
                "muscle length.");
        }
    }
    // The model's own pelvis: its incidence is bone shape, so the body is built again for the
    // patient's (in the background; the posture settings carry over).
    if (problem.empty() && m.pelvic_incidence_deg) {
        const float patient = *m.pelvic_incidence_deg, model = hooks.model_pelvic_incidence_deg;
        const bool in_range = patient >= 30.0f && patient <= 85.0f;
        ImGui::Separator();
        ImGui::TextDisabled("The model's pelvis");
        if (hooks.rebuilding_s) {
            constexpr double typical_s = 8.0;  // the bones' generation on 2 cores
            const float f = static_cast<float>(std::min(*hooks.rebuilding_s / typical_s, 0.95));
            char overlay[64];
            std::snprintf(overlay, sizeof(overlay), "Building the bones... %.0f s", *hooks.rebuilding_s);
            ImGui::ProgressBar(f, ImVec2(-1.0f, 0.0f), overlay);
        } else if (std::abs(patient - model) < 0.5f) {
            ImGui::Text("Incidence %.0f\xC2\xB0, the patient's.", static_cast<double>(model));
        } else {
            ImGui::Text("Incidence %.0f\xC2\xB0; the patient's is %.0f\xC2\xB0. Settings carry over, angles do not.", static_cast<double>(model),
                        static_cast<double>(patient));
            ImGui::BeginDisabled(!in_range || !hooks.rebuild_body);
            char label[64];
            std::snprintf(label, sizeof(label), "Give the model this pelvis (%.0f\xC2\xB0)", static_cast<double>(patient));
            if (ImGui::Button(label)) hooks.rebuild_body(patient);
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip(in_range ? "Builds the bones again with the patient's pelvic incidence (a few seconds, in the background);\n"
                                             "the posture settings stay"
                                           : "The model's range of incidence is 30 to 85 degrees");
        }
        if (!hooks.rebuilding_s && std::abs(model - 52.0f) >= 0.5f && hooks.rebuild_body) {
            if (ImGui::Button("Back to the standard pelvis (52\xC2\xB0)")) hooks.rebuild_body(52.0f);
        }
    }
    // The image behind the model, in the side views.
    ImGui::Separator();
    ImGui::TextDisabled("Behind the model");
    ImGui::Checkbox("Show the image in the side views", &s.show_underlay);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Behind the model when the camera looks from the left or right (View > Left or Right), lined up on the hip axis");
    ImGui::SetNextItemWidth(
        std::max(em * 4.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Opacity").x - ImGui::GetStyle().ItemInnerSpacing.x));
    ImGui::SliderFloat("Opacity", &s.underlay_opacity, 0.1f, 1.0f, "%.2f");
    if (s.has_image()) {
        std::string why;
        if (const auto placed = scene::place_underlay(s.lm, glm::dvec2(s.canvas.image_size), hooks.model, &why)) {
            ImGui::TextDisabled("Lined up on %s; size from %s.", placed->anchor.c_str(), placed->scale_from.c_str());
        } else {
            ImGui::TextColored(ImVec4(0.98f, 0.78f, 0.43f, 1.0f), "Not shown yet: %s.", why.c_str());
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::SameLine();

    // Right: the image, the points and their lines.
    ImGui::BeginChild("##canvas", ImVec2(0.0f, 0.0f), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const glm::vec2 cmin = gv(ImGui::GetCursorScreenPos());
    const glm::vec2 csize = glm::max(gv(ImGui::GetContentRegionAvail()), glm::vec2(em * 4.0f));
    s.canvas.canvas_min = cmin;
    s.canvas.canvas_size = csize;
    dl->AddRectFilled(im(cmin), im(cmin + csize), IM_COL32(18, 19, 22, 255));
    ImGui::InvisibleButton("##image", im(csize),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    const glm::vec2 mouse = gv(io.MousePos);
    if (!s.has_image()) {
        const char* hint = "Open a lateral radiograph or side photo (PNG or JPEG) to measure it.";
        const ImVec2 t = ImGui::CalcTextSize(hint);
        dl->AddText(im(cmin + (csize - gv(t)) * 0.5f), IM_COL32(160, 165, 175, 255), hint);
        ImGui::EndChild();
        ImGui::End();
        return;
    }
    if (s.fit_view) {
        s.canvas.fit();
        s.fit_view = false;
    }
    if (hovered && io.MouseWheel != 0.0f) s.canvas.zoom_about(mouse, std::pow(1.15f, io.MouseWheel));
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f)))
        s.canvas.pan_by(gv(io.MouseDelta));
    // The marker under the mouse (within 9 points), to drag.
    std::string near;
    float nearest = em * 0.6f;
    for (const auto& [name, p] : s.lm.points_px) {
        const float d = glm::length(s.canvas.to_screen(glm::vec2(p)) - mouse);
        if (d < nearest) {
            nearest = d;
            near = name;
        }
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        if (!near.empty()) {
            s.remember();
            s.dragging = near;
        } else if (!s.armed.empty()) {
            place_at_screen(s.armed, mouse.x, mouse.y);
        }
    }
    if (!s.dragging.empty()) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left))
            s.lm.points_px[s.dragging] = glm::dvec2(s.clamp_to_image(s.canvas.to_image(mouse)));
        else
            s.dragging.clear();
    }

    dl->PushClipRect(im(cmin), im(cmin + csize), true);
    const ImTextureID tex = reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(s.texture.id()));
    dl->AddImage(tex, im(s.canvas.to_screen({0.0f, 0.0f})), im(s.canvas.to_screen(s.canvas.image_size)));
    auto at = [&](const char* name) -> std::optional<glm::vec2> {
        const auto it = s.lm.points_px.find(name);
        if (it == s.lm.points_px.end()) return std::nullopt;
        return s.canvas.to_screen(glm::vec2(it->second));
    };
    auto label = [&](glm::vec2 p, ImU32 c, const std::string& text) {
        const ImVec2 t = ImGui::CalcTextSize(text.c_str());
        dl->AddRectFilled(im(p - glm::vec2(3.0f, 1.0f)), im(p + gv(t) + glm::vec2(3.0f, 1.0f)), IM_COL32(0, 0, 0, 190), 3.0f);
        dl->AddText(im(p), c, text.c_str());
    };
    auto degrees = [](const char* what, std::optional<float> v) {
        char t[64];
        std::snprintf(t, sizeof(t), "%s %.1f\xC2\xB0", what, static_cast<double>(v.value_or(0.0f)));
        return std::string(t);
    };
    const float line_w = std::max(1.5f, em * 0.12f);
    // Angles are written on the side the patient faces, the markers' names on the other.
    const float toward_face = s.lm.facing == scene::LandmarksFile::Facing::left ? -1.0f : 1.0f;
    auto beside = [&](glm::vec2 p, const std::string& text, float side, float dy) {
        const float w = ImGui::CalcTextSize(text.c_str()).x;
        return glm::vec2(side > 0.0f ? p.x + em * 0.8f : p.x - em * 0.8f - w, p.y + dy);
    };
    // The S1 endplate, extended both ways, with the sacral slope against a horizontal.
    const auto s1a = at("s1_anterior"), s1p = at("s1_posterior");
    if (s1a && s1p && glm::length(*s1a - *s1p) > 0.5f) {
        const glm::vec2 d = glm::normalize(*s1a - *s1p);
        dl->AddLine(im(*s1p - d * em * 3.0f), im(*s1a + d * em * 3.0f), line_colour, line_w);
        dl->AddLine(im(*s1p), im(*s1p + glm::vec2(std::copysign(em * 5.0f, d.x), 0.0f)), IM_COL32(250, 200, 90, 140), 1.0f);
        if (m.sacral_slope_deg) {
            const std::string t = degrees("SS", m.sacral_slope_deg);
            label(beside(*s1a + d * em * 3.0f, t, toward_face, -em * 0.6f), line_colour, t);
        }
    }
    // The hip axis (between the heads), its line to the S1 midpoint, and the vertical.
    const auto hr = at("femoral_head_r"), hl = at("femoral_head_l");
    if (hr && hl) {
        const glm::vec2 axis = (*hr + *hl) * 0.5f;
        dl->AddLine(im(*hr), im(*hl), hip_colour, 1.0f);
        dl->AddCircle(im(axis), em * 0.35f, hip_colour, 16, line_w);
        if (s1a && s1p) {
            const glm::vec2 mid = (*s1a + *s1p) * 0.5f;
            dl->AddLine(im(axis), im(mid), hip_colour, line_w);
            dl->AddLine(im(axis), im(glm::vec2(axis.x, mid.y)), IM_COL32(240, 120, 200, 130), 1.0f);
            if (m.pelvic_tilt_deg) {
                const std::string t = degrees("PT", m.pelvic_tilt_deg);
                label(beside(axis, t, toward_face, em * 0.6f), hip_colour, t);
            }
            if (m.pelvic_incidence_deg) {
                const std::string t = degrees("PI", m.pelvic_incidence_deg);
                label(beside((axis + mid) * 0.5f, t, toward_face, 0.0f), hip_colour, t);
            }
        }
    }
    const auto l1a = at("l1_anterior"), l1p = at("l1_posterior");
    if (l1a && l1p && glm::length(*l1a - *l1p) > 0.5f) {
        const glm::vec2 d = glm::normalize(*l1a - *l1p);
        dl->AddLine(im(*l1p - d * em * 3.0f), im(*l1a + d * em * 3.0f), l1_colour, line_w);
        if (m.lumbar_lordosis_deg) {
            const std::string t = degrees("LL", m.lumbar_lordosis_deg);
            label(beside(*l1a + d * em * 3.0f, t, toward_face, -em * 0.6f), l1_colour, t);
        }
    }
    const auto asis = at("asis"), psis = at("psis");
    if (asis && psis) {
        dl->AddLine(im(*psis), im(*asis), asis_colour, line_w);
        dl->AddLine(im(*psis), im(*psis + glm::vec2(*asis - *psis).x * glm::vec2(1.0f, 0.0f)), IM_COL32(250, 170, 60, 130), 1.0f);
        if (m.pelvic_tilt_clinical_deg) {
            const std::string t = degrees("ASIS-PSIS", m.pelvic_tilt_clinical_deg);
            label(beside(*asis, t, toward_face, em * 0.3f), asis_colour, t);
        }
    }
    // The known length, with what it is.
    const auto sa = at("scale_a"), sb = at("scale_b");
    if (sa && sb) {
        dl->AddLine(im(*sa), im(*sb), scale_colour, line_w);
        if (s.lm.scale_length_mm) {
            char t[32];
            std::snprintf(t, sizeof(t), "%.0f mm", *s.lm.scale_length_mm);
            label((*sa + *sb) * 0.5f + glm::vec2(em * 0.6f, -em * 1.2f), scale_colour, t);
        }
    }
    // The markers, with their short names.
    for (const auto& [name, p] : s.lm.points_px) {
        const glm::vec2 q = s.canvas.to_screen(glm::vec2(p));
        const bool hot = name == near || name == s.dragging;
        dl->AddCircleFilled(im(q), em * (hot ? 0.38f : 0.28f), IM_COL32(20, 20, 20, 220));
        dl->AddCircle(im(q), em * (hot ? 0.38f : 0.28f), IM_COL32(255, 255, 255, 255), 16, 1.5f);
        if (const PointInfo* i = info_of(name)) {
            // The tag behind the marker (away from the face), the upper corner's above, the lower's below.
            const bool anterior = name.find("anterior") != std::string::npos || name == "asis";
            label(beside(q, i->tag, -toward_face, anterior ? em * 0.1f : -em * 1.1f), IM_COL32(255, 255, 255, 235), i->tag);
        }
    }
    // The magnifier: four times the image around the mouse, in the canvas's top-right corner.
    if (hovered && (!s.dragging.empty() || !s.armed.empty())) {
        const float side = em * 9.0f;
        const glm::vec2 centre_px = s.canvas.to_image(mouse);
        const glm::vec2 half = glm::vec2(side / 8.0f / s.canvas.zoom);  // image pixels each side: a quarter of the box, on screen
        const glm::vec2 uv0 = (centre_px - half) / s.canvas.image_size, uv1 = (centre_px + half) / s.canvas.image_size;
        const glm::vec2 box0 = cmin + glm::vec2(csize.x - side - em * 0.5f, em * 0.5f), box1 = box0 + glm::vec2(side);
        dl->AddRectFilled(im(box0), im(box1), IM_COL32(0, 0, 0, 255));
        dl->AddImage(tex, im(box0), im(box1), im(uv0), im(uv1));
        const glm::vec2 c = (box0 + box1) * 0.5f;
        dl->AddLine(im(c - glm::vec2(em * 0.8f, 0.0f)), im(c + glm::vec2(em * 0.8f, 0.0f)), IM_COL32(255, 80, 80, 255), 1.0f);
        dl->AddLine(im(c - glm::vec2(0.0f, em * 0.8f)), im(c + glm::vec2(0.0f, em * 0.8f)), IM_COL32(255, 80, 80, 255), 1.0f);
        dl->AddRect(im(box0), im(box1), IM_COL32(255, 255, 255, 200));
    }
    // What a click does now.
    std::string hint = "Drag a marker to move it; wheel to zoom, right-drag to pan";
    if (!s.armed.empty())
        if (const PointInfo* i = info_of(s.armed)) hint = std::string("Click to place: ") + i->label + ". Wheel to zoom, right-drag to pan";
    label(cmin + glm::vec2(em * 0.5f, csize.y - em * 1.6f), IM_COL32(230, 230, 235, 255), hint);
    dl->PopClipRect();
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace ui
