#include "ui/teaching_camera.hpp"

#include "scene/world.hpp"
#include "ui/snapshot.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

std::vector<std::uint32_t> muscle_pick_ids(const scene::Body& body, std::span<const std::string> muscle_ids) {
    std::vector<std::uint32_t> out;
    for (const auto& id : muscle_ids) {
        const int i = body.catalogue().find(id);
        if (i >= 0 && out.size() < 16) out.push_back(scene::muscle_id_base + static_cast<std::uint32_t>(i));
    }
    return out;
}

Visibility measure_visibility(gfx::Renderer& renderer, const gfx::FrameDesc& frame, std::span<const std::uint32_t> ids, glm::ivec2 size) {
    Visibility v;
    if (ids.empty()) return v;
    auto count = [&](const std::vector<std::uint32_t>& buffer) {
        int n = 0;
        for (std::uint32_t id : buffer) n += std::find(ids.begin(), ids.end(), id) != ids.end() ? 1 : 0;
        return n;
    };
    v.visible_px = count(renderer.render_ids(frame, size));
    v.alone_px = count(renderer.render_ids(frame, size, ids));
    return v;
}

TeachingView teaching_camera(gfx::Renderer& renderer, gfx::FrameDesc frame, std::span<const std::uint32_t> target_ids, const core::Bounds& bounds,
                             bool left_side, float aspect) {
    const core::OrbitCamera usual = stretch_camera(bounds, left_side, aspect);
    TeachingView best{usual, {}};
    if (target_ids.empty() || bounds.empty()) return best;
    // Small pictures: the share of a muscle's surface is a ratio, and 320 pixels across give every
    // target of the library a few hundred pixels (at 200 the thinnest had under a hundred).
    const glm::ivec2 size{320, std::max(16, static_cast<int>(std::lround(320.0f / std::max(aspect, 0.1f))))};
    constexpr float pi = 3.14159265f;
    constexpr int directions = 12;
    const float heights[] = {usual.pitch_rad, 0.6f};
    struct Candidate {
        core::OrbitCamera camera;
        Visibility v;
        float turn_rad = 0.0f;
    };
    // Clinicians teach most stretches from the side: keep that view while it shows most of the
    // targets; look elsewhere only when it hides them.
    constexpr float enough = 0.7f;
    frame.camera = usual;
    best.visibility = measure_visibility(renderer, frame, target_ids, size);
    if (best.visibility.share() >= enough) return best;
    std::vector<Candidate> tried;
    int most_px = 1;
    for (int k = 0; k < directions; ++k)
        for (float pitch : heights) {
            core::OrbitCamera cam = usual;
            const float turn = 2.0f * pi * static_cast<float>(k) / directions;
            cam.yaw_rad = usual.yaw_rad + turn;
            cam.pitch_rad = pitch;
            cam.frame_box(bounds, aspect);
            frame.camera = cam;
            const Visibility v = measure_visibility(renderer, frame, target_ids, size);
            most_px = std::max(most_px, v.visible_px);
            tried.push_back({cam, v, std::min(turn, 2.0f * pi - turn) + (pitch == usual.pitch_rad ? 0.0f : 0.3f)});
        }
    // Mostly the share in view; a little for how large the targets appear (a view that shows them
    // whole but tiny teaches less); a little for staying near the usual side view.
    float best_score = -1e9f;
    for (const auto& c : tried) {
        const float size_term = static_cast<float>(c.v.visible_px) / static_cast<float>(most_px);
        const float score = c.v.share() * (0.7f + 0.3f * size_term) - 0.08f * c.turn_rad / pi;
        if (score > best_score) {
            best_score = score;
            best = {c.camera, c.v};
        }
    }
    return best;
}

TeachingView teaching_camera(gfx::Renderer& renderer, scene::World& world, const scene::StretchState& stretch, const core::Bounds& bounds,
                             float aspect) {
    const anim::Clip* clip = stretch.player().clip();
    const bool left = stretch.player().side() == anim::Side::left;
    if (!clip) return {stretch_camera(bounds, left, aspect), {}};
    scene::Body& body = world.body();
    const anat::Pose now = body.pose();
    body.set_pose(stretch.clip_pose_at(stretch.hold_middle_s()));
    gfx::FrameDesc hold;
    world.build_frame(hold);
    body.set_pose(now);
    return teaching_camera(renderer, hold, muscle_pick_ids(body, clip->info.targets), bounds, left, aspect);
}

}  // namespace ui
