// scene/stretch_state.hpp: the stretch demo the viewer shows: the player, the pose it draws
// (cross-faded from and back to the standing posture), the pelvis giving way to tight muscles,
// the props, and each muscle's stretch over the whole clip for the meters and the plot.
//
//   scene::StretchState s(body.skeleton(), body.catalogue());
//   s.start(index, posture_pose);                 // fades in from the posture on screen
//   each frame: s.update(dt, posture_pose, tightness);  body.set_pose(s.pose());
//   s.stop();                                     // fades back to the posture
#pragma once

#include "anim/player.hpp"
#include "biomech/stretch_analysis.hpp"
#include "core/math.hpp"
#include "gfx/frame.hpp"

#include <memory>

namespace scene {

class StretchState {
public:
    // Loads the rig and the stretch library from assets/. Throws core::Error naming the file.
    StretchState(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue);

    const anim::Rig& rig() const { return rig_; }
    const anim::Library& library() const { return library_; }
    anim::Player& player() { return *player_; }
    const anim::Player& player() const { return *player_; }

    // Shows clip `index` from its start, fading in from `from` (the pose on screen), and plays.
    void start(int index, const anat::Pose& from);
    // Fades back to the posture and ends the demo.
    void stop();
    // A stretch is shown (playing, paused or fading out).
    bool active() const { return active_ || fade_out_ > 0.0f; }
    bool showing_clip() const { return active_; }
    // The clip on screen (playing, paused or fading out), or null: what the overlays' rules ask.
    const anim::Clip* on_screen() const;

    // The posterior-tilt cue: the person holds the pelvis where the clip puts it.
    void set_cue(bool on) { cue_ = on; }
    bool cue() const { return cue_; }

    // Advances the player by dt; `posture` is the standing pose to fade to and from, `tightness`
    // the muscles' tightness (0..1 per catalogue muscle) that the pelvis gives way to.
    void update(float dt_s, const anat::Pose& posture, std::span<const float> tightness);

    // The pose to draw now (valid after update()).
    const anat::Pose& pose() const { return pose_; }
    // How far the pelvis gave way this frame (degrees, + = anterior); 0 with the cue.
    float compensation_deg() const { return compensation_deg_; }

    // Catalogue indices of the current clip's target and secondary muscles for the current side.
    std::vector<std::size_t> targets() const;
    std::vector<std::size_t> secondary() const;
    // Every muscle's relative elongation over the whole clip for the current side, tightness and
    // cue (recomputed when one of them changes; tens of milliseconds).
    const biomech::StretchReport& curves();

    // Where the clip moves the body (joint centres over the whole clip, and the props), for
    // framing the camera. Empty bounds with no clip.
    core::Bounds clip_bounds() const;
    // The current clip's pose at `t_s` as authored (contacts solved; no tightness or fade), and the
    // middle of its first hold: where the teaching camera looks from. Rest pose / 0 with no clip.
    anat::Pose clip_pose_at(float t_s) const;
    float hold_middle_s() const;
    // The joint centres of the current pose: where a camera following the body aims (the middle).
    core::Bounds pose_bounds() const;

    // The props of the current clip as boxes (mat, step, table, wall) and the strap as a line
    // between its contact points, posed for `world_from_bone`.
    struct PropBox {
        glm::vec3 center{0.0f}, half_extent{0.0f};
        glm::mat3 axes{1.0f};   // columns: the box's x, y, z in the world
        glm::vec3 color{0.5f};  // sRGB
        std::string id;
    };
    std::vector<PropBox> prop_boxes() const;
    std::vector<glm::vec3> strap_points(std::span<const core::Rigid> world_from_bone) const;

private:
    std::size_t muscle_index(const std::string& id) const;

    const anat::MuscleCatalogue& catalogue_;
    anim::Rig rig_;
    anim::Library library_;
    std::unique_ptr<anim::Player> player_;
    biomech::PelvisCompensation compensation_;
    bool active_ = false, cue_ = false;
    float fade_in_ = 0.0f, fade_out_ = 0.0f;  // seconds left
    anat::Pose fade_from_, pose_, clip_pose_;
    float compensation_deg_ = 0.0f, warm_rad_ = 0.0f;
    std::vector<float> tightness_;

    struct CurveKey {
        int clip = -1;
        anim::Side side = anim::Side::right;
        bool cue = false;
        std::vector<float> tightness;
        bool operator==(const CurveKey&) const = default;
    };
    CurveKey curve_key_;
    biomech::StretchReport curves_;
};

}  // namespace scene
