// scene/shown.hpp: what is on screen, as data with no GL: the measurement overlays, the neutral
// ghost, the comparison, the topic's muscles, and the views the screen is split into. The viewer,
// the video export and the snapshot all read it, so a story step, the overlays' rules and the
// before/after views are written once. Drawing it is scene/compose.hpp's job.
#pragma once

#include "anatomy/muscle_catalogue.hpp"
#include "scene/display.hpp"
#include "scene/overlays.hpp"
#include "scene/story.hpp"

#include <glm/glm.hpp>

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace anim {
struct Clip;
}

namespace biomech {
struct PostureResult;
}

namespace scene {

class PostureState;
class StretchState;

enum class Compare {
    off,
    neutral_vs_current,  // the neutral posture on the left, the current one on the right
    before_after,        // the current posture against a hypothetical lengthening programme
};

// The programme compared in `before_after`: a posture group's muscles lengthened by a share of
// their fibres' rest length.
struct Programme {
    std::string group = "hip_flexors";
    float lengthen_percent = 10.0f;
    bool operator==(const Programme&) const = default;
};

struct Shown {
    OverlayToggles overlays;     // which measurements, when they are shown
    bool show_overlays = true;   // the measurements at all
    bool ghost = false;          // the neutral skeleton as a translucent ghost
    bool high_contrast = false;  // thicker overlay lines (presentations, large pictures)
    Compare compare = Compare::off;
    Programme programme;
};

// The muscles that `names` (group ids, base ids as "psoas", or ids as "psoas_r") stand for, in
// catalogue order of discovery. Names that match nothing go to `unknown` when given.
std::set<std::string> resolve_muscles(const anat::MuscleCatalogue& catalogue, std::span<const std::string> names,
                                      std::vector<std::string>* unknown = nullptr);

// Whether the posture measurements mean something with this clip on screen (null: none): angles
// against the vertical do standing or kneeling, not lying or sitting.
bool overlays_allowed(const anim::Clip* on_screen);

// The overlays drawn: those chosen, thick where `shown` asks for high contrast, without the plumb
// line through a stretch (it would cut through a lunge); nullopt where none are drawn.
std::optional<OverlayToggles> overlays_drawn(const Shown& shown, const anim::Clip* on_screen);

// What a story step puts on screen besides its posture, camera and stretch: its overlays, ghost
// and comparison (none where it plays a stretch), the layers (`base`, with the arms as the step
// wants them), the topic's muscles and whether the rest are muted. High contrast is the
// caller's: the viewer's presentation is seen from across a room.
struct StepScene {
    Shown shown;
    Layers layers;
    std::set<std::string> emphasised;
    bool mute_others = false;
};
StepScene story_step_scene(const StoryStep& step, const anat::MuscleCatalogue& catalogue, const Layers& base);

// One view of the screen and what it shows.
enum class PoseOf {
    current,          // the stretch's pose while one is on screen, else the posture's
    neutral,          // the neutral posture
    posture,          // the posture, whatever stretch plays
    after_programme,  // the posture solved again with the programme's lengthening
};
struct ViewPlan {
    glm::ivec4 viewport{0};  // x, y, width, height in pixels (y up, as GL)
    PoseOf pose = PoseOf::current;
    std::string title;       // the caption over a compared view; empty for a single view
    bool props = false;      // the stretch's mat, step or strap
    bool underlay = false;   // the patient's radiograph behind the model
    bool subject = false;    // the view whose measurements the readouts show
    bool reference = false;  // the left of a comparison: the differences are taken against it
    int index = 0;           // its place in the list: what keeps its meshes apart (scene::ViewContent::view)
};
// The views for `viewport`: one, or a reference on the left and the subject on the right.
std::vector<ViewPlan> plan_views(const Shown& shown, glm::ivec4 viewport);

// What a compared view says over it, for every consumer (the viewer, the video export): its title,
// its measurements as the measure table names them, the difference in tilt from the view it is
// compared with, and under a hypothetical programme what the evidence says about it.
struct CaptionRow {
    std::string text;
    bool emphasis = false;  // the difference: the row the comparison is about
};
struct ViewCaption {
    std::string title;
    std::vector<CaptionRow> rows;
    std::vector<std::string> notes;  // caveats, quieter than the rows
};
ViewCaption compare_caption(const ViewPlan& view, const biomech::SpinopelvicMeasures& measures, const biomech::SpinopelvicMeasures* reference,
                            Compare mode);

// The live numbers a story step shows under its text where it draws overlays, each to be drawn in
// its overlay's colour (measure_color(measure)).
struct Reading {
    std::string text;     // "Pelvic tilt 13.2°"
    std::string measure;  // its key in biomech::measure_table()
};
std::vector<Reading> step_readings(const biomech::SpinopelvicMeasures& measures);

// The pose a view draws and the tightness its muscles are coloured and loaded with. `stretch`:
// the stretch state, or null; `after`: the posture solved for the programme (after_programme
// falls back to the posture without it). The tightness points into `posture` or `after`.
struct ViewPose {
    anat::Pose pose;
    const std::vector<float>* tightness = nullptr;
};
ViewPose view_pose(PoseOf of, const PostureState& posture, const StretchState* stretch, const biomech::PostureResult* after);

}  // namespace scene
