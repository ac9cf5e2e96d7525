// ui/panel_safety.cpp: safety content for stretching (assets/safety): the app-wide rule and a
// stretch's precautions in the Stretches tab, the patient's conditions in the profile window,
// and the "Safety and red flags" window (Help menu; a panel object).
#include "ui/panels.hpp"

#include "anim/safety.hpp"
#include "core/error.hpp"

#include <imgui.h>

#include <algorithm>

namespace ui {

namespace {

const ImVec4 rule_color(0.98f, 0.80f, 0.45f, 1.0f);
const ImVec4 skip_color(1.0f, 0.55f, 0.45f, 1.0f);
const ImVec4 modify_color(0.98f, 0.78f, 0.43f, 1.0f);

const anim::Safety* safety_or_null() {
    try {
        return &anim::default_safety();
    } catch (const core::Error&) {
        return nullptr;  // the stretch library reports the file's problem where it failed to load
    }
}

const char* action_words(anim::PrecautionAction a) {
    switch (a) {
        case anim::PrecautionAction::skip: return "Skip";
        case anim::PrecautionAction::modify: return "Modify";
        case anim::PrecautionAction::ask: return "Ask your clinician first";
    }
    return "";
}

// One precaution: the condition's name, then what to do.
void precaution_bullet(const anim::Safety& safety, const anim::Precaution& p) {
    const anim::Condition* c = safety.find(p.condition);
    ImGui::BulletText("%s", c ? c->name.c_str() : p.condition.c_str());
    ImGui::Indent();
    ImGui::TextWrapped("%s: %s", action_words(p.action), p.text.c_str());
    ImGui::Unindent();
}

}  // namespace

void draw_safety_rule() {
    const anim::Safety* safety = safety_or_null();
    if (!safety) return;
    ImGui::PushStyleColor(ImGuiCol_Text, rule_color);
    ImGui::TextWrapped("%s", safety->rule.c_str());
    ImGui::PopStyleColor();
}

void draw_stretch_precautions(const anim::StretchInfo& info, const std::vector<std::string>& conditions, const std::function<void()>& open_safety) {
    const anim::Safety* safety = safety_or_null();
    if (!safety) return;
    const anim::Suitability mine = anim::suitability(info.precautions, *safety, conditions);
    if (!mine.because.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, mine.suitable ? modify_color : skip_color);
        ImGui::TextWrapped("%s for this patient:", mine.suitable ? "Modify" : "Not suitable");
        ImGui::PopStyleColor();
        for (const auto& p : mine.because) precaution_bullet(*safety, p);
    }
    if (ImGui::CollapsingHeader("Precautions")) {
        for (const auto& p : info.precautions) precaution_bullet(*safety, p);
        for (const auto& c : safety->conditions)
            if (c.every_stretch) precaution_bullet(*safety, *c.every_stretch);
        if (ImGui::SmallButton("Red flags and conditions...") && open_safety) open_safety();
    }
}

// The marker after a library row's name: nothing when the clip suits the patient's conditions.
void draw_stretch_suitability_tag(const anim::StretchInfo& info, const std::vector<std::string>& conditions) {
    if (conditions.empty()) return;
    const anim::Safety* safety = safety_or_null();
    if (!safety) return;
    const anim::Suitability s = anim::suitability(info.precautions, *safety, conditions);
    if (s.because.empty()) return;
    ImGui::SameLine();
    ImGui::TextColored(s.suitable ? modify_color : skip_color, s.suitable ? "(modify)" : "(not suitable)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
        for (const auto& p : s.because) {
            const anim::Condition* c = safety->find(p.condition);
            ImGui::Text("%s", c ? c->name.c_str() : p.condition.c_str());
            ImGui::TextDisabled("%s: %s", action_words(p.action), p.text.c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

bool stretch_suits(const anim::StretchInfo& info, const std::vector<std::string>& conditions) {
    if (conditions.empty()) return true;
    const anim::Safety* safety = safety_or_null();
    return !safety || anim::suitability(info.precautions, *safety, conditions).suitable;
}

void draw_condition_checklist(std::vector<std::string>& conditions) {
    const anim::Safety* safety = safety_or_null();
    if (!safety) return;
    ImGui::TextDisabled("Conditions (stretches that do not suit are marked)");
    for (const auto& c : safety->conditions) {
        bool on = std::find(conditions.begin(), conditions.end(), c.id) != conditions.end();
        // The box, then its name as wrapped text (a checkbox's own label does not wrap); a click on
        // the name ticks it too.
        bool toggled = ImGui::Checkbox(("##" + c.id).c_str(), &on);
        const bool hovered_box = ImGui::IsItemHovered();
        ImGui::SameLine();
        ImGui::TextWrapped("%s", c.name.c_str());
        if (ImGui::IsItemClicked()) {
            on = !on;
            toggled = true;
        }
        if (toggled) {
            if (on)
                conditions.push_back(c.id);
            else
                conditions.erase(std::remove(conditions.begin(), conditions.end(), c.id), conditions.end());
        }
        if (hovered_box || ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.description.c_str());
    }
}

namespace {

class SafetyPanel : public Panel {
public:
    std::string_view title() const override { return "Safety and red flags"; }
    Menu menu() const override { return Menu::help; }
    void draw(const PanelContext& context, bool& open) override;
};

void SafetyPanel::draw(const PanelContext& context, bool& open) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 32, em * 30), ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Safety and red flags", &open)) {
        ImGui::End();
        return;
    }
    audit_capture_window();
    const anim::Safety* safety = safety_or_null();
    if (!safety) {
        ImGui::TextColored(skip_color, "The safety file could not be read; see the stretch library for the problem.");
        ImGui::End();
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(context.fonts->large);
    ImGui::TextUnformatted("While stretching");
    ImGui::PopFont();
    ImGui::TextColored(rule_color, "%s", safety->rule.c_str());
    ImGui::Spacing();
    ImGui::PushFont(context.fonts->large);
    ImGui::TextUnformatted("Red flags");
    ImGui::PopFont();
    ImGui::TextUnformatted(safety->red_flags_intro.c_str());
    for (const auto& f : safety->red_flags) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", f.c_str());  // BulletText does not wrap
    }
    ImGui::TextDisabled("%s", safety->red_flags_source.c_str());
    ImGui::Spacing();
    ImGui::PushFont(context.fonts->large);
    ImGui::TextUnformatted("Conditions");
    ImGui::PopFont();
    ImGui::TextUnformatted("Tick a patient's conditions in File > Patient profile: the stretch library then marks what does not suit them, and why.");
    for (const auto& c : safety->conditions) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", c.name.c_str());
        ImGui::Indent();
        ImGui::TextUnformatted(c.description.c_str());
        ImGui::Unindent();
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
}

}  // namespace

std::unique_ptr<Panel> make_safety_panel() { return std::make_unique<SafetyPanel>(); }

}  // namespace ui
