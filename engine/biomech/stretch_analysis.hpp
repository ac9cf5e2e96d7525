// biomech/stretch_analysis.hpp: how much a stretch lengthens each muscle, and how tight muscles
// make the pelvis give way during it.
//
//   biomech::MuscleEvaluator eval(skeleton, catalogue);
//   eval.evaluate(pose, tightness);                 // lengths and states of every muscle
//   biomech::PelvisCompensation comp(rig, catalogue);
//   float tilt = comp.apply(pose, tightness);       // pelvis tips where tight muscles pull it
//   auto report = biomech::analyse_stretch(rig, catalogue, clip, {});  // per-muscle peaks
//
// Compensation model (an assumption, README "Stretches"): the clips show the technique done well
// by someone with normal muscles. Tight muscles add a passive pull (Thelen curve, tightness
// shortens the fibres' rest length) that the lumbar spine's stiffness resists. Unless the person
// actively holds the pelvis (the posterior-tilt cue: buttock squeezed, lower belly drawn in), the
// pelvis tips about the hip centres to where the extra pull balances that stiffness, the thighs
// and the trunk keeping their place in the world (so the low back arches or flattens). With
// normal muscles the clip's pose is the balance point, so nothing moves.
#pragma once

#include "anim/library.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "anatomy/muscle_path.hpp"

#include <span>
#include <vector>

namespace biomech {

// Lengths and mechanics of every catalogue muscle for a pose (CPU only).
class MuscleEvaluator {
public:
    MuscleEvaluator(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue);

    // `tightness` per catalogue muscle (0..1), or empty for none.
    void evaluate(const anat::Pose& pose, std::span<const float> tightness);
    const std::vector<MuscleState>& states() const { return states_; }
    std::span<const core::Rigid> world_from_bone() const { return world_; }
    const anat::MusclePaths& paths() const { return paths_; }

private:
    const anat::Skeleton& skeleton_;
    const anat::MuscleCatalogue& catalogue_;
    anat::RigIndex rig_;
    std::vector<core::Rigid> world_;
    anat::MusclePaths paths_;
    std::vector<MuscleState> states_;
};

struct CompensationModel {
    // Resists the pelvis tipping with the trunk held upright: the lumbar spine's stiffness, as in
    // the posture model (PostureModel::lumbar_stiffness_nm_per_rad).
    float lumbar_stiffness_nm_per_rad = 250.0f;
    float min_tilt_deg = -20.0f, max_tilt_deg = 20.0f;  // how far the pelvis may give way
};

class PelvisCompensation {
public:
    PelvisCompensation(const anim::Rig& rig, const anat::MuscleCatalogue& catalogue, CompensationModel model = {});

    // Tips the pelvis of `pose` to the balance point for `tightness` (per catalogue muscle, 0..1)
    // and returns the anterior tilt added (radians, + = forward). `warm_start` (the last frame's
    // answer) makes it cheaper. Returns 0 and leaves the pose alone when no muscle is tight.
    float apply(anat::Pose& pose, std::span<const float> tightness, float warm_start_rad = 0.0f) const;

    // The degree of freedom itself: the pelvis turns by `anterior_rad` about the midpoint of the
    // hip centres; the thighs and the thorax keep their orientation (the hips flex and the lumbar
    // spine extends by the same amount, split over its joints like the rig's lumbar group).
    void tilt(anat::Pose& pose, float anterior_rad) const;

    // Muscles whose length depends on the tilt (crossing the hips or the lumbar spine).
    const std::vector<std::size_t>& relevant() const { return relevant_; }

private:
    double energy(const anat::Pose& base, float delta, std::span<const float> tightness) const;

    const anim::Rig& rig_;
    const anat::MuscleCatalogue& catalogue_;
    CompensationModel model_;
    anat::RigIndex index_;
    glm::vec3 axis_{1.0f, 0.0f, 0.0f};           // the pelvis's anterior-tilt axis (its frame)
    std::vector<int> hips_;                      // hip joints (children of the pelvis)
    std::vector<std::pair<int, float>> lumbar_;  // lumbar joints and their shares
    glm::vec3 lumbar_axis_{1.0f, 0.0f, 0.0f};    // the lumbar group's flexion axis
    std::vector<std::size_t> relevant_;
    mutable std::vector<core::Rigid> world_;
    mutable anat::Pose scratch_;
};

struct StretchReportOptions {
    anim::Side side = anim::Side::right;
    std::vector<float> tightness;     // per catalogue muscle 0..1; empty = normal muscles
    bool posterior_tilt_cue = false;  // the pelvis held where the clip puts it
    float sample_hz = 20.0f;
};

struct MuscleElongation {
    std::size_t muscle = 0;                 // catalogue index
    float peak_hold = 0.0f;                 // largest relative elongation during the hold phases
    float peak = 0.0f;                      // largest over the whole clip
    float peak_hold_change_percent = 0.0f;  // musculotendon length change from neutral at that peak
};

struct StretchReport {
    std::string id;
    anim::Side side = anim::Side::right;
    float duration_s = 0.0f, hold_s = 0.0f;
    std::vector<MuscleElongation> muscles;                // every catalogue muscle, catalogue order
    std::vector<float> times_s;                           // sample times
    std::vector<std::vector<float>> relative_elongation;  // [sample][muscle]
    std::vector<float> pelvis_compensation_deg;           // [sample]
    float max_compensation_deg = 0.0f;                    // largest |tilt| the pelvis gave way
};

// Plays the clip for `options.side` at `sample_hz` (and at every keyframe time), applying the
// compensation unless the cue is on, and records every muscle's relative elongation.
StretchReport analyse_stretch(const anim::Rig& rig, const anat::MuscleCatalogue& catalogue, const anim::Library& library, std::size_t clip_index,
                              const StretchReportOptions& options);

}  // namespace biomech
