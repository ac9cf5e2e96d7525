// Picking on the real body: the pixel at a muscle's belly returns that muscle.
#include "gl_fixture.hpp"

#include "anatomy/muscle_path.hpp"
#include "scene/world.hpp"

class PickingGl : public GlTest {};

TEST_F(PickingGl, APixelOnAMusclesBellyPicksThatMuscle) {
    gfx::Renderer renderer(*shaders_);
    scene::World world;
    const glm::ivec2 size{640, 900};
    // Superficial muscles seen from the front and from behind.
    struct Case {
        const char* muscle;
        core::ViewPreset view;
    };
    for (const Case c : {Case{"rectus_femoris_r", core::ViewPreset::anterior}, Case{"vastus_lateralis_l", core::ViewPreset::anterior},
                         Case{"gastrocnemius_medial_r", core::ViewPreset::posterior}}) {
        gfx::FrameDesc frame;
        world.display.layers.skeleton = false;  // muscles only: nothing else can win the pixel
        world.build_frame(frame);
        frame.camera.set_preset(c.view);
        frame.camera.frame_box(world.bounds(), static_cast<float>(size.x) / static_cast<float>(size.y));
        const int i = world.body().catalogue().find(c.muscle);
        ASSERT_GE(i, 0);
        const glm::vec3 belly = anat::point_along(world.body().paths().path(static_cast<std::size_t>(i)), 0.5f);
        // Nudge toward the camera so the point is on the near surface, not the centreline.
        const auto px = frame.camera.project(belly - frame.camera.forward() * 0.01f, glm::vec2(size));
        ASSERT_TRUE(px);
        const auto hit = renderer.pick(frame, size, glm::ivec2(*px));
        const scene::Selection s = world.body().decode_pick(hit.id);
        EXPECT_EQ(s.kind, scene::Selection::Kind::muscle) << c.muscle;
        EXPECT_EQ(s.id, c.muscle);
        // Off the body: nothing.
        EXPECT_EQ(renderer.pick(frame, size, {2, 2}).id, 0u);
    }
}
