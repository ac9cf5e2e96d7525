// scene/display.hpp: how the body is drawn, as plain data (no GL): colour mode, layers, the
// selection and the muscles that stand out.
#pragma once

#include <set>
#include <string>

namespace scene {

enum class ColorMode { anatomical, group, stretch, tightness, tension };
const char* color_mode_name(ColorMode m);

struct Layers {
    bool skeleton = true;
    bool skin = false;
    bool muscles = true;
    bool left = true, right = true;
    bool arms = true;                      // the arm bones; hidden, the pelvis and the hip flexors show from the side
    std::set<std::string> hidden_groups;   // muscle group ids
    std::set<std::string> hidden_muscles;  // muscle ids
    std::set<std::string> hidden_bones;    // bone names (not drawn individually yet: reserved)
    // Show only these muscles (empty: no isolation).
    std::set<std::string> isolated_muscles;
    bool xray = false;  // ghost everything not selected or isolated
};

struct Selection {
    enum class Kind { none, muscle, bone, group };
    Kind kind = Kind::none;
    std::string id;  // muscle id, bone name or group id
    bool operator==(const Selection&) const = default;
};

// How the body is drawn: colours, layers, the selection and what stands out.
struct Display {
    ColorMode color_mode = ColorMode::anatomical;
    Layers layers;
    Selection selection;
    std::set<std::string> emphasised;  // muscles to highlight (e.g. a stretch's targets)
    // A stretch demo: the emphasised muscles coloured by stretch, every other muscle muted to
    // a ghost (bones stay solid: they carry the pose), so what is stretched can be seen.
    bool stretch_demo = false;
    // A group is the topic (a story step's highlight): every other muscle is muted to a ghost
    // so nothing in front hides it; the topic keeps its group's colour.
    bool mute_others = false;
};

}  // namespace scene
