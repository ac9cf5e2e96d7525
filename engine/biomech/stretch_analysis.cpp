#include "biomech/stretch_analysis.hpp"

#include "anim/sampler.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace biomech {

namespace {
std::size_t idx(int i) { return static_cast<std::size_t>(i); }
constexpr float rad_to_deg = 57.29577951308232f;
}  // namespace

// [SECTION] Muscle evaluator

MuscleEvaluator::MuscleEvaluator(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue)
    : skeleton_(skeleton), catalogue_(catalogue), rig_(skeleton) {}

void MuscleEvaluator::evaluate(const anat::Pose& pose, std::span<const float> tightness) {
    world_.resize(skeleton_.joints.size());
    anat::forward_kinematics(skeleton_, pose, world_);
    anat::evaluate_paths(catalogue_, world_, anat::path_coordinates(rig_, pose), paths_);
    states_.resize(catalogue_.muscles.size());
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
        states_[i] = muscle_state(catalogue_.muscles[i], paths_.length_m[i], i < tightness.size() ? tightness[i] : 0.0f, catalogue_);
}

// [SECTION] Pelvis compensation

PelvisCompensation::PelvisCompensation(const anim::Rig& rig, const anat::MuscleCatalogue& catalogue, CompensationModel model)
    : rig_(rig), catalogue_(catalogue), model_(model), index_(rig.skeleton) {
    const int pelvis = rig.find_group("pelvis");
    const int lumbar = rig.find_group("lumbar");
    ANATOMY_ASSERT(pelvis >= 0 && lumbar >= 0, "the rig has pelvis and lumbar groups");
    axis_ = rig.groups[idx(pelvis)].dofs[0].axis;         // anterior_tilt
    lumbar_axis_ = rig.groups[idx(lumbar)].dofs[0].axis;  // flexion
    for (const char* hip : {"hip_r", "hip_l"}) {
        const int g = rig.find_group(hip);
        ANATOMY_ASSERT(g >= 0, "the rig has both hips");
        hips_.push_back(rig.groups[idx(g)].joints[0]);
    }
    const auto& lg = rig.groups[idx(lumbar)];
    for (std::size_t i = 0; i < lg.joints.size(); ++i) lumbar_.emplace_back(lg.joints[i], lg.shares[i]);

    // Which muscles the tilt lengthens or shortens: try it on the standing pose.
    const anat::Pose rest = anat::rest_pose(rig.skeleton);
    std::vector<core::Rigid> w0(rig.skeleton.joints.size()), w1(rig.skeleton.joints.size());
    anat::Pose tipped = rest;
    tilt(tipped, 0.2f);
    anat::forward_kinematics(rig.skeleton, rest, w0);
    anat::forward_kinematics(rig.skeleton, tipped, w1);
    const auto c0 = anat::path_coordinates(index_, rest), c1 = anat::path_coordinates(index_, tipped);
    constexpr float min_change_m = 1e-4f;
    for (std::size_t i = 0; i < catalogue.muscles.size(); ++i)
        if (std::abs(anat::muscle_length(catalogue.muscles[i], w1, c1) - anat::muscle_length(catalogue.muscles[i], w0, c0)) > min_change_m)
            relevant_.push_back(i);
}

void PelvisCompensation::tilt(anat::Pose& pose, float a) const {
    if (a == 0.0f) return;
    const auto& S = rig_.skeleton;
    world_.resize(S.joints.size());
    anat::forward_kinematics(S, pose, world_);
    const glm::vec3 pivot_before = 0.5f * (world_[idx(hips_[0])].translation + world_[idx(hips_[1])].translation);
    const glm::quat turn = glm::angleAxis(a, axis_);
    pose.root_rotation = glm::normalize(pose.root_rotation * turn);
    const glm::quat undo = glm::inverse(turn);
    for (int h : hips_) pose.local[idx(h)] = glm::normalize(undo * pose.local[idx(h)]);
    // The lumbar joints extend by the same total, each by its share, about the lumbar axis.
    for (const auto& [joint, share] : lumbar_)
        pose.local[idx(joint)] = glm::normalize(glm::angleAxis(-a * share, lumbar_axis_) * pose.local[idx(joint)]);
    anat::forward_kinematics(S, pose, world_);
    const glm::vec3 pivot_after = 0.5f * (world_[idx(hips_[0])].translation + world_[idx(hips_[1])].translation);
    pose.root_translation += pivot_before - pivot_after;
}

double PelvisCompensation::energy(const anat::Pose& base, float delta, std::span<const float> tightness) const {
    scratch_ = base;
    tilt(scratch_, delta);
    world_.resize(rig_.skeleton.joints.size());
    anat::forward_kinematics(rig_.skeleton, scratch_, world_);
    const auto coords = anat::path_coordinates(index_, scratch_);
    double e = 0.0;
    for (std::size_t i : relevant_) {
        const float t = i < tightness.size() ? tightness[i] : 0.0f;
        e += passive_energy_j(catalogue_.muscles[i], anat::muscle_length(catalogue_.muscles[i], world_, coords), t, catalogue_);
    }
    return e;
}

float PelvisCompensation::apply(anat::Pose& pose, std::span<const float> tightness, float warm_start) const {
    const bool any_tight = std::any_of(tightness.begin(), tightness.end(), [](float t) { return t > 0.0f; });
    if (!any_tight) return 0.0f;
    const anat::Pose base = pose;
    const double h = 0.01;  // rad, for finite differences
    const double k = model_.lumbar_stiffness_nm_per_rad;
    // Calibration: with normal muscles the clip's pose balances (see the header).
    const std::span<const float> normal;
    const double bias = (energy(base, static_cast<float>(h), normal) - energy(base, static_cast<float>(-h), normal)) / (2.0 * h);
    auto total = [&](double d) { return energy(base, static_cast<float>(d), tightness) - bias * d + 0.5 * k * d * d; };
    const double lo = model_.min_tilt_deg / rad_to_deg, hi = model_.max_tilt_deg / rad_to_deg;
    double d = std::clamp(std::isfinite(warm_start) ? static_cast<double>(warm_start) : 0.0, lo, hi);
    // Newton's method on the 1-D energy, damped; a handful of steps from a warm start.
    constexpr int max_steps = 8;
    for (int it = 0; it < max_steps; ++it) {
        const double e0 = total(d), ep = total(d + h), em = total(d - h);
        const double g = (ep - em) / (2.0 * h);
        const double c = (ep - 2.0 * e0 + em) / (h * h);
        double step = c > 1e-6 ? -g / c : (g > 0.0 ? -0.05 : 0.05);
        step = std::clamp(step, -0.1, 0.1);
        const double next = std::clamp(d + step, lo, hi);
        if (total(next) > e0) {  // overshoot: halve
            const double half = std::clamp(d + 0.5 * step, lo, hi);
            if (total(half) > e0) break;
            d = half;
        } else {
            d = next;
        }
        if (std::abs(step) < 1e-4) break;
    }
    tilt(pose, static_cast<float>(d));
    world_.resize(rig_.skeleton.joints.size());
    anat::forward_kinematics(rig_.skeleton, pose, world_);
    anim::lift_above_floor(rig_, pose, world_);
    return static_cast<float>(d);
}

// [SECTION] Stretch report

StretchReport analyse_stretch(const anim::Rig& rig, const anat::MuscleCatalogue& catalogue, const anim::Library& library, std::size_t clip_index,
                              const StretchReportOptions& options) {
    const anim::Clip& clip = library.clip(clip_index, options.side);
    StretchReport r;
    r.id = clip.info.id;
    r.side = options.side;
    r.duration_s = clip.duration_s();
    for (std::size_t i = 0; i + 1 < clip.keys.size(); ++i)
        if (clip.keys[i].phase == anim::Phase::hold) r.hold_s += clip.keys[i + 1].t_s - clip.keys[i].t_s;

    std::vector<float> times;
    const float hz = std::clamp(std::isfinite(options.sample_hz) ? options.sample_hz : 20.0f, 1.0f, 240.0f);
    const int n = std::max(1, static_cast<int>(std::ceil(r.duration_s * hz)));
    for (int i = 0; i <= n; ++i) times.push_back(r.duration_s * static_cast<float>(i) / static_cast<float>(n));
    for (const auto& k : clip.keys) times.push_back(k.t_s);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end(), [](float a, float b) { return std::abs(a - b) < 1e-5f; }), times.end());

    MuscleEvaluator eval(rig.skeleton, catalogue);
    PelvisCompensation comp(rig, catalogue);
    r.muscles.resize(catalogue.muscles.size());
    for (std::size_t i = 0; i < r.muscles.size(); ++i) {
        r.muscles[i].muscle = i;
        r.muscles[i].peak_hold = r.muscles[i].peak = -1e9f;
    }
    anim::Frame frame;
    float warm = 0.0f;
    for (float t : times) {
        anim::evaluate(rig, clip, t, frame);
        float tilt = 0.0f;
        if (!options.posterior_tilt_cue) tilt = warm = comp.apply(frame.pose, options.tightness, warm);
        eval.evaluate(frame.pose, options.tightness);
        const bool hold = anim::phase_at(clip, t) == anim::Phase::hold;
        std::vector<float> row(catalogue.muscles.size());
        for (std::size_t i = 0; i < row.size(); ++i) {
            const MuscleState& s = eval.states()[i];
            row[i] = s.relative_elongation;
            auto& m = r.muscles[i];
            m.peak = std::max(m.peak, s.relative_elongation);
            if (hold && s.relative_elongation > m.peak_hold) {
                m.peak_hold = s.relative_elongation;
                m.peak_hold_change_percent = 100.0f * s.change_m / catalogue.muscles[i].neutral_length_m;
            }
        }
        r.times_s.push_back(t);
        r.relative_elongation.push_back(std::move(row));
        r.pelvis_compensation_deg.push_back(tilt * rad_to_deg);
        r.max_compensation_deg = std::max(r.max_compensation_deg, std::abs(tilt * rad_to_deg));
    }
    for (auto& m : r.muscles) {
        if (m.peak_hold < -1e8f) m.peak_hold = 0.0f;  // a clip with no hold phase
        if (m.peak < -1e8f) m.peak = 0.0f;
    }
    return r;
}

}  // namespace biomech
