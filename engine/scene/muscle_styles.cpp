#include "scene/muscle_styles.hpp"

#include "gfx/frame.hpp"

#include <algorithm>

namespace scene {

glm::vec3 heat_color(float t) {
    t = std::clamp(t, 0.0f, 1.2f) / 1.2f;
    const glm::vec3 stops[] = {{0.23f, 0.36f, 0.62f}, {0.20f, 0.62f, 0.62f}, {0.93f, 0.80f, 0.30f}, {0.88f, 0.28f, 0.20f}, {0.70f, 0.10f, 0.30f}};
    const float x = t * 4.0f;
    const int i = std::min(static_cast<int>(x), 3);
    return glm::mix(stops[i], stops[i + 1], x - static_cast<float>(i));
}

bool xray_in_effect(const Display& d) {
    const bool has_focus = d.selection.kind != Selection::Kind::none || !d.emphasised.empty() || !d.layers.isolated_muscles.empty();
    return d.layers.xray && has_focus;
}

bool muscle_visible(const anat::Muscle& m, const Layers& layers) {
    if (!layers.muscles) return false;
    if (!layers.isolated_muscles.empty()) return layers.isolated_muscles.count(m.id) > 0;
    if (m.side == anat::Side::right && !layers.right) return false;
    if (m.side == anat::Side::left && !layers.left) return false;
    if (layers.hidden_groups.count(m.group)) return false;
    return !layers.hidden_muscles.count(m.id);
}

glm::vec3 muscle_color(const anat::MuscleCatalogue& catalogue, std::size_t i, ColorMode mode, std::span<const biomech::MuscleState> states,
                       std::span<const float> tightness) {
    const anat::Muscle& m = catalogue.muscles[i];
    switch (mode) {
        case ColorMode::anatomical: {
            // Natural muscle red, a little variation so neighbours separate.
            const float v = 0.92f + 0.08f * static_cast<float>((i / 2) % 3) / 2.0f;
            return glm::vec3(0.66f, 0.17f, 0.14f) * v;
        }
        case ColorMode::group:
            if (const auto* g = catalogue.find_group(m.group)) return g->color;
            return glm::vec3(0.7f);
        case ColorMode::stretch: return heat_color(i < states.size() ? std::max(states[i].relative_elongation, 0.0f) : 0.0f);
        case ColorMode::tightness: return heat_color(i < tightness.size() ? tightness[i] : 0.0f);
        case ColorMode::tension:
            // Passive force relative to F_max, on a scale where 0.25 F_max is full colour.
            return heat_color(i < states.size() ? std::min(states[i].passive_force_norm / 0.25f, 1.2f) : 0.0f);
    }
    return glm::vec3(0.7f);
}

MuscleStyles muscle_styles(const anat::MuscleCatalogue& catalogue, std::span<const biomech::MuscleState> states, std::span<const float> tightness,
                           const Display& d) {
    const bool xray = xray_in_effect(d);
    const bool demo = d.stretch_demo && !d.emphasised.empty();
    const bool mute = (d.stretch_demo || d.mute_others) && !d.emphasised.empty();
    auto selected = [&](const anat::Muscle& m) {
        if (d.selection.kind == Selection::Kind::muscle && d.selection.id == m.id) return true;
        return d.selection.kind == Selection::Kind::group && m.in_group(d.selection.id);
    };
    anat::MuscleStyle none;
    none.visible = false;
    MuscleStyles out;
    out.solid.resize(catalogue.muscles.size());
    out.ghost.assign(catalogue.muscles.size(), none);
    for (std::size_t i = 0; i < catalogue.muscles.size(); ++i) {
        const anat::Muscle& m = catalogue.muscles[i];
        anat::MuscleStyle s;
        s.visible = muscle_visible(m, d.layers);
        const bool emphasised = d.emphasised.count(m.id) > 0;
        // Emphasised muscles (a stretch's targets, highlighted groups) show their group's colour,
        // or how far they stretch in a demo.
        if (demo && emphasised)
            s.color = muscle_color(catalogue, i, ColorMode::stretch, states, tightness);
        else
            s.color =
                muscle_color(catalogue, i, emphasised && d.color_mode == ColorMode::anatomical ? ColorMode::group : d.color_mode, states, tightness);
        s.id = muscle_id_base + static_cast<std::uint32_t>(i);
        const bool is_selected = selected(m);
        if (is_selected) s.flags = gfx::vertex_flag_highlight;
        // Ghosts: only the muscles out of focus in x-ray or under a topic; isolation shows its
        // muscles alone, solid.
        if ((xray || mute) && !(is_selected || emphasised) && d.layers.isolated_muscles.empty()) {
            out.ghost[i] = s;
            s.visible = false;
        }
        out.solid[i] = s;
    }
    return out;
}

}  // namespace scene
