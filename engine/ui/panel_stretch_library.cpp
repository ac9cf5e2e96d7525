// ui/panel_stretch_library.cpp: the Stretches tab of the Posture and stretches column: the
// library (search, filters by muscle group, position and difficulty, the patient's unsuitable
// stretches marked or hidden) and the stretch on screen (how it stretches, dosage, safety, live
// meters toward each target's end range, the plot over the clip, the posterior-tilt cue, steps,
// cues, mistakes and sources). It keeps its own search and filters.
#include "ui/panels.hpp"
#include "ui/stretch_widgets.hpp"

#include "anim/stretch_groups.hpp"
#include "scene/body.hpp"
#include "scene/search.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ui {

const char* stretch_words(float r) {
    if (r < 0.35f) return "gentle";
    if (r < 0.9f) return "moderate";
    return "strong";
}

namespace {

constexpr const char* position_choices[] = {"Any position", "Standing", "Kneeling", "Lying on the back", "Seated", "Lying face down"};
constexpr const char* difficulty_choices[] = {"Any difficulty", "Easy", "Moderate", "Harder"};

const char* position_name(anim::Position p) {
    switch (p) {
        case anim::Position::standing: return "standing";
        case anim::Position::kneeling: return "kneeling";
        case anim::Position::supine: return "lying on the back";
        case anim::Position::seated: return "seated";
        case anim::Position::prone: return "lying face down";
    }
    return "";
}

const char* difficulty_name(int d) { return d <= 1 ? "easy" : d == 2 ? "moderate" : "harder"; }

// Distinct colours for up to six curves (targets), readable on the dark theme.
ImU32 curve_color(std::size_t i) {
    static const ImU32 colors[] = {IM_COL32(250, 120, 100, 255), IM_COL32(110, 200, 250, 255), IM_COL32(250, 210, 90, 255),
                                   IM_COL32(150, 230, 130, 255), IM_COL32(220, 140, 240, 255), IM_COL32(240, 240, 240, 255)};
    return colors[i % std::size(colors)];
}

class StretchesTab {
public:
    explicit StretchesTab(StretchesTabDeps deps) : d_(std::move(deps)) {}
    void draw(const PanelContext& context);

private:
    void draw_library();
    void draw_now_playing();
    void draw_plot(float height);

    StretchesTabDeps d_;
    // This frame's: the stretch state (null: the library did not load), the body and the fonts.
    scene::StretchState* stretch_ = nullptr;
    ShownBody shown_;
    const Fonts* fonts_ = nullptr;
    char stretch_search_[64] = {};
    int stretch_group_filter_ = 0, stretch_position_filter_ = 0, stretch_difficulty_filter_ = 0;
    bool hide_unsuitable_stretches_ = false;
    float live_meters_height_ = 0.0f;  // the meters' child window, measured last frame
};

void StretchesTab::draw(const PanelContext& context) {
    stretch_ = d_.stretch();
    shown_ = d_.body();
    fonts_ = context.fonts;
    if (!stretch_) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1.0f), "The stretch library could not be loaded:");
        ImGui::TextUnformatted(d_.load_error->c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (stretch_->showing_clip()) {
        draw_now_playing();
        ImGui::Separator();
    }
    draw_library();
}

void StretchesTab::draw_library() {
    const float em = ImGui::GetFontSize();
    const anim::Library& lib = stretch_->library();
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##stretch_search", "Search stretches or muscles", stretch_search_, sizeof(stretch_search_));
    // The group filter on its own row, position and difficulty side by side: each shows its choice whole.
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2.0f;
    ImGui::SetNextItemWidth(-1.0f);
    // 0: every group; i: the library's group i - 1 (assets/anim/stretch_groups.json).
    const auto& groups = anim::default_stretch_groups();
    stretch_group_filter_ = std::clamp(stretch_group_filter_, 0, static_cast<int>(groups.size()));
    auto group_label = [&](int i) { return i == 0 ? "All muscle groups" : groups[static_cast<std::size_t>(i - 1)].name.c_str(); };
    if (ImGui::BeginCombo("##group", group_label(stretch_group_filter_), ImGuiComboFlags_HeightLarge)) {
        for (int i = 0; i <= static_cast<int>(groups.size()); ++i)
            if (ImGui::Selectable(group_label(i), i == stretch_group_filter_)) stretch_group_filter_ = i;
        ImGui::EndCombo();
    }
    tooltip("Which muscles the stretch is for");
    ImGui::SetNextItemWidth(half);
    ImGui::Combo("##position", &stretch_position_filter_, position_choices, static_cast<int>(std::size(position_choices)));
    tooltip("The starting position");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    ImGui::Combo("##difficulty", &stretch_difficulty_filter_, difficulty_choices, static_cast<int>(std::size(difficulty_choices)));

    if (!d_.conditions->empty()) {
        ImGui::Checkbox("Hide stretches that do not suit this patient", &hide_unsuitable_stretches_);
        tooltip("The patient's conditions are set in File > Patient profile; hover a marked stretch to see why.");
    }
    const auto& catalogue = *shown_.catalogue;
    int shown = 0, hidden = 0;
    // The search finds stretches by name, group, everyday words and the muscles they target.
    scene::SearchInput in;
    in.catalogue = &catalogue;
    in.stretches = &lib;
    in.synonyms = &scene::default_synonyms();
    std::vector<std::string> found;
    for (const auto& h : scene::search(in, stretch_search_))
        if (h.kind == scene::SearchHit::Kind::stretch) found.push_back(h.id);
    if (ImGui::BeginChild("##stretch_list", ImVec2(0, 0), false)) {
        std::string last_group;
        for (std::size_t i = 0; i < lib.size(); ++i) {
            const anim::StretchInfo& info = lib.info(i);
            if (stretch_group_filter_ > 0 && info.group != groups[static_cast<std::size_t>(stretch_group_filter_ - 1)].id) continue;
            if (stretch_position_filter_ > 0 && static_cast<int>(info.position) != stretch_position_filter_ - 1) continue;
            if (stretch_difficulty_filter_ > 0 && info.difficulty != stretch_difficulty_filter_) continue;
            if (stretch_search_[0] != '\0' && std::find(found.begin(), found.end(), info.id) == found.end()) continue;
            if (hide_unsuitable_stretches_ && !stretch_suits(info, *d_.conditions)) {
                ++hidden;
                continue;
            }
            ++shown;
            if (info.group != last_group) {
                last_group = info.group;
                ImGui::TextDisabled("%s", anim::stretch_group_name(groups, info.group).c_str());
            }
            ImGui::PushID(static_cast<int>(i));
            const bool current = stretch_->showing_clip() && stretch_->player().selected() == static_cast<int>(i);
            if (ImGui::Selectable("##row", current, ImGuiSelectableFlags_AllowItemOverlap, ImVec2(ImGui::GetContentRegionAvail().x, em * 2.3f)))
                d_.start(static_cast<int>(i));
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em * 24.0f);
                ImGui::TextUnformatted(info.evidence.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::SameLine(em * 0.4f);
            ImGui::BeginGroup();
            const float row_w = ImGui::GetContentRegionAvail().x - em * 0.2f;  // from the text's start to the edge (scrollbar or not)
            ImGui::TextUnformatted(fit_text(info.name, row_w).c_str());
            draw_stretch_suitability_tag(info, *d_.conditions);
            std::string targets;
            for (const auto& t : info.targets)
                for (const auto& m : catalogue.muscles)
                    if (m.id == t) targets += (targets.empty() ? "" : ", ") + m.name;
            ImGui::TextDisabled(
                "%s", fit_text(std::string(position_name(info.position)) + ", " + difficulty_name(info.difficulty) + ": " + targets, row_w).c_str());
            ImGui::EndGroup();
            ImGui::PopID();
        }
        if (hidden > 0) ImGui::TextDisabled("%d hidden: they do not suit this patient's conditions.", hidden);
        if (shown == 0 && hidden == 0) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled(
                "No stretch matches. Clear the search or the filters. The library has %zu stretches for the hip flexors "
                "and quadriceps, hamstrings, gluteals and low back; search by a muscle, a group or words like "
                "\"back of thigh\".",
                lib.size());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::EndChild();
}

void StretchesTab::draw_now_playing() {
    const float em = ImGui::GetFontSize();
    const anim::Player& p = stretch_->player();
    const anim::Clip* clip = p.clip();
    if (!clip) return;
    const anim::StretchInfo& info = clip->info;
    ImGui::PushFont(fonts_ ? fonts_->large : nullptr);
    ImGui::TextWrapped("%s", info.name.c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s side, %s, %s", p.side() == anim::Side::right ? "Right" : "Left", position_name(info.position),
                        difficulty_name(info.difficulty));
    if (!info.how_it_stretches.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.88f, 1.0f, 1.0f));
        ImGui::TextWrapped("%s", info.how_it_stretches.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextWrapped("%s", info.dosage.c_str());
    draw_safety_rule();
    draw_stretch_precautions(info, *d_.conditions, d_.open_safety);

    // Live meters: how far each target is toward its normal end range.
    const auto& catalogue = *shown_.catalogue;
    const auto& states = shown_.posed->states;
    const auto targets = stretch_->targets();
    ImGui::Spacing();
    ImGui::TextUnformatted("Stretch toward the normal end range");
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    tooltip(
        "0 % is the muscle's length standing upright, 100 % its length at the end of a normal range of motion "
        "(musculotendon length, gait2392 geometry). Above 100 % means past a typical end range.");
    // In a child window of their own: they change every frame while a stretch plays, and the
    // interface layer then draws again only them, not the whole panel (gfx/ui_layer.hpp).
    const float estimate = static_cast<float>(targets.size()) * (em * 1.25f + ImGui::GetStyle().ItemSpacing.y);
    ImGui::BeginChild("##live_meters", ImVec2(0.0f, live_meters_height_ > 0.0f ? live_meters_height_ : estimate), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    for (std::size_t k = 0; k < targets.size(); ++k) {
        const std::size_t i = targets[k];
        const auto& m = catalogue.muscles[i];
        const float r = states[i].relative_elongation;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x, h = em * 1.25f;
        constexpr float full_scale = 1.25f;  // room to show "past the end range"
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), IM_COL32(45, 50, 60, 255), em * 0.2f);
        const float fill = std::clamp(r / full_scale, 0.0f, 1.0f);
        // Patient mode: a calm scale that never turns alarm-red (a strong stretch is amber).
        const glm::vec3 c =
            *d_.patient_mode ? scene::Body::heat_color(std::min(std::max(r, 0.0f), 1.0f) * 0.65f) : scene::Body::heat_color(std::max(r, 0.0f));
        dl->AddRectFilled(pos, ImVec2(pos.x + w * fill, pos.y + h), ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 0.9f)), em * 0.2f);
        const float end_x = pos.x + w / full_scale;
        dl->AddLine(ImVec2(end_x, pos.y), ImVec2(end_x, pos.y + h), IM_COL32(255, 255, 255, 200), 2.0f);
        dl->AddRectFilled(ImVec2(pos.x, pos.y), ImVec2(pos.x + em * 0.35f, pos.y + h), curve_color(k), em * 0.2f);
        char text[160];
        if (*d_.patient_mode) {  // the side is in the header: the name, where it is, how strong
            const auto* g = catalogue.find_group(m.group);
            std::snprintf(text, sizeof(text), "%s (%s): %s", m.name.c_str(), g ? g->plain.c_str() : "", stretch_words(r));
        } else {
            std::snprintf(text, sizeof(text), "%s  %.0f %%", muscle_name(catalogue, m, *d_.patient_mode).c_str(), static_cast<double>(100.0f * r));
        }
        dl->AddText(ImVec2(pos.x + em * 0.6f, pos.y + (h - em) * 0.5f), IM_COL32(255, 255, 255, 255), text);
        ImGui::Dummy(ImVec2(w, h));
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::Text("%s", muscle_name(catalogue, m, *d_.patient_mode).c_str());
            if (*d_.patient_mode) {
                ImGui::TextUnformatted(r < 1.0f ? "Within its usual range of movement." : "Past a typical end range: ease off if it hurts.");
            } else {
                ImGui::Text("Length %.1f cm (standing %.1f cm, %+.1f %%)", static_cast<double>(100.0f * states[i].length_m),
                            static_cast<double>(100.0f * m.neutral_length_m), static_cast<double>(100.0f * states[i].change_m / m.neutral_length_m));
                ImGui::Text("Passive force %.0f N", static_cast<double>(states[i].passive_force_n));
                ImGui::TextDisabled("End range: %s", m.end_range.source.c_str());
            }
            ImGui::EndTooltip();
        }
        if (ImGui::IsItemClicked()) d_.select({scene::Selection::Kind::muscle, m.id});
    }
    live_meters_height_ = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y;  // what they took, for the next frame
    ImGui::EndChild();
    draw_plot(em * 6.0f);
    if (ImGui::Checkbox("Mute the other muscles", d_.mute_others)) d_.mute_changed();
    tooltip(
        "On: the stretched muscles are coloured by how far they are stretched and every other muscle is a ghost, so\n"
        "what is stretched can be seen. Off: all muscles solid, the targets in their group's colour.");
    if (*d_.mute_others) {
        // The legend of the targets' colours, as the meters above use them.
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float w = em * 8.0f, h = em * 0.7f;
        constexpr int steps = 16;
        for (int k = 0; k < steps; ++k) {
            const glm::vec3 c = scene::Body::heat_color(static_cast<float>(k) / (steps - 1));
            dl->AddRectFilled(ImVec2(pos.x + w * static_cast<float>(k) / steps, pos.y + em * 0.15f),
                              ImVec2(pos.x + w * static_cast<float>(k + 1) / steps, pos.y + em * 0.15f + h),
                              ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f)));
        }
        ImGui::Dummy(ImVec2(w, em));
        ImGui::SameLine();
        ImGui::TextDisabled("standing ... end range");
        tooltip("The stretched muscles' colour: blue at their standing length, red at the end of a normal range of motion.");
    }

    // The pelvis and tight muscles.
    bool cue = stretch_->cue();
    ImGui::Checkbox("Camera follows (V)", d_.follow);
    tooltip(
        "Keep the body in view as it kneels, lies down or folds. The view holds still through the small\n"
        "movements of a hold, so they show against the floor.");
    if (ImGui::Checkbox("Posterior-tilt cue (T)", &cue)) stretch_->set_cue(cue);
    tooltip(
        "On: the person holds the pelvis tucked (buttock squeezed, lower belly drawn in), as the clip shows.\n"
        "Off: muscles set tight in the Posture tab may tip the pelvis, arching or flattening the low back.");
    const float comp = stretch_->compensation_deg();
    const std::vector<float>& tightness = d_.posture_tightness();
    const bool any_tight = std::any_of(tightness.begin(), tightness.end(), [](float t) { return t > 0.0f; });
    if (cue) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("The pelvis is held where the technique puts it.");
        ImGui::PopStyleColor();
    } else if (!any_tight) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Muscles are at normal length, so the pelvis stays put. Set tightness in the Posture tab to see compensation.");
        ImGui::PopStyleColor();
    } else if (std::abs(comp) >= 0.5f) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.98f, 0.78f, 0.43f, 1.0f));
        ImGui::TextWrapped("Tight muscles tip the pelvis %.1f\xC2\xB0 %s. Turn on the cue to hold it.", static_cast<double>(std::abs(comp)),
                           comp > 0.0f ? "forward: the low back arches and the hip flexors slacken" : "back: the low back flattens");
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Tight muscles barely move the pelvis here (%.1f\xC2\xB0).", static_cast<double>(comp));
        ImGui::PopStyleColor();
    }

    if (ImGui::CollapsingHeader("Steps", ImGuiTreeNodeFlags_DefaultOpen)) {
        for (std::size_t s = 0; s < info.steps.size(); ++s) {
            const bool now = static_cast<int>(s) == p.step();
            if (now) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.85f, 0.5f, 1.0f));
            ImGui::TextWrapped("%zu. %s", s + 1, info.steps[s].c_str());
            if (now) ImGui::PopStyleColor();
        }
    }
    if (ImGui::CollapsingHeader("Cues"))
        for (const auto& c : info.cues) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", c.c_str());
        }
    if (ImGui::CollapsingHeader("Common mistakes"))
        for (const auto& c : info.mistakes) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", c.c_str());
        }
    if (!*d_.patient_mode && ImGui::CollapsingHeader("Evidence and sources")) {
        ImGui::TextWrapped("%s", info.evidence.c_str());
        for (const auto& c : info.sources) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::Bullet();
            ImGui::TextWrapped("%s", c.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (!info.secondary.empty() && ImGui::CollapsingHeader("Also stretched")) {
        for (std::size_t i : stretch_->secondary()) {
            const auto& m = catalogue.muscles[i];
            if (*d_.patient_mode)
                ImGui::BulletText("%s  %s", muscle_name(catalogue, m, *d_.patient_mode).c_str(), stretch_words(states[i].relative_elongation));
            else
                ImGui::BulletText("%s  %.0f %%", muscle_name(catalogue, m, *d_.patient_mode).c_str(),
                                  static_cast<double>(100.0f * states[i].relative_elongation));
        }
    }
}

void StretchesTab::draw_plot(float height) {
    const biomech::StretchReport& r = stretch_->curves();
    const auto targets = stretch_->targets();
    const anim::Clip* clip = stretch_->player().clip();
    if (r.times_s.size() < 2 || !clip) return;
    const float em = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 p1(p0.x + w, p0.y + height);
    dl->AddRectFilled(p0, p1, IM_COL32(30, 34, 42, 255), em * 0.2f);
    const float duration = std::max(r.duration_s, 1e-3f);
    auto x_of = [&](float t) { return p0.x + w * t / duration; };
    float top = 1.25f;
    for (std::size_t i : targets)
        for (const auto& row : r.relative_elongation) top = std::max(top, row[i] * 1.05f);
    auto y_of = [&](float v) { return p1.y - (height - 2.0f) * std::clamp(v, 0.0f, top) / top; };
    // Phase bands.
    for (std::size_t k = 0; k + 1 < clip->keys.size(); ++k)
        if (clip->keys[k].phase == anim::Phase::hold)
            dl->AddRectFilled(ImVec2(x_of(clip->keys[k].t_s), p0.y), ImVec2(x_of(clip->keys[k + 1].t_s), p1.y),
                              phase_color(anim::Phase::hold, 0.14f));
    // The normal end range.
    dl->AddLine(ImVec2(p0.x, y_of(1.0f)), ImVec2(p1.x, y_of(1.0f)), IM_COL32(255, 255, 255, 90), 1.0f);
    dl->AddText(ImVec2(p0.x + em * 0.2f, y_of(1.0f) - em * 1.05f), IM_COL32(255, 255, 255, 120), "end range");
    for (std::size_t k = 0; k < targets.size(); ++k) {
        std::vector<ImVec2> pts;
        pts.reserve(r.times_s.size());
        for (std::size_t s = 0; s < r.times_s.size(); ++s) pts.emplace_back(x_of(r.times_s[s]), y_of(r.relative_elongation[s][targets[k]]));
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), curve_color(k), 0, 2.0f);
    }
    // The playhead in a child window of its own over the plot: it moves every frame, the curves
    // do not, and the interface layer draws again only what changed (gfx/ui_layer.hpp).
    ImGui::BeginChild("##plot_playhead", ImVec2(w, height), false,
                      ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoSavedSettings);
    const float x = x_of(stretch_->player().time_s());
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), IM_COL32(255, 255, 255, 220), 1.5f);
    ImGui::EndChild();
    ImGui::SetCursorScreenPos(p0);
    ImGui::InvisibleButton("##plot", ImVec2(w, height));
    if (ImGui::IsItemActive()) stretch_->player().seek((ImGui::GetIO().MousePos.x - p0.x) / w * duration);
    tooltip("Each target's stretch over the whole clip (hold phases shaded). Click or drag to scrub.");
}

}  // namespace

std::function<void(const PanelContext&)> make_stretches_tab(StretchesTabDeps deps) {
    auto tab = std::make_shared<StretchesTab>(std::move(deps));
    return [tab](const PanelContext& context) { tab->draw(context); };
}

}  // namespace ui
