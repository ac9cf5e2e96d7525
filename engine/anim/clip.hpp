// anim/clip.hpp: a stretch clip: metadata for people, props, and keyframes in clinical angles.
//
// File format (assets/stretches/<id>.json, "format": "anatomy-stretch-1"; README "Stretches"):
//   metadata  id (= file name), name, group, position, side ("right" = the stretched side in the
//             file, or "both"), targets and secondary (muscle ids), difficulty 1-3, hold_s,
//             reps {min, max}, dosage, evidence, steps, cues, mistakes, sources,
//             how_it_stretches (one line), precautions [{condition, action, text}] (anim/safety.hpp)
//   props     [{id, type: mat|step|table|wall|strap, position_m, size_m, normal, attach, optional}]
//   keyframes [{t_s, phase: setup|move|hold|return, easing, step, root_m, angles, contacts}]
//             angles: {"hip_r": {"flexion": 90}, "lumbar": {"flexion": 20}, "pelvis": {...}} in
//             degrees (DOF names and signs: assets/anim/joint_limits.json). A DOF a keyframe does
//             not give keeps its value from the keyframe before (the first keyframe starts at rest).
//             root_m: the pelvis joint in the world (kept from the keyframe before; the first
//             defaults to the standing rest position); contacts move it where they constrain it.
//             contacts: {"knee_r": "mat", "heel_l": "floor"}: contact point -> surface.
// A keyframe's phase, easing and step describe the segment that starts at it; the phase at time t
// is the phase of the last keyframe at or before t.
// Contacts stick: a contact holds the point where it first touched (its anchor, found on load by
// solving the keyframe where it starts), so planted feet, knees and hands do not slide while the
// body moves over them; the body pivots about them instead.
//
// Surfaces: "floor" (y = 0) and one per prop: a box prop's top ("mat", also "mat_top"), a wall's
// face ("wall", also "wall_front"). Straps have no surface; they hang between contact points.
#pragma once

#include "anim/rig.hpp"
#include "anim/safety.hpp"

#include <optional>
#include <string>
#include <vector>

namespace anim {

enum class Phase { setup, move, hold, returning };  // "return" in files
enum class Easing { linear, ease_in, ease_out, ease_in_out };
enum class Position { standing, kneeling, supine, seated, prone };
enum class PropType { mat, step, table, wall, strap };
enum class ClipSide { right, both };

const char* to_string(Phase p);
// The phase as the player and captions show it: "Set up", "Move into the stretch", "Hold", "Return".
const char* display_name(Phase p);
const char* to_string(Easing e);
const char* to_string(Position p);
const char* to_string(PropType t);
const char* to_string(ClipSide s);

// Eased parameter in [0, 1] for u in [0, 1]; smooth (zero slope) at the eased ends.
float ease(Easing e, float u);

struct Prop {
    std::string id;
    PropType type = PropType::mat;
    // Box props (mat, step, table): centre of the bottom face; wall: centre of the face the body
    // touches. Metres, world.
    glm::vec3 position_m{0.0f};
    glm::vec3 size_m{0.0f};              // box: x, y (height), z; wall: width, height, thickness
    glm::vec3 normal{0.0f, 0.0f, 1.0f};  // wall: unit normal pointing out of the wall, horizontal
    std::vector<std::string> attach;     // strap: the contact points it runs between, in order
    float length_m = 0.0f;               // strap
    bool optional = false;               // shown only if the user needs it (e.g. a strap)
};

// A plane the body can rest on: points p on it satisfy dot(normal, p) == offset_m. The face is
// the rectangle centre ± half_extent.x * u ± half_extent.y * v.
struct Surface {
    std::string name;  // "floor", "mat", "wall"
    int prop = -1;     // -1 for the floor
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    float offset_m = 0.0f;
    glm::vec3 center{0.0f}, u{1.0f, 0.0f, 0.0f}, v{0.0f, 0.0f, 1.0f};
    glm::vec2 half_extent{1e6f, 1e6f};

    float distance(const glm::vec3& p) const { return glm::dot(normal, p) - offset_m; }
    // How far p's projection lies outside the face (0 inside), metres.
    float outside_face(const glm::vec3& p) const;
};

struct ContactRef {
    int point = -1;    // Rig::points
    int surface = -1;  // Clip::surfaces
    bool operator==(const ContactRef&) const = default;
};

struct Keyframe {
    float t_s = 0.0f;
    Phase phase = Phase::setup;
    Easing easing = Easing::ease_in_out;
    int step = -1;              // index into StretchInfo::steps shown from here on, or -1
    std::vector<float> angles;  // radians, Rig::angle_count() values (complete)
    glm::vec3 root_m{0.0f};
    std::vector<ContactRef> contacts;
    std::vector<glm::vec3> anchors;  // per contact: the world point it holds (on its surface)
    anat::Pose pose;                 // angles and root as a pose (computed on load)
};

struct Reps {
    int min = 1, max = 1;
};

struct StretchInfo {
    std::string id, name;
    std::string group;  // hip_flexors, hamstrings, gluteals, lumbar
    Position position = Position::standing;
    ClipSide side = ClipSide::right;
    std::vector<std::string> targets, secondary;  // muscle ids
    int difficulty = 1;                           // 1 easy .. 3 hard
    float hold_s = 30.0f;                         // each hold phase lasts this long
    Reps reps;
    std::string dosage, evidence;  // one paragraph each, for people
    std::vector<std::string> steps, cues, mistakes, sources;
    std::string how_it_stretches;         // one line: the joint positions that lengthen the targets
    std::vector<Precaution> precautions;  // per condition (anim/safety.hpp): skip, modify or ask
};

// A contact's weight at the two ends of a keyframe segment (1 = on, 0 = off).
struct SegmentContact {
    ContactRef contact;
    glm::vec3 anchor{0.0f};
    float w0 = 0.0f, w1 = 0.0f;
};

struct Clip {
    StretchInfo info;
    std::vector<Prop> props;
    std::vector<Surface> surfaces;                      // surfaces[0] is the floor
    std::vector<Keyframe> keys;                         // strictly increasing t_s, keys[0].t_s == 0
    std::vector<std::vector<SegmentContact>> segments;  // per keyframe segment (keys.size() - 1)
    std::string file;
    bool mirrored = false;  // made by mirror_clip (the left-side version)

    float duration_s() const { return keys.empty() ? 0.0f : keys.back().t_s; }
    int find_surface(std::string_view name) const;
};

struct ClipOptions {
    // The id the file must declare (its file name without .json); empty: not checked.
    std::string expected_id;
    // Known muscle ids (both sides); empty: the default catalogue's (clip_vocabulary()).
    std::vector<std::string> muscle_ids;
    // Known condition ids for precautions; empty: the default safety file's.
    std::vector<std::string> condition_ids;
    // Known stretch groups, in the library's order; empty: assets/anim/stretch_groups.json's.
    std::vector<std::string> group_ids;
};

// Parses and validates a clip. Throws core::Error listing every problem, one per line, each as
// "file: /json/path: what" (e.g. "half_kneeling.json: /keyframes/2/angles/hip_r/flexion: value
// 140 is outside hip_r flexion's range [-30, 125] deg").
Clip parse_clip(const Rig& rig, const std::string& json_text, const std::string& file, const ClipOptions& options = {});

// The clip for the other side: joints, contact points, props and muscle ids mirrored across the
// sagittal plane. For side "both" the result is the mirror image too (the player uses the
// original for both sides).
Clip mirror_clip(const Rig& rig, const Clip& clip);

// The names clips may use, from the data files: muscle ids (both sides) from the default muscle
// catalogue (assets/muscles), condition ids from assets/safety, stretch groups from
// assets/anim/stretch_groups.json. Read once per process; throws core::Error if a file is
// missing or invalid.
struct ClipVocabulary {
    std::vector<std::string> muscle_ids, condition_ids, group_ids;
};
const ClipVocabulary& default_clip_vocabulary(const Rig& rig);

}  // namespace anim
