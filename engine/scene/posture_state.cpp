#include "scene/posture_state.hpp"

#include <cmath>

namespace scene {

PostureState::PostureState(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue) : solver_(skeleton, catalogue) {
    neutral_ = solver_.solve(settings_);
    target_ = neutral_;
    shown_ = target_.dofs;
}

void PostureState::set_settings(const biomech::PostureSettings& s, bool undoable) {
    if (s == settings_) return;
    if (undoable) commit_undo_point(settings_);
    settings_ = s;
    target_ = solver_.solve(settings_, &target_);
}

void PostureState::commit_undo_point(const biomech::PostureSettings& before) {
    constexpr std::size_t max_undo = 100;  // a long session's worth
    if (!undo_.empty() && undo_.back() == before) return;
    undo_.push_back(before);
    if (undo_.size() > max_undo) undo_.pop_front();
    redo_.clear();
}

bool PostureState::undo() {
    if (undo_.empty()) return false;
    redo_.push_back(settings_);
    settings_ = undo_.back();
    undo_.pop_back();
    target_ = solver_.solve(settings_, &target_);
    return true;
}

bool PostureState::redo() {
    if (redo_.empty()) return false;
    undo_.push_back(settings_);
    settings_ = redo_.back();
    redo_.pop_back();
    target_ = solver_.solve(settings_, &target_);
    return true;
}

bool PostureState::update(float dt_s) {
    // Exponential glide: about 0.6 s to settle, slow enough to watch the pelvis tip.
    constexpr double rate_per_s = 6.0;
    const double a = 1.0 - std::exp(-rate_per_s * static_cast<double>(std::max(dt_s, 0.0f)));
    auto step = [&](double& v, double goal) {
        v += (goal - v) * a;
        if (std::abs(goal - v) < 1e-5) v = goal;
    };
    step(shown_.hip, target_.dofs.hip);
    step(shown_.lumbar, target_.dofs.lumbar);
    step(shown_.knee, target_.dofs.knee);
    step(shown_.ankle, target_.dofs.ankle);
    return shown_.hip != target_.dofs.hip || shown_.lumbar != target_.dofs.lumbar || shown_.knee != target_.dofs.knee ||
           shown_.ankle != target_.dofs.ankle;
}

}  // namespace scene
