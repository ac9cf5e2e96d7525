// anim/player.hpp: plays the stretch library: transport, side, phases, step text, hold timer,
// and the pose to draw now, cross-faded from what was shown before.
//
// Pure logic on plain data; the UI calls it once a frame:
//   anim::Player player(rig, library);
//   player.select("couch_stretch");  player.play();
//   each frame: player.update(dt_s);  draw(player.frame().world_from_bone);
//               show(player.phase(), player.step_text(), player.hold());
//
// Time: clip seconds, advanced by update(dt) * speed while playing. Cross-fades (0.5 s of real
// time, running even while paused) start when a clip is selected (from the standing pose or the
// pose on screen) and when the side changes; seeking does not fade. At the end of a clip the
// player loops (counting a rep) or stops.
#pragma once

#include "anim/library.hpp"
#include "anim/sampler.hpp"

#include <string>
#include <string_view>

namespace anim {

struct HoldTimer {
    float held_s = 0.0f;   // time spent in hold phases so far in this pass through the clip
    float left_s = 0.0f;   // hold time still to come in this pass
    float total_s = 0.0f;  // all hold time in the clip
    bool holding = false;  // the current phase is a hold
};

class Player {
public:
    static constexpr float min_speed = 0.25f, max_speed = 2.0f;
    static constexpr float crossfade_s = 0.5f;  // long enough to read as a movement, short enough not to delay

    // `rig` and `library` must outlive the player. Starts with no clip, showing the standing pose.
    Player(const Rig& rig, const Library& library);

    // Selects clip `index` (-1: none, back to standing) and rewinds it; keeps play/pause.
    void select(int index);
    // By id; false (and no change) if the library has no such clip.
    bool select(std::string_view id);
    int selected() const { return index_; }
    // The clip playing for the current side, or null.
    const Clip* clip() const;

    void play();
    void pause() { playing_ = false; }
    bool playing() const { return playing_; }
    void set_speed(float speed);  // clamped to [0.25, 2]
    float speed() const { return speed_; }
    void set_loop(bool loop) { loop_ = loop; }
    bool loop() const { return loop_; }
    // The side being stretched; switching cross-fades to the mirrored clip at the same time.
    void set_side(Side side);
    Side side() const { return side_; }
    void seek(float t_s);  // clamped to [0, duration]
    // Jumps to the start of the next phase (from the last phase: to the start if looping, else
    // to the end).
    void next_phase();

    // Advances by `dt_s` seconds of real time.
    void update(float dt_s);

    float time_s() const { return time_s_; }
    float duration_s() const;
    Phase phase() const { return frame_.phase; }
    int step() const { return clip() ? frame_.step : -1; }
    // The step text in sync with the phase ("" with no clip).
    const std::string& step_text() const;
    HoldTimer hold() const;
    int reps_done() const { return reps_; }  // completed passes while looping
    float crossfade_weight() const;          // 1 once the fade is over
    // The pose to draw now and its forward kinematics.
    const Frame& frame() const { return frame_; }
    const anat::Pose& pose() const { return frame_.pose; }

private:
    void start_fade();
    void refresh();

    const Rig& rig_;
    const Library& library_;
    int index_ = -1;
    Side side_ = Side::right;
    float time_s_ = 0.0f, speed_ = 1.0f;
    bool playing_ = false, loop_ = true;
    int reps_ = 0;
    float fade_elapsed_s_ = crossfade_s;
    anat::Pose fade_from_;
    Frame clip_frame_, frame_;
};

// Blends two poses: slerp per joint and for the root, lerp of translations; w = 0 gives a.
void blend_poses(const anat::Pose& a, const anat::Pose& b, float w, anat::Pose& out);

}  // namespace anim
