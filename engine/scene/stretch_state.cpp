#include "scene/stretch_state.hpp"

#include "anim/sampler.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace scene {

namespace {
std::size_t idx(int i) { return static_cast<std::size_t>(i); }
// Long enough to read as a movement, short enough not to delay (the player's own fade).
constexpr float fade_s = anim::Player::crossfade_s;
constexpr float rad_to_deg = 57.29577951308232f;
}  // namespace

StretchState::StretchState(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue)
    : catalogue_(catalogue), rig_(anim::load_default_rig(skeleton)), library_(anim::Library::load_default(rig_)), compensation_(rig_, catalogue) {
    player_ = std::make_unique<anim::Player>(rig_, library_);
    pose_ = clip_pose_ = fade_from_ = anat::rest_pose(rig_.skeleton);
}

const anim::Clip* StretchState::on_screen() const { return active() ? player_->clip() : nullptr; }

void StretchState::start(int index, const anat::Pose& from) {
    if (index < 0 || index >= static_cast<int>(library_.size())) return;
    fade_from_ = active() ? pose_ : from;
    player_->select(index);
    player_->play();
    active_ = true;
    fade_in_ = fade_s;
    fade_out_ = 0.0f;
    warm_rad_ = 0.0f;
}

void StretchState::stop() {
    if (!active_) return;
    active_ = false;
    player_->pause();
    fade_from_ = pose_;
    fade_out_ = fade_s;
}

void StretchState::update(float dt_s, const anat::Pose& posture, std::span<const float> tightness) {
    if (!(dt_s >= 0.0f) || !std::isfinite(dt_s)) dt_s = 0.0f;
    tightness_.assign(tightness.begin(), tightness.end());
    if (!active()) {
        pose_ = posture;
        compensation_deg_ = 0.0f;
        return;
    }
    if (active_) {
        player_->update(dt_s);
        clip_pose_ = player_->pose();
        float tilt = 0.0f;
        if (!cue_) tilt = warm_rad_ = compensation_.apply(clip_pose_, tightness_, warm_rad_);
        compensation_deg_ = tilt * rad_to_deg;
        if (fade_in_ > 0.0f) {
            fade_in_ = std::max(fade_in_ - dt_s, 0.0f);
            const float w = anim::ease(anim::Easing::ease_in_out, 1.0f - fade_in_ / fade_s);
            anim::blend_poses(fade_from_, clip_pose_, w, pose_);
        } else {
            pose_ = clip_pose_;
        }
        return;
    }
    // Fading back to the posture.
    fade_out_ = std::max(fade_out_ - dt_s, 0.0f);
    const float w = anim::ease(anim::Easing::ease_in_out, 1.0f - fade_out_ / fade_s);
    anim::blend_poses(fade_from_, posture, w, pose_);
    compensation_deg_ = 0.0f;
}

std::size_t StretchState::muscle_index(const std::string& id) const {
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
        if (catalogue_.muscles[i].id == id) return i;
    return catalogue_.muscles.size();
}

std::vector<std::size_t> StretchState::targets() const {
    std::vector<std::size_t> out;
    if (const anim::Clip* c = player_->clip())
        for (const auto& id : c->info.targets)
            if (const std::size_t i = muscle_index(id); i < catalogue_.muscles.size()) out.push_back(i);
    return out;
}

std::vector<std::size_t> StretchState::secondary() const {
    std::vector<std::size_t> out;
    if (const anim::Clip* c = player_->clip())
        for (const auto& id : c->info.secondary)
            if (const std::size_t i = muscle_index(id); i < catalogue_.muscles.size()) out.push_back(i);
    return out;
}

const biomech::StretchReport& StretchState::curves() {
    CurveKey key{player_->selected(), player_->side(), cue_, tightness_};
    if (key == curve_key_) return curves_;
    curve_key_ = key;
    curves_ = {};
    if (key.clip >= 0) {
        biomech::StretchReportOptions o;
        o.side = key.side;
        o.tightness = key.tightness;
        o.posterior_tilt_cue = key.cue;
        o.sample_hz = 10.0f;  // smooth enough for a plot a few hundred pixels wide
        curves_ = biomech::analyse_stretch(rig_, catalogue_, library_, idx(key.clip), o);
    }
    return curves_;
}

core::Bounds StretchState::pose_bounds() const {
    core::Bounds b;
    for (const auto& w : anat::forward_kinematics(rig_.skeleton, pose_)) b.add(w.translation);
    return b;
}

core::Bounds StretchState::clip_bounds() const {
    core::Bounds b;
    const anim::Clip* c = player_->clip();
    if (!c) return b;
    anim::Frame f;
    constexpr int samples = 24;
    for (int i = 0; i <= samples; ++i) {
        anim::evaluate(rig_, *c, c->duration_s() * static_cast<float>(i) / samples, f);
        for (const auto& w : f.world_from_bone) b.add(w.translation);
    }
    // Joint centres lie inside the body: pad by a limb's thickness and the head's reach.
    constexpr float pad_m = 0.12f;
    if (!b.empty()) {
        b.min -= glm::vec3(pad_m);
        b.max += glm::vec3(pad_m);
    }
    for (const auto& p : prop_boxes())
        if (p.id != "wall") {  // a wall can be wide; framing it would shrink the body
            b.add(p.center - glm::abs(p.axes * p.half_extent));
            b.add(p.center + glm::abs(p.axes * p.half_extent));
        }
    return b;
}

anat::Pose StretchState::clip_pose_at(float t_s) const {
    const anim::Clip* c = player_->clip();
    if (!c) return anat::rest_pose(rig_.skeleton);
    anim::Frame f;
    anim::evaluate(rig_, *c, t_s, f);
    return f.pose;
}

float StretchState::hold_middle_s() const {
    const anim::Clip* c = player_->clip();
    if (!c) return 0.0f;
    for (std::size_t k = 0; k + 1 < c->keys.size(); ++k)
        if (c->keys[k].phase == anim::Phase::hold) return 0.5f * (c->keys[k].t_s + c->keys[k + 1].t_s);
    return 0.5f * c->duration_s();
}

std::vector<StretchState::PropBox> StretchState::prop_boxes() const {
    std::vector<PropBox> out;
    const anim::Clip* c = player_->clip();
    if (!c) return out;
    for (const auto& p : c->props) {
        PropBox b;
        b.id = p.id;
        switch (p.type) {
            case anim::PropType::strap: continue;
            case anim::PropType::wall: {
                const glm::vec3 n = glm::length(p.normal) > 0.0f ? glm::normalize(p.normal) : glm::vec3(0, 0, 1);
                const glm::vec3 up(0.0f, 1.0f, 0.0f);
                const glm::vec3 across = glm::length(glm::cross(up, n)) > 1e-4f ? glm::normalize(glm::cross(up, n)) : glm::vec3(1, 0, 0);
                b.axes = glm::mat3(across, up, n);
                b.half_extent = 0.5f * p.size_m;
                b.center = p.position_m - n * b.half_extent.z;
                b.color = {0.80f, 0.80f, 0.77f};
                b.id = "wall";
                break;
            }
            case anim::PropType::mat:
                b.half_extent = 0.5f * p.size_m;
                b.center = p.position_m + glm::vec3(0.0f, b.half_extent.y, 0.0f);
                b.color = {0.30f, 0.45f, 0.55f};  // a blue-grey exercise mat
                break;
            case anim::PropType::step:
                b.half_extent = 0.5f * p.size_m;
                b.center = p.position_m + glm::vec3(0.0f, b.half_extent.y, 0.0f);
                b.color = {0.62f, 0.50f, 0.38f};  // wood
                break;
            case anim::PropType::table:
                b.half_extent = 0.5f * p.size_m;
                b.center = p.position_m + glm::vec3(0.0f, b.half_extent.y, 0.0f);
                b.color = {0.55f, 0.60f, 0.62f};  // a padded treatment table
                break;
        }
        out.push_back(b);
    }
    return out;
}

std::vector<glm::vec3> StretchState::strap_points(std::span<const core::Rigid> world_from_bone) const {
    std::vector<glm::vec3> out;
    const anim::Clip* c = player_->clip();
    if (!c || !active_) return out;
    for (const auto& p : c->props) {
        if (p.type != anim::PropType::strap) continue;
        for (const auto& name : p.attach) {
            const int point = rig_.find_point(name);
            if (point >= 0) out.push_back(rig_.point_world(point, world_from_bone));
        }
        break;  // one strap per clip
    }
    return out;
}

}  // namespace scene
