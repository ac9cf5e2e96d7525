#include "anim/sampler.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <cmath>

namespace anim {

namespace {

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

// The keyframe at or before t (clamped to the last segment's start).
int segment_at(const Clip& clip, float t) {
    const auto it = std::upper_bound(clip.keys.begin(), clip.keys.end(), t, [](float v, const Keyframe& k) { return v < k.t_s; });
    const int i = static_cast<int>(it - clip.keys.begin()) - 1;
    return std::clamp(i, 0, static_cast<int>(clip.keys.size()) - 2);
}

float clamp_time(const Clip& clip, float t) { return std::clamp(std::isfinite(t) ? t : 0.0f, 0.0f, clip.duration_s()); }

}  // namespace

glm::quat slerp_shortest(const glm::quat& a, const glm::quat& b0, float t) {
    glm::quat b = b0;
    float d = glm::dot(a, b);
    if (d < 0.0f) {
        b = -b;
        d = -d;
    }
    if (d > 0.9995f) return glm::normalize(a + t * (b - a));  // nearly equal: normalised lerp is exact enough
    const float theta = std::acos(d);
    const float s = std::sin(theta);
    return (std::sin((1.0f - t) * theta) / s) * a + (std::sin(t * theta) / s) * b;
}

Phase phase_at(const Clip& clip, float t_s) {
    const float t = clamp_time(clip, t_s);
    const int i = segment_at(clip, t);
    return t >= clip.keys[idx(i) + 1].t_s ? clip.keys[idx(i) + 1].phase : clip.keys[idx(i)].phase;
}

int step_at(const Clip& clip, float t_s) {
    const float t = clamp_time(clip, t_s);
    int i = segment_at(clip, t);
    if (t >= clip.keys[idx(i) + 1].t_s) ++i;
    for (; i >= 0; --i)
        if (clip.keys[idx(i)].step >= 0) return clip.keys[idx(i)].step;
    return -1;
}

void sample(const Rig& rig, const Clip& clip, float t_s, Frame& out) {
    ANATOMY_ASSERT(clip.keys.size() >= 2, "a clip has at least two keyframes");
    const float t = clamp_time(clip, t_s);
    const int i = segment_at(clip, t);
    const Keyframe& a = clip.keys[idx(i)];
    const Keyframe& b = clip.keys[idx(i) + 1];
    const float u = (t - a.t_s) / (b.t_s - a.t_s);
    const float e = ease(a.easing, u);
    out.segment = i;
    out.eased = e;
    out.phase = phase_at(clip, t);
    out.step = step_at(clip, t);

    anat::Pose& p = out.pose;
    const std::size_t n = a.pose.local.size();
    p.local.resize(n);
    for (std::size_t j = 0; j < n; ++j) p.local[j] = slerp_shortest(a.pose.local[j], b.pose.local[j], e);
    p.root_rotation = slerp_shortest(a.pose.root_rotation, b.pose.root_rotation, e);
    p.root_translation = a.pose.root_translation + e * (b.pose.root_translation - a.pose.root_translation);
    p.translation.assign(n, glm::vec3(0.0f));
    rig.update_knee_translations(p);

    out.contacts.clear();
    for (const auto& sc : clip.segments[idx(i)]) {
        const float w = sc.w0 + e * (sc.w1 - sc.w0);
        if (w > 0.0f) out.contacts.push_back({sc.contact.point, sc.contact.surface, w, true, sc.anchor, sc.w0 >= 1.0f && sc.w1 >= 1.0f});
    }
}

void evaluate(const Rig& rig, const Clip& clip, float t_s, Frame& out) {
    sample(rig, clip, t_s, out);
    out.report = solve_contacts(rig, clip.surfaces, out.contacts, out.pose, out.world_from_bone);
}

}  // namespace anim
