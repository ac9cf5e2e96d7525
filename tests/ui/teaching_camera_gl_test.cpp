// The teaching camera: every stretch's hold is shown from where most of its target muscles can be
// seen (measured in the picking buffer), with the other muscles muted.
#include "biomech/presets.hpp"
#include "scene/posture_state.hpp"
#include "scene/story.hpp"
#include "scene/stretch_state.hpp"
#include "scene/world.hpp"
#include "ui/snapshot.hpp"
#include "ui/teaching_camera.hpp"

#include <gtest/gtest.h>

namespace {

struct Holds {
    ui::OffscreenContext context;
    scene::StretchState stretch{context.world().body().skeleton(), context.world().body().catalogue()};
};
Holds& holds() {
    static Holds h;
    return h;
}

// The body at clip `index`'s hold, with the demo display, and the camera the snapshot uses.
ui::TeachingView view_of_hold(std::size_t index, anim::Side side, gfx::FrameDesc& frame) {
    scene::World& world = holds().context.world();
    scene::StretchState& s = holds().stretch;
    s.player().set_side(side);
    s.start(static_cast<int>(index), world.body().pose());
    world.body().set_pose(s.clip_pose_at(s.hold_middle_s()));
    world.display = {};
    world.display.stretch_demo = true;
    for (const auto& id : s.player().clip()->info.targets) world.display.emphasised.insert(id);
    world.build_frame(frame);
    core::Bounds b = world.bounds();
    ui::add_prop_bounds(b, s.prop_boxes());
    const auto ids = ui::muscle_pick_ids(world.body(), s.player().clip()->info.targets);
    return ui::teaching_camera(holds().context.renderer(), frame, ids, b, side == anim::Side::left, 4.0f / 3.0f);
}

}  // namespace

TEST(TeachingCameraGl, EveryHoldShowsMostOfItsTargets) {
    // 0.55: "most" of the targets' surface in view with a margin for the id buffer's coarse edges
    // and for the tendons, flat bands since issue 20, where the bones cover them (the hamstrings'
    // origins behind the ischial tuberosity: the seated fold's best view went from above 0.6 to
    // 0.59 with them); the usual side view is kept from 0.7 on.
    const anim::Library& lib = holds().stretch.library();
    for (std::size_t i = 0; i < lib.size(); ++i)
        for (auto side : {anim::Side::right, anim::Side::left}) {
            gfx::FrameDesc frame;
            const ui::TeachingView v = view_of_hold(i, side, frame);
            EXPECT_GE(v.visibility.share(), 0.55f) << lib.info(i).id << (side == anim::Side::left ? " (left)" : " (right)");
            // At 320 x 240 the thinnest targets (today's tubes) cover about a hundred pixels; under 80 they
            // would be specks.
            EXPECT_GT(v.visibility.visible_px, 80) << lib.info(i).id << ": the targets are too small to teach with";
        }
}

TEST(TeachingCameraGl, MutingTheOtherMusclesUncoversTheTargets) {
    // The strap stretch from its usual side view: with every muscle solid the quadriceps and the
    // other thigh hide much of the hamstrings; muted to ghosts they hide nothing.
    const int i = holds().stretch.library().find("supine_hamstring_strap");
    ASSERT_GE(i, 0);
    gfx::FrameDesc muted;
    const ui::TeachingView v = view_of_hold(static_cast<std::size_t>(i), anim::Side::right, muted);
    scene::World& world = holds().context.world();
    world.display.stretch_demo = false;
    gfx::FrameDesc solid;
    world.build_frame(solid);
    solid.camera = v.camera;
    const auto ids = ui::muscle_pick_ids(world.body(), holds().stretch.player().clip()->info.targets);
    const ui::Visibility hidden = ui::measure_visibility(holds().context.renderer(), solid, ids, {320, 240});
    EXPECT_GT(v.visibility.share(), hidden.share() + 0.15f) << "muted " << v.visibility.share() << ", solid " << hidden.share();
}

TEST(TeachingCameraGl, EveryStoryStepShowsItsTopicMuscles) {
    // The presentation's steps about a muscle group frame it above the caption with the other
    // muscles muted: most of the group's surface is in view (the picking buffer says how much).
    const scene::Story story = scene::load_default_story();
    const auto presets = biomech::load_default_presets();
    scene::World& world = holds().context.world();
    scene::Body& body = world.body();
    scene::PostureState posture(body.skeleton(), body.catalogue());
    int checked = 0;
    for (const auto& st : story.steps) {
        if (st.highlight.empty() || !st.stretch.empty() || st.compare) continue;
        if (const auto* p = biomech::find_preset(presets, st.preset)) posture.set_settings(p->settings, false);
        posture.snap();
        body.set_pose(posture.displayed_pose(), posture.target().tightness);
        world.display = {};
        world.display.layers.arms = scene::story_step_shows_arms(st);
        std::vector<std::string> topic;
        for (const auto& m : body.catalogue().muscles)
            for (const auto& h : st.highlight)
                if ((m.in_group(h) || m.base_id == h) && m.side == anat::Side::left) topic.push_back(m.id);  // the side facing the left view
        for (const auto& id : topic) world.display.emphasised.insert(id);
        world.display.mute_others = true;
        gfx::FrameDesc frame;
        world.build_frame(frame);
        frame.camera = scene::story_camera(st, body.skeleton(), body.world_from_bone(), frame.camera, false, 0.25f);
        const auto ids = ui::muscle_pick_ids(body, topic);
        const ui::Visibility v = ui::measure_visibility(holds().context.renderer(), frame, ids, {320, 200});
        EXPECT_GE(v.share(), 0.6f) << st.title;
        EXPECT_GT(v.visible_px, 300) << st.title << ": the topic is too small in the picture";
        ++checked;
    }
    EXPECT_GE(checked, 2);
}
