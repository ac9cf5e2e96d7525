// The muscle draw items: each visible muscle is drawn once, solid; x-ray adds translucent ghosts
// only for the muscles out of focus, and hidden muscles leave no trace.
#include "gl_fixture.hpp"

#include "scene/world.hpp"

namespace {

struct MuscleItems {
    int solid = 0, ghost = 0;
    std::size_t solid_triangles = 0, ghost_triangles = 0;
};

MuscleItems muscle_items(scene::World& world) {
    gfx::FrameDesc frame;
    world.build_frame(frame);
    MuscleItems out;
    for (const auto& item : frame.items) {
        if (item.shading != gfx::Shading::muscle || !item.cpu.mesh) continue;
        const bool ghost = item.color.a < 0.99f;
        (ghost ? out.ghost : out.solid) += 1;
        (ghost ? out.ghost_triangles : out.solid_triangles) += item.cpu.mesh->indices.size() / 3;
    }
    return out;
}

}  // namespace

class MuscleItemsGl : public GlTest {};

TEST_F(MuscleItemsGl, EachMuscleIsDrawnOnceAndGhostsOnlyInXray) {
    scene::World world;
    world.display.layers.xray = false;
    const MuscleItems plain = muscle_items(world);
    EXPECT_EQ(plain.solid, 1);
    EXPECT_GT(plain.solid_triangles, 1000u);
    EXPECT_EQ(plain.ghost, 0) << "outside x-ray no muscle is drawn a second time";

    // X-ray with one muscle in focus: it stays solid, the others become ghosts.
    world.display.layers.xray = true;
    world.display.emphasised.insert("psoas_r");
    const MuscleItems xray = muscle_items(world);
    EXPECT_EQ(xray.solid, 1);
    EXPECT_EQ(xray.ghost, 1);
    EXPECT_LT(xray.solid_triangles, plain.solid_triangles / 4);
    EXPECT_EQ(xray.solid_triangles + xray.ghost_triangles, plain.solid_triangles);

    // Muscles hidden: nothing at all, ghosts included.
    world.display.layers.xray = false;
    world.display.emphasised.clear();
    world.display.layers.muscles = false;
    const MuscleItems hidden = muscle_items(world);
    EXPECT_EQ(hidden.solid + hidden.ghost, 0);
}
