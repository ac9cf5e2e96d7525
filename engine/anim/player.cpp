#include "anim/player.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace anim {

namespace {
std::size_t idx(int i) { return static_cast<std::size_t>(i); }
const std::string empty_text;
}  // namespace

void blend_poses(const anat::Pose& a, const anat::Pose& b, float w, anat::Pose& out) {
    ANATOMY_ASSERT(a.local.size() == b.local.size(), "poses of the same skeleton");
    out.local.resize(a.local.size());
    for (std::size_t j = 0; j < a.local.size(); ++j) out.local[j] = slerp_shortest(a.local[j], b.local[j], w);
    out.root_rotation = slerp_shortest(a.root_rotation, b.root_rotation, w);
    out.root_translation = a.root_translation + w * (b.root_translation - a.root_translation);
    out.translation.assign(a.local.size(), glm::vec3(0.0f));
    for (std::size_t j = 0; j < a.local.size(); ++j) {
        const glm::vec3 ta = a.translation.empty() ? glm::vec3(0.0f) : a.translation[j];
        const glm::vec3 tb = b.translation.empty() ? glm::vec3(0.0f) : b.translation[j];
        out.translation[j] = ta + w * (tb - ta);
    }
}

Player::Player(const Rig& rig, const Library& library) : rig_(rig), library_(library) {
    fade_from_ = anat::rest_pose(rig_.skeleton);
    refresh();
}

const Clip* Player::clip() const { return index_ < 0 ? nullptr : &library_.clip(idx(index_), side_); }

float Player::duration_s() const { return clip() ? clip()->duration_s() : 0.0f; }

void Player::start_fade() {
    fade_from_ = frame_.pose;
    fade_elapsed_s_ = 0.0f;
}

void Player::select(int index) {
    ANATOMY_ASSERT(index >= -1 && index < static_cast<int>(library_.size()), "clip index out of range");
    start_fade();
    index_ = index;
    time_s_ = 0.0f;
    reps_ = 0;
    refresh();
}

bool Player::select(std::string_view id) {
    const int i = library_.find(id);
    if (i < 0) return false;
    select(i);
    return true;
}

void Player::play() {
    if (clip() && time_s_ >= duration_s() && !loop_) time_s_ = 0.0f;  // play again from the start
    playing_ = clip() != nullptr;
}

void Player::set_speed(float speed) { speed_ = std::clamp(std::isfinite(speed) ? speed : 1.0f, min_speed, max_speed); }

void Player::set_side(Side side) {
    if (side == side_) return;
    const bool changes_pose = clip() && clip()->info.side == ClipSide::right;
    if (changes_pose) start_fade();
    side_ = side;
    refresh();
}

void Player::seek(float t_s) {
    time_s_ = std::clamp(std::isfinite(t_s) ? t_s : 0.0f, 0.0f, duration_s());
    refresh();
}

void Player::next_phase() {
    const Clip* c = clip();
    if (!c) return;
    const Phase now = phase_at(*c, time_s_);
    for (const auto& k : c->keys) {
        if (k.t_s > time_s_ && k.phase != now) {
            seek(k.t_s);
            return;
        }
    }
    if (loop_) {
        ++reps_;
        seek(0.0f);
    } else {
        seek(duration_s());
    }
}

void Player::update(float dt_s) {
    if (!(dt_s > 0.0f) || !std::isfinite(dt_s)) dt_s = 0.0f;
    fade_elapsed_s_ = std::min(fade_elapsed_s_ + dt_s, crossfade_s);
    if (playing_ && clip()) {
        time_s_ += dt_s * speed_;
        const float d = duration_s();
        if (time_s_ >= d) {
            if (loop_ && d > 0.0f) {
                const float passes = std::floor(time_s_ / d);
                reps_ += static_cast<int>(passes);
                time_s_ -= passes * d;
            } else {
                time_s_ = d;
                playing_ = false;
            }
        }
    }
    refresh();
}

const std::string& Player::step_text() const {
    const Clip* c = clip();
    const int s = step();
    return c && s >= 0 && idx(s) < c->info.steps.size() ? c->info.steps[idx(s)] : empty_text;
}

HoldTimer Player::hold() const {
    HoldTimer h;
    const Clip* c = clip();
    if (!c) return h;
    for (std::size_t i = 0; i + 1 < c->keys.size(); ++i) {
        if (c->keys[i].phase != Phase::hold) continue;
        const float a = c->keys[i].t_s, b = c->keys[i + 1].t_s;
        h.total_s += b - a;
        h.held_s += std::clamp(time_s_ - a, 0.0f, b - a);
    }
    h.left_s = h.total_s - h.held_s;
    h.holding = phase_at(*c, time_s_) == Phase::hold;
    return h;
}

float Player::crossfade_weight() const { return ease(Easing::ease_in_out, fade_elapsed_s_ / crossfade_s); }

void Player::refresh() {
    const Clip* c = clip();
    if (c) {
        evaluate(rig_, *c, time_s_, clip_frame_);
    } else {
        clip_frame_.pose = anat::rest_pose(rig_.skeleton);
        clip_frame_.contacts.clear();
        clip_frame_.phase = Phase::setup;
        clip_frame_.step = -1;
        clip_frame_.report = {};
    }
    const float w = crossfade_weight();
    if (w >= 1.0f) {
        frame_.pose = clip_frame_.pose;
    } else {
        blend_poses(fade_from_, clip_frame_.pose, w, frame_.pose);
    }
    frame_.contacts = clip_frame_.contacts;
    frame_.segment = clip_frame_.segment;
    frame_.eased = clip_frame_.eased;
    frame_.phase = clip_frame_.phase;
    frame_.step = clip_frame_.step;
    frame_.report = clip_frame_.report;
    frame_.world_from_bone.resize(rig_.skeleton.joints.size());
    anat::forward_kinematics(rig_.skeleton, frame_.pose, frame_.world_from_bone);
    if (w < 1.0f) frame_.report.floor_lift_m += lift_above_floor(rig_, frame_.pose, frame_.world_from_bone);
}

}  // namespace anim
