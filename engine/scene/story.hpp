// scene/story.hpp: the guided presentation (assets/story/*.json): steps with a title, a text, a
// posture, a scripted camera, which overlays and highlights to show, an optional stretch to play
// and an optional before/after comparison.
#pragma once

#include "anatomy/skeleton.hpp"
#include "core/camera.hpp"
#include "core/math.hpp"
#include "scene/overlays.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace scene {

struct StoryCompare {
    std::string group;            // posture group lengthened by the "programme"
    float lengthen_percent = 10;  // of the fibres' rest length
};

struct StoryStep {
    std::string title, text;
    std::string preset;  // a posture preset id
    core::ViewPreset view = core::ViewPreset::left;
    std::string focus;  // a joint or landmark name the camera centres on
    float distance_m = 1.8f;
    OverlayToggles overlays;  // all off unless listed
    bool any_overlay = false;
    std::vector<std::string> highlight;
    bool ghost = false;
    std::string stretch;  // a stretch id to play, or empty
    std::optional<StoryCompare> compare;
};

struct Story {
    std::string title;
    std::vector<StoryStep> steps;
};

// The camera a step asks for, with the body posed as `world_from_bone`: from the step's view, at its
// distance (1.25x for compare's two half-width views), centred on its focus (a joint or a
// landmark; the pelvis if neither), the focus lifted to the middle of the picture above a caption
// that covers `caption_share` of the height. The viewer and the video export both use it.
core::OrbitCamera story_camera(const StoryStep& step, const anat::Skeleton& skeleton, std::span<const core::Rigid> world_from_bone,
                               core::OrbitCamera from, bool compare, float caption_share);

// Whether a step shows the arm bones. From the side they hang over the pelvis and the front of
// the hip, so a side view about muscles (it highlights some) leaves them out; a step that plays a
// stretch keeps them (a body moving without arms looks broken). The viewer and the export use it.
bool story_step_shows_arms(const StoryStep& step);

// Throws core::Error naming the file and the field.
Story parse_story(const std::string& text, const std::string& file);
Story load_default_story();

}  // namespace scene
