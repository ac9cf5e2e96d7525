// biomech/posture.hpp: the standing posture that muscle tightness and weakness produce.
//
// A quasi-static equilibrium in the sagittal plane, found as the minimum of a potential energy
// over hip flexion h, lumbar extension L and knee flexion k (both sides alike):
//   passive muscle energy (Thelen curve, tightness shortens fibre rest length)
// + muscle tone of the gluteals and abdominals (constant forces, scaled by "strength")
// + gravity of every segment (anatomy-data 6.2 masses)
// + passive lumbar stiffness (assumed; gait2392 has none, anatomy-data 7.1)
// + an upright-trunk term: people keep the chest and gaze level, so the trunk's orientation is
//   held by a stiff postural controller; this makes the lumbar curve follow the pelvis about 1:1
//   (Levine & Whittle 1996, anatomy-data 3.5)
// + soft end-of-range barriers (hip extension, lumbar extension and flexion, knee).
// The feet stay planted: the ankle angle is chosen so the whole-body centre of mass stays over
// the feet where it was at rest, and the body is placed so the ankles do not move.
// Moment arms are those of the same muscle paths the renderer draws.
#pragma once

#include "anatomy/coordinates.hpp"
#include "anatomy/muscle_catalogue.hpp"
#include "biomech/measures.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace biomech {

// The posture groups the sliders drive (0..100 in the UI and on the command line).
enum class PostureGroup { hip_flexors, rectus_femoris, hamstrings, back_extensors, glutes, abdominals };
inline constexpr std::array<PostureGroup, 6> all_posture_groups{PostureGroup::hip_flexors,    PostureGroup::rectus_femoris, PostureGroup::hamstrings,
                                                                PostureGroup::back_extensors, PostureGroup::glutes,         PostureGroup::abdominals};
const char* posture_group_id(PostureGroup g);    // "hip_flexors", ..., "glutes", "abdominals"
const char* posture_group_name(PostureGroup g);  // "Hip flexor tightness", ...
bool is_strength_group(PostureGroup g);          // glutes and abdominals: strength, 100 = normal
std::optional<PostureGroup> parse_posture_group(const std::string& id);
// The catalogue muscles (base ids) a group acts on: the catalogue's "posture_groups" (data, not
// code); empty if the catalogue lacks the group (PostureSolver refuses such a catalogue).
const std::vector<std::string>& posture_group_muscles(const anat::MuscleCatalogue& catalogue, PostureGroup g);

struct PostureSettings {
    // Tightness 0..100 for hip_flexors, rectus_femoris, hamstrings, back_extensors;
    // strength 0..100 (100 normal) for glutes, abdominals. Indexed by PostureGroup.
    std::array<float, 6> group{0.0f, 0.0f, 0.0f, 0.0f, 100.0f, 100.0f};
    // Per-muscle tightness added on top of the groups, 0..100, by base id (both sides).
    std::vector<std::pair<std::string, float>> muscle_tightness;
    float& operator[](PostureGroup g) { return group[static_cast<std::size_t>(g)]; }
    float operator[](PostureGroup g) const { return group[static_cast<std::size_t>(g)]; }
    bool operator==(const PostureSettings&) const = default;
};

// The "after" of a before | after comparison: `settings` with a tightness group's resting fibre
// length `percent` longer (p % undoes p / 25 of full tightness, as tightness 100 shortens the fibres
// by 25 %). A HYPOTHETICAL: stretching programmes have not been shown to lengthen muscle (Freitas
// 2018); strength groups and unknown ids leave the settings as they are.
PostureSettings hypothetically_lengthened(const PostureSettings& settings, const std::string& group, float percent);
// "Hypothetical: hip flexors resting 10 % longer": the title of that side, for every consumer.
std::string hypothetical_title(const std::string& group, float percent);
// What stretching was measured to do to standing tilt: about 1 degree less anterior tilt after
// hip-flexor stretching (Preece et al. 2021), for the comparison's "measured effect" choice.
inline constexpr float measured_stretching_tilt_change_deg = 1.2f;
class PostureSolver;
struct PostureResult;
// The hypothetical lengthening (percent, 0-25) of `group` that changes the ASIS-PSIS tilt by
// `delta_deg` from the posture `settings` give (bisection over solves); 25 if even that falls short.
float percent_for_tilt_change(const PostureSolver& solver, const PostureSettings& settings, const std::string& group, float delta_deg,
                              const PostureResult* warm_start = nullptr);

// The solver's degrees of freedom (radians): both hips, the lumbar spine, both knees, and the
// ankles that keep the body balanced over planted feet.
struct PostureDofs {
    double hip = 0.0, lumbar = 0.0, knee = 0.0, ankle = 0.0;
};

struct PostureResult {
    PostureDofs dofs;
    anat::Coordinates coordinates;
    anat::Pose pose;
    SpinopelvicMeasures measures;
    bool converged = false;
    int iterations = 0;
    float gradient_norm = 0.0f;          // N m at the solution
    std::vector<float> tightness;        // per catalogue muscle, 0..1
    std::vector<float> muscle_length_m;  // per catalogue muscle
    std::vector<float> passive_force_n;  // per catalogue muscle
};

struct PostureModel {
    float body_mass_kg = 75.0f;                  // gait2392's subject weighs 75.16 kg
    float lumbar_stiffness_nm_per_rad = 250.0f;  // about 4 N m/deg over L1-S1: passive tissue plus background tone (assumption)
    float trunk_upright_nm_per_rad = 1500.0f;    // postural control holding the trunk upright (assumption)
    float knee_stiffness_nm_per_rad = 900.0f;    // quadriceps tone and the locked knee keep standing knees straight (assumption)
    float glute_tone = 0.02f;                    // resting tone as a fraction of F_max at strength 100 (assumption)
    float abdominal_tone = 0.03f;                // the same for the abdominals (assumption)
};

class PostureSolver {
public:
    PostureSolver(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue, PostureModel model = {});

    // Solves from `warm_start` (the previous result) when given, else from rest. Never returns
    // NaN: on failure the result is the best point found with converged = false.
    PostureResult solve(const PostureSettings& settings, const PostureResult* warm_start = nullptr) const;

    // Per-muscle tightness 0..1 for the settings (group plus per-muscle, capped at 1).
    std::vector<float> tightness_for(const PostureSettings& settings) const;

    // The pose for a set of degrees of freedom, feet planted (for animating between solutions).
    anat::Pose pose_at(const PostureDofs& dofs) const;

private:
    struct Eval;
    double energy(const std::array<double, 3>& q, const std::vector<float>& tightness, const std::vector<float>& tone, anat::Pose& pose,
                  std::vector<core::Rigid>& world, double& ankle) const;
    std::vector<float> tone_for(const PostureSettings& settings) const;
    std::array<double, 3> gradient_at(const std::array<double, 3>& q, const std::vector<float>& tightness, const std::vector<float>& tone,
                                      double ankle) const;
    anat::Pose pose_for(const std::array<double, 3>& q, double ankle, std::vector<core::Rigid>& world) const;

    const anat::Skeleton& skeleton_;
    const anat::MuscleCatalogue& catalogue_;
    PostureModel model_;
    anat::RigIndex rig_;
    struct Mass {
        int joint;
        glm::vec3 com;  // in the joint's bone frame
        float kg;
    };
    std::vector<Mass> masses_;
    glm::vec3 rest_com_{0.0f};
    std::array<glm::vec3, 2> rest_ankle_{};
    std::vector<std::size_t> relevant_;  // muscles that can store energy within the posture's range
    // Calibration: a constant generalised force (N m per DOF) that makes the rest posture the
    // equilibrium for neutral settings. It stands for the active postural control the passive
    // model leaves out; tightness and strength then act relative to neutral.
    std::array<double, 3> bias_{0.0, 0.0, 0.0};
};

}  // namespace biomech
