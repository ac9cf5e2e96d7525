// scene/muscle_styles.hpp: how each muscle is drawn, as data (no GL): shown or not, its colour,
// its picking id, whether it glows as selected, and whether it is solid or a translucent ghost
// (x-ray, a stretch demo, a story step's topic). The body's meshes and the 3D scene export both
// read it.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_mesh.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "scene/display.hpp"

#include <glm/glm.hpp>

#include <span>
#include <vector>

namespace scene {

// Picking ids: bones 1..999 (bone index + 1), muscles 1000 + muscle index.
inline constexpr std::uint32_t muscle_id_base = 1000;

// A perceptually even ramp for legends and the stretch colours: calm blue (0), teal, yellow, red
// (1 and beyond, up to 1.2).
glm::vec3 heat_color(float t);

// X-ray in effect: asked for, with something in focus (a selection, emphasised or isolated
// muscles) to see through the rest to. The bones fade too.
bool xray_in_effect(const Display& display);

// Whether the layers show a muscle (sides, hidden groups and muscles, isolation).
bool muscle_visible(const anat::Muscle& m, const Layers& layers);

// A muscle's colour in a mode (sRGB). `states` and `tightness` in catalogue order.
glm::vec3 muscle_color(const anat::MuscleCatalogue& catalogue, std::size_t i, ColorMode mode, std::span<const biomech::MuscleState> states,
                       std::span<const float> tightness);

// Every muscle's style, in catalogue order, split into the solid pass and the ghost pass: a
// muscle is visible in at most one of them.
struct MuscleStyles {
    std::vector<anat::MuscleStyle> solid, ghost;
};
MuscleStyles muscle_styles(const anat::MuscleCatalogue& catalogue, std::span<const biomech::MuscleState> states, std::span<const float> tightness,
                           const Display& display);

}  // namespace scene
