#include "scene/shown.hpp"

#include <cstdio>
#include <tuple>
#include <string_view>

#include "anim/clip.hpp"
#include "biomech/posture.hpp"
#include "scene/posture_state.hpp"
#include "scene/stretch_state.hpp"

#include <algorithm>

namespace scene {

std::set<std::string> resolve_muscles(const anat::MuscleCatalogue& catalogue, std::span<const std::string> names, std::vector<std::string>* unknown) {
    std::set<std::string> ids;
    for (const auto& name : names) {
        bool found = false;
        for (const auto& m : catalogue.muscles) {
            if (m.id == name || m.base_id == name || m.in_group(name)) {
                ids.insert(m.id);
                found = true;
            }
        }
        if (!found && unknown) unknown->push_back(name);
    }
    return ids;
}

bool overlays_allowed(const anim::Clip* on_screen) {
    if (!on_screen) return true;
    return on_screen->info.position == anim::Position::standing || on_screen->info.position == anim::Position::kneeling;
}

std::optional<OverlayToggles> overlays_drawn(const Shown& shown, const anim::Clip* on_screen) {
    if (!shown.show_overlays || !overlays_allowed(on_screen)) return std::nullopt;
    OverlayToggles t = shown.overlays;
    t.high_contrast = shown.high_contrast;
    if (on_screen) t.plumb_line = false;
    return t;
}

StepScene story_step_scene(const StoryStep& step, const anat::MuscleCatalogue& catalogue, const Layers& base) {
    StepScene s;
    s.shown.overlays = step.overlays;
    s.shown.show_overlays = step.any_overlay;
    s.shown.ghost = step.ghost;
    if (step.compare) {
        s.shown.compare = Compare::before_after;
        s.shown.programme = {step.compare->group, step.compare->lengthen_percent};
    }
    if (!step.stretch.empty()) s.shown.compare = Compare::off;  // a stretch plays in one view
    s.layers = base;
    s.layers.arms = base.arms && story_step_shows_arms(step);
    s.emphasised = resolve_muscles(catalogue, step.highlight);
    s.mute_others = !s.emphasised.empty();
    return s;
}

std::vector<ViewPlan> plan_views(const Shown& shown, glm::ivec4 viewport) {
    if (shown.compare == Compare::off) {
        ViewPlan v;
        v.viewport = viewport;
        v.pose = PoseOf::current;
        v.props = true;
        v.underlay = true;
        v.subject = true;
        return {v};
    }
    const int half = viewport.z / 2;
    ViewPlan left, right;
    left.viewport = {viewport.x, viewport.y, half, viewport.w};
    right.viewport = {viewport.x + half, viewport.y, viewport.z - half, viewport.w};
    left.reference = true;
    right.subject = true;
    right.index = 1;
    if (shown.compare == Compare::neutral_vs_current) {
        left.pose = PoseOf::neutral;
        left.title = "Neutral";
        right.pose = PoseOf::current;
        right.title = "Current";
        right.props = true;
        right.underlay = true;  // the patient's image behind the fitted model
    } else {
        left.pose = PoseOf::posture;
        left.title = "Before";
        right.pose = PoseOf::after_programme;
        right.title = biomech::hypothetical_title(shown.programme.group, shown.programme.lengthen_percent);
    }
    return {left, right};
}

ViewPose view_pose(PoseOf of, const PostureState& posture, const StretchState* stretch, const biomech::PostureResult* after) {
    ViewPose out{posture.displayed_pose(), &posture.target().tightness};
    switch (of) {
        case PoseOf::current:
            if (stretch && stretch->active()) out.pose = stretch->pose();
            break;
        case PoseOf::neutral:
            out.pose = posture.solver().pose_at(posture.neutral().dofs);
            out.tightness = &posture.neutral().tightness;
            break;
        case PoseOf::posture: break;
        case PoseOf::after_programme:
            if (after) {
                out.pose = posture.solver().pose_at(after->dofs);
                out.tightness = &after->tightness;
            }
            break;
    }
    return out;
}

ViewCaption compare_caption(const ViewPlan& view, const biomech::SpinopelvicMeasures& m, const biomech::SpinopelvicMeasures* reference,
                            Compare mode) {
    ViewCaption c;
    c.title = view.title;
    // The measures a comparison is read by, in the measure table's words.
    for (const char* key : {"pelvic_tilt_clinical_deg", "lumbar_lordosis_deg", "sacral_slope_deg"})
        for (const auto& info : biomech::measure_table())
            if (std::string_view(info.key) == key) {
                char row[128];
                std::snprintf(row, sizeof(row), "%s  %.1f\xC2\xB0", info.label, static_cast<double>(m.*info.value));
                c.rows.push_back({row});
            }
    if (reference) {
        char row[96];
        std::snprintf(row, sizeof(row), "Difference in tilt  %+.1f\xC2\xB0",
                      static_cast<double>(m.pelvic_tilt_clinical_deg - reference->pelvic_tilt_clinical_deg));
        c.rows.push_back({row, true});
        if (mode == Compare::before_after) {
            char note[96];
            std::snprintf(note, sizeof(note), "measured change in standing tilt: about %.0f\xC2\xB0.",
                          static_cast<double>(biomech::measured_stretching_tilt_change_deg));
            c.notes = {"Stretching has not been shown to lengthen muscle;", note};
        }
    }
    return c;
}

std::vector<Reading> step_readings(const biomech::SpinopelvicMeasures& m) {
    std::vector<Reading> out;
    for (const auto& [key, name, value] : {std::tuple{"pelvic_tilt_clinical_deg", "Pelvic tilt", m.pelvic_tilt_clinical_deg},
                                           std::tuple{"lumbar_lordosis_deg", "Lumbar lordosis", m.lumbar_lordosis_deg}}) {
        char text[64];
        std::snprintf(text, sizeof(text), "%s %.1f\xC2\xB0", name, static_cast<double>(value));
        out.push_back({text, key});
    }
    return out;
}

}  // namespace scene
