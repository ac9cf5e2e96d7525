// scene/posture_state.hpp: the posture the viewer shows: settings with undo and redo, the solved
// target, and a displayed posture that glides to each new target.
#pragma once

#include "biomech/posture.hpp"

#include <deque>

namespace scene {

class PostureState {
public:
    PostureState(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue);

    const biomech::PostureSettings& settings() const { return settings_; }
    // Solves for new settings (warm-started). `undoable`: record the previous settings first
    // (call with false while a slider drags, then commit_undo_point() when it is released).
    void set_settings(const biomech::PostureSettings& s, bool undoable = true);
    void commit_undo_point(const biomech::PostureSettings& before);
    bool undo();
    bool redo();
    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }

    // Moves the displayed posture toward the target; returns true while it is still moving.
    bool update(float dt_s);
    void snap() { shown_ = target_.dofs; }

    const biomech::PostureResult& target() const { return target_; }
    const biomech::PostureResult& neutral() const { return neutral_; }
    anat::Pose displayed_pose() const { return solver_.pose_at(shown_); }
    const biomech::PostureSolver& solver() const { return solver_; }

private:
    biomech::PostureSolver solver_;
    biomech::PostureSettings settings_;
    biomech::PostureResult target_, neutral_;
    biomech::PostureDofs shown_;
    std::deque<biomech::PostureSettings> undo_, redo_;
};

}  // namespace scene
