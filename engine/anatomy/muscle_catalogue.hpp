// anatomy/muscle_catalogue.hpp: the muscle catalogue (assets/muscles/muscles.json), validated
// against the rig on load.
//
// The file gives each muscle once (right side); loading creates both sides (ids "psoas_r",
// "psoas_l"). Path points live in published-model body frames and hang on rig joints; they are
// resolved into bone-frame positions here, so evaluating a path per frame is cheap.
#pragma once

#include "anatomy/coordinates.hpp"
#include "anatomy/muscle_wrap.hpp"
#include "anatomy/skeleton.hpp"
#include "core/spline.hpp"

#include <array>
#include <string>
#include <vector>

namespace anat {

enum class PathCoordinate { hip_flexion, knee_angle, ankle_angle };

struct PathPoint {
    // sliding: at `position` while the coordinate is on the near side of slide_from, at `slide_to`
    // beyond slide_end, in a straight line between: where a line of action must leave the
    // published place in poses past the published model's range (deep knee flexion).
    enum class Kind { fixed, conditional, moving, sliding };
    Kind kind = Kind::fixed;
    int joint = -1;            // bone frame the point moves with
    glm::vec3 position{0.0f};  // in that bone frame (fixed and conditional points)
    PathCoordinate coordinate = PathCoordinate::knee_angle;
    float min_rad = 0.0f, max_rad = 0.0f;  // conditional: present while min <= q <= max
    glm::vec3 slide_to{0.0f};              // sliding: bone-frame position from slide_end_rad on
    float slide_from_rad = 0.0f, slide_end_rad = 0.0f;
    std::array<core::NaturalSpline, 3> moving;  // moving: osim x, y, z as splines of q (metres)
    glm::vec3 frame_origin_in_bone{0.0f};       // moving: the model frame's origin in the bone frame
    float frame_scale = 1.0f;
    float mirror_z = 1.0f;       // -1 on the left side
    std::string bone;            // origin and insertion: the bone it lies on
    bool is_attachment = false;  // origin or insertion

    // Bone-frame position of a moving point at coordinate value q.
    glm::vec3 moving_position(float q) const;
    // Bone-frame position of a sliding point at coordinate value q.
    glm::vec3 sliding_position(float q) const;
};

// A wrap surface a muscle's path bends over (the file's "wrap_surfaces", referenced by a muscle's
// "wrap"). Segments between path points first_point..last_point (indices into the file's path,
// conditional points included) that would cut the surface go round it instead.
struct MuscleWrap {
    std::string surface_id;  // "femoral_condyles"
    int joint = -1;          // bone frame the surface moves with
    WrapSurface surface;     // in that bone frame, for this muscle's side
    int first_point = 0, last_point = 0;
};

struct MuscleParams {
    float f_max_n = 0.0f;
    float l_opt_m = 0.0f;        // optimal fibre length, scaled to this skeleton (see below)
    float l_ts_m = 0.0f;         // tendon slack length, scaled to this skeleton
    float pennation_rad = 0.0f;  // at optimal fibre length
    std::string source;
    // As published, before scaling. Like OpenSim's ScaleTool, the loader multiplies l_opt and l_ts
    // by (neutral length on our skeleton) / (neutral length in the published model's own layout),
    // so each fibre keeps its published length ratio at neutral standing.
    float published_l_opt_m = 0.0f;
    float published_l_ts_m = 0.0f;
    float published_neutral_length_m = 0.0f;
};

// The end of a normal range of motion that stretches this muscle, as changes from neutral.
struct EndRange {
    Coordinates pose;  // for the right side; mirrored for the left
    std::string source;
};

struct MuscleShape {
    float flatten = 1.0f;  // cross-section aspect: 1 round, smaller flatter (ribbon muscles)
    // How the fibres lie: a spindle (full in the middle, tapering into its tendons) or a strap
    // (parallel fibres, nearly as wide from end to end: sartorius, gracilis, rectus abdominis).
    enum class Architecture { fusiform, strap };
    Architecture architecture = Architecture::fusiform;
    // Tendinous intersections across the belly (rectus abdominis), as fractions of the line from
    // origin to insertion, increasing.
    std::vector<float> intersections;
    std::string source;  // for the architecture and the intersections
};

// The volume of living muscle the belly is drawn with: a regression on stature and body mass
// (Handsfield 2014: V = (b1 * V_total + b2) * share, V_total = 47 h m + 1285 cm3) or, where the
// study has no such muscle, the physiological cross-section times the optimal fibre length.
struct MuscleVolume {
    bool regression = false;
    float b1 = 0.0f, b2 = 0.0f;  // cm3 per cm3 of V_total, cm3
    float share = 1.0f;          // of the whole muscle, for a line of a muscle the model splits
    std::string source;
};

struct Muscle {
    std::string id;       // "psoas_r"
    std::string base_id;  // "psoas"
    Side side = Side::right;
    std::string name;   // "Psoas major"
    std::string group;  // primary group id
    std::vector<std::string> also_in;
    std::string origin, insertion, action, innervation, note;
    MuscleParams params;
    std::vector<PathPoint> path;
    std::vector<MuscleWrap> wraps;  // tried in order; a segment goes round the first it would cut, its legs round the others
    EndRange end_range;
    MuscleShape shape;
    MuscleVolume volume;
    float reference_volume_cm3 = 0.0f;  // the living volume for this skeleton's stature and body mass
    float volume_cm3 = 0.0f;            // the drawn belly's, at neutral standing
    float radius_m = 0.0f;              // belly radius drawn, sized to the reference volume
    // Filled by the loader from the rig: lengths at neutral standing and at the end range.
    float neutral_length_m = 0.0f;
    float end_length_m = 0.0f;

    std::string display_name() const { return name + (side == Side::right ? " (right)" : " (left)"); }
    bool in_group(const std::string& g) const;
};

struct MuscleGroup {
    std::string id, name;
    std::string plain;  // where it is in everyday words ("front of the hip"), for patients
    glm::vec3 color{1.0f};
};

// The muscles a posture setting acts on ("hip_flexors": psoas, iliacus, ...), by base id (both
// sides); the ids are the posture solver's settings (biomech::PostureGroup).
struct PostureGroupMembers {
    std::string id;
    std::vector<std::string> muscles;
};

// A muscle the model splits into lines of action (gluteus maximus 1-3), drawn as one body lofted
// across its lines in the order listed (from one edge of the sheet to the other). The lines keep
// their own mechanics, picking and colour.
struct MuscleBody {
    std::string id;                  // "gluteus_maximus"
    std::string name;                // "Gluteus maximus"
    std::vector<std::string> parts;  // base ids, edge to edge
    std::string source;              // where the order across comes from
};

// A muscle that lies over others where they overlap (rectus femoris over the vasti): drawn, its
// surface is moved outward off theirs.
struct MuscleLayer {
    std::string over;                // base id of the superficial muscle
    std::vector<std::string> under;  // base ids of the deeper ones
    std::string source;
};

struct MuscleCatalogue {
    std::string file;
    std::vector<MuscleGroup> groups;
    std::vector<PostureGroupMembers> posture_groups;
    std::vector<Muscle> muscles;  // right then left for each entry, in file order
    float passive_k = 4.0f;       // Thelen passive shape
    float passive_e0 = 0.6f;      // strain at one normalised force
    float specific_tension_n_per_m2 = 600000.0f;
    std::vector<MuscleBody> bodies;
    // Filled by the loader: per body and side, its lines' muscle indices edge to edge (right sides
    // first), and per muscle the index of its list there (-1: a muscle of one line).
    std::vector<std::vector<std::size_t>> lofts;
    std::vector<int> loft_of;
    std::vector<MuscleLayer> layers;
    // Filled by the loader: per side, (superficial, deep) muscle index pairs from `layers`.
    std::vector<std::pair<std::size_t, std::size_t>> covers;

    int find(const std::string& id) const;
    const MuscleGroup* find_group(const std::string& id) const;
    const PostureGroupMembers* find_posture_group(const std::string& id) const;
};

// Parses and validates. Every problem is reported with the file, the muscle and the field; the
// first call that finds any throws one core::Error listing them all.
MuscleCatalogue load_muscle_catalogue(const std::string& json_text, const std::string& file, const Skeleton& skeleton);
// The same checks, returning the list of problems instead of throwing (for `anatomy validate`).
std::vector<std::string> validate_muscle_catalogue(const std::string& json_text, const std::string& file, const Skeleton& skeleton);
// assets/muscles/muscles.json
MuscleCatalogue load_default_muscle_catalogue(const Skeleton& skeleton);

// Landmarks for every origin and insertion ("psoas_origin_r"), for the skeleton generator and
// the landmark tests. Appended to the skeleton's list; existing names are kept.
void add_attachment_landmarks(Skeleton& skeleton, const MuscleCatalogue& catalogue);

}  // namespace anat
