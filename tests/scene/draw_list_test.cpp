// The draw lists need no GL: this suite links no renderer and no window. The bones, discs, skin
// and muscles are CPU meshes named by keys the renderer keeps them under: the bones' static and
// shared by every view, what each view poses (discs, skin, muscles) its own, the ghost's discs
// its own again, posed where the ghost stands.
#include "scene/compose.hpp"
#include "scene/world.hpp"

#include <gtest/gtest.h>
#include <glm/gtc/quaternion.hpp>

#include <set>

namespace {

const gfx::DrawItem* find_item(const gfx::FrameDesc& f, gfx::Shading shading, bool deformed) {
    for (const auto& item : f.items)
        if (item.shading == shading && static_cast<bool>(item.cpu.vertices) == deformed) return &item;
    return nullptr;
}

anat::Pose flexed_right_hip(const anat::Skeleton& sk) {
    anat::Pose pose = anat::rest_pose(sk);
    pose.local[static_cast<std::size_t>(sk.find_joint("hip_r"))] = glm::angleAxis(glm::radians(70.0f), glm::vec3(1, 0, 0));
    pose.local[static_cast<std::size_t>(sk.find_joint("l5_s1"))] = glm::angleAxis(glm::radians(-12.0f), glm::vec3(1, 0, 0));
    return pose;
}

}  // namespace

TEST(DrawList, EveryItemIsACpuMeshWithAKeyAndTheBonesAreStaticWithTheirLevels) {
    scene::World world;
    world.display.layers.skin = true;
    gfx::FrameDesc frame;
    world.build_frame(frame);
    ASSERT_FALSE(frame.items.empty());
    int bones = 0, with_levels = 0;
    for (const auto& item : frame.items) {
        EXPECT_EQ(item.mesh, nullptr) << "the scene holds no GPU mesh";
        ASSERT_TRUE(item.cpu.mesh) << "every item names a CPU mesh";
        EXPECT_NE(item.cpu.key, 0u);
        EXPECT_NE(item.cpu.revision, 0u);
        if (item.shading == gfx::Shading::bone) {
            ++bones;
            EXPECT_FALSE(item.cpu.dynamic) << "a bone's mesh never changes: static, culled by its planes";
            EXPECT_TRUE(item.per_vertex_ids);
            with_levels += item.cpu.coarse ? 1 : 0;
        }
    }
    EXPECT_GT(bones, 10);
    if (world.body().bones().triangle_count() > 100000) {
        EXPECT_GT(with_levels, 10) << "the baked skeleton's bones have coarser levels";
    }
    // The skin is posed vertices over its rest triangles, the shadow caster the same mesh.
    if (world.body().bones().has_skin()) {
        const gfx::DrawItem* skin = find_item(frame, gfx::Shading::skin, true);
        ASSERT_NE(skin, nullptr);
        EXPECT_EQ(skin->cpu.vertices->size(), skin->cpu.mesh->vertices.size());
        ASSERT_EQ(frame.shadow_casters.size(), 1u);
        EXPECT_EQ(frame.shadow_casters[0].cpu.key, skin->cpu.key);
        EXPECT_EQ(frame.shadow_casters[0].cpu.revision, skin->cpu.revision);
    }
}

TEST(DrawList, TwoViewsShareTheBonesButEachPosesItsOwnDiscsSkinAndMuscles) {
    scene::World world;
    world.display.layers.skin = true;
    const anat::Skeleton& sk = world.body().skeleton();
    gfx::FrameDesc a, b;
    world.body().set_pose(anat::rest_pose(sk));
    world.build_frame(a, 0);
    world.body().set_pose(flexed_right_hip(sk));
    world.build_frame(b, 1);

    std::set<std::uint64_t> bone_keys_a, bone_keys_b;
    for (const auto& item : a.items)
        if (item.shading == gfx::Shading::bone) bone_keys_a.insert(item.cpu.key);
    for (const auto& item : b.items)
        if (item.shading == gfx::Shading::bone) bone_keys_b.insert(item.cpu.key);
    EXPECT_EQ(bone_keys_a, bone_keys_b) << "the bones' meshes are the same in every view: one GPU copy";

    const gfx::DrawItem* muscles_a = find_item(a, gfx::Shading::muscle, false);
    const gfx::DrawItem* muscles_b = find_item(b, gfx::Shading::muscle, false);
    ASSERT_TRUE(muscles_a && muscles_b);
    EXPECT_NE(muscles_a->cpu.key, muscles_b->cpu.key) << "each view's muscles are its own";
    const gfx::DrawItem* discs_a = find_item(a, gfx::Shading::cartilage, true);
    const gfx::DrawItem* discs_b = find_item(b, gfx::Shading::cartilage, true);
    if (discs_a && discs_b) {
        EXPECT_NE(discs_a->cpu.key, discs_b->cpu.key) << "each view's discs are its own";
        EXPECT_EQ(discs_a->cpu.mesh, discs_b->cpu.mesh) << "over the same triangles";
        EXPECT_NE((*discs_a->cpu.vertices)[0].position, (*discs_b->cpu.vertices)[0].position) << "posed for its own view";
    }
    if (world.body().bones().has_skin()) {
        const gfx::DrawItem* skin_a = find_item(a, gfx::Shading::skin, true);
        const gfx::DrawItem* skin_b = find_item(b, gfx::Shading::skin, true);
        ASSERT_TRUE(skin_a && skin_b);
        EXPECT_NE(skin_a->cpu.key, skin_b->cpu.key);
        EXPECT_NE(skin_a->cpu.revision, skin_b->cpu.revision);
    }
}

TEST(DrawList, TheGhostsDiscsAreItsOwnAndStandWhereTheGhostStands) {
    scene::World world;
    const anat::Skeleton& sk = world.body().skeleton();
    world.body().set_pose(flexed_right_hip(sk));
    gfx::FrameDesc frame;
    world.build_frame(frame, 0);
    const std::size_t before = frame.items.size();
    scene::append_ghost(frame, world.body(), anat::rest_pose(sk), 0);
    ASSERT_GT(frame.items.size(), before);
    const gfx::DrawItem* body_discs = nullptr;
    const gfx::DrawItem* ghost_discs = nullptr;
    for (std::size_t i = 0; i < frame.items.size(); ++i)
        if (frame.items[i].cpu.vertices && frame.items[i].shading == gfx::Shading::cartilage)
            (i < before ? body_discs : ghost_discs) = &frame.items[i];
    for (std::size_t i = before; i < frame.items.size(); ++i) {
        EXPECT_LT(frame.items[i].color.a, 0.5f) << "translucent";
        EXPECT_FALSE(frame.items[i].casts_shadow);
        EXPECT_FALSE(frame.items[i].per_vertex_ids) << "the ghost is not picked";
    }
    if (!body_discs) GTEST_SKIP() << "this skeleton has no discs (the rig view)";
    ASSERT_NE(ghost_discs, nullptr);
    EXPECT_NE(ghost_discs->cpu.key, body_discs->cpu.key);
    // Posed at rest, the ghost's discs are where the discs are at rest, not where the body's are now.
    const scene::BoneSet::Posed at_rest = world.body().bones().pose(anat::forward_kinematics(sk, anat::rest_pose(sk)), false, 7);
    ASSERT_TRUE(at_rest.discs);
    EXPECT_EQ((*ghost_discs->cpu.vertices)[0].position, (*at_rest.discs)[0].position);
    EXPECT_NE((*body_discs->cpu.vertices)[0].position, (*at_rest.discs)[0].position);
}

TEST(DrawList, AViewCloseToTheBodyDrawsTheMusclesFinerWithTheSameVolume) {
    // The muscles' level follows the camera: nearer than close_up_distance_m, the finer one;
    // a caller that frames the view after composing it says which.
    scene::World world;
    auto muscle_triangles = [&](float distance_m, std::optional<bool> close_up) {
        gfx::FrameDesc frame;
        frame.camera.distance_m = distance_m;
        scene::ViewContent content;
        content.close_up = close_up;
        scene::compose_view(world, content, frame);
        std::size_t triangles = 0;
        double volume = 0.0;
        for (const auto& item : frame.items)
            if (item.shading == gfx::Shading::muscle) {
                triangles += item.cpu.mesh->indices.size() / 3;
                volume += std::abs(item.cpu.mesh->enclosed_volume());
            }
        return std::pair{triangles, volume};
    };
    const auto [far_triangles, far_volume] = muscle_triangles(3.0f, std::nullopt);
    const auto [near_triangles, near_volume] = muscle_triangles(0.9f, std::nullopt);
    ASSERT_GT(far_triangles, 1000u);
    EXPECT_GT(near_triangles, 3 * far_triangles) << "a close-up of the hip shows no facets";
    EXPECT_NEAR(near_volume, far_volume, 0.04 * far_volume) << "every level holds the same muscle";
    EXPECT_EQ(muscle_triangles(3.0f, true).first, near_triangles) << "said by the caller";
    EXPECT_EQ(muscle_triangles(0.9f, false).first, far_triangles);
}
