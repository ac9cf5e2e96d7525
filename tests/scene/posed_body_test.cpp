// Posing as a value, tested with no GL: the bones, the muscle paths and their mechanics follow the
// pose and the tightness given, two poses give two independent values, and the muscles' CPU
// meshes carry each muscle once with its picking id, solid or ghost as the display says.
#include "anatomy/skeleton_builder.hpp"
#include "gfx/frame.hpp"
#include "scene/muscle_styles.hpp"
#include "scene/posed_body.hpp"

#include <gtest/gtest.h>

#include <set>

namespace {

struct Fixture {
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    anat::RigIndex rig{skeleton};
    std::size_t index(const std::string& id) const { return static_cast<std::size_t>(catalogue.find(id)); }
    anat::Pose hip_flexed(float deg) const {
        anat::Pose p = anat::rest_pose(skeleton);
        anat::LegAngles leg;
        leg.hip_flexion_deg = deg;
        anat::set_leg(skeleton, rig, p, anat::Side::right, leg);
        return p;
    }
};
const Fixture& fx() {
    static const Fixture f;
    return f;
}

std::set<std::uint32_t> muscles_in(const std::vector<std::uint32_t>& ids) {
    std::set<std::uint32_t> out;
    for (auto id : ids) out.insert(id & gfx::vertex_id_mask);
    return out;
}

}  // namespace

TEST(PosedBody, BonesPathsAndMechanicsFollowThePoseAndTheTightness) {
    const auto& f = fx();
    const std::size_t n = f.catalogue.muscles.size();
    const std::vector<float> relaxed(n, 0.0f);
    const auto standing = scene::pose_body(f.skeleton, f.rig, f.catalogue, anat::rest_pose(f.skeleton), relaxed);
    const auto flexed = scene::pose_body(f.skeleton, f.rig, f.catalogue, f.hip_flexed(60.0f), relaxed);
    ASSERT_EQ(standing.world.size(), f.skeleton.joints.size());
    ASSERT_EQ(standing.states.size(), n);
    const auto expected = anat::forward_kinematics(f.skeleton, f.hip_flexed(60.0f));
    for (std::size_t j = 0; j < expected.size(); ++j) EXPECT_LT(glm::distance(flexed.world[j].translation, expected[j].translation), 1e-6f);

    // Flexing the right hip shortens the right psoas and lengthens the right hamstrings; the left
    // side stays as it was.
    const std::size_t psoas = f.index("psoas_r"), semimem = f.index("semimembranosus_r"), psoas_l = f.index("psoas_l");
    EXPECT_LT(flexed.paths.length_m[psoas], standing.paths.length_m[psoas] - 0.02f);
    EXPECT_GT(flexed.states[semimem].relative_elongation, standing.states[semimem].relative_elongation + 0.2f);
    EXPECT_FLOAT_EQ(flexed.paths.length_m[psoas_l], standing.paths.length_m[psoas_l]);

    // Tightness shortens the fibres' rest length: the same pose pulls harder. A short tightness
    // list counts the rest as 0.
    std::vector<float> tight(n, 0.0f);
    tight[semimem] = 1.0f;
    const auto tight_flexed = scene::pose_body(f.skeleton, f.rig, f.catalogue, f.hip_flexed(60.0f), tight);
    EXPECT_GT(tight_flexed.states[semimem].passive_force_n, flexed.states[semimem].passive_force_n);
    EXPECT_FLOAT_EQ(tight_flexed.tightness[semimem], 1.0f);
    const auto short_list = scene::pose_body(f.skeleton, f.rig, f.catalogue, f.hip_flexed(60.0f), std::vector<float>{0.5f});
    ASSERT_EQ(short_list.tightness.size(), n);
    EXPECT_FLOAT_EQ(short_list.tightness[0], 0.5f);
    EXPECT_FLOAT_EQ(short_list.tightness[n - 1], 0.0f);

    // Posing into a value kept from before gives what a fresh value gives.
    scene::PosedBody reused = standing;
    scene::pose_body(f.skeleton, f.rig, f.catalogue, f.hip_flexed(60.0f), relaxed, reused);
    EXPECT_EQ(reused.paths.length_m, flexed.paths.length_m);
    // Posing again with the value's own tightness keeps it.
    reused = tight_flexed;
    scene::pose_body(f.skeleton, f.rig, f.catalogue, anat::rest_pose(f.skeleton), reused.tightness, reused);
    EXPECT_EQ(reused.tightness, tight_flexed.tightness);
}

TEST(PosedBody, MuscleMeshesHoldEachShownMuscleOnceWithItsPickingId) {
    const auto& f = fx();
    const std::size_t n = f.catalogue.muscles.size();
    const auto posed = scene::pose_body(f.skeleton, f.rig, f.catalogue, anat::rest_pose(f.skeleton), std::vector<float>(n, 0.0f));
    scene::MuscleGeometry g;
    scene::Display d;
    scene::muscle_geometry(f.skeleton, f.catalogue, posed, d, g);
    EXPECT_EQ(g.solid_ids.size(), g.solid.vertices.size());
    EXPECT_TRUE(g.ghost.indices.empty());
    const auto all = muscles_in(g.solid_ids);
    EXPECT_EQ(all.size(), n);
    for (std::size_t i = 0; i < n; ++i) EXPECT_TRUE(all.count(scene::muscle_id_base + static_cast<std::uint32_t>(i))) << f.catalogue.muscles[i].id;

    // X-ray with a selected muscle: it alone is solid, and glows; the rest are ghosts.
    d.layers.xray = true;
    d.selection = {scene::Selection::Kind::muscle, "psoas_r"};
    scene::muscle_geometry(f.skeleton, f.catalogue, posed, d, g);  // the same value, refilled
    const auto psoas_id = scene::muscle_id_base + static_cast<std::uint32_t>(f.index("psoas_r"));
    EXPECT_EQ(muscles_in(g.solid_ids), std::set<std::uint32_t>{psoas_id});
    for (auto id : g.solid_ids) EXPECT_TRUE(id & gfx::vertex_flag_highlight);
    EXPECT_EQ(muscles_in(g.ghost_ids).size(), n - 1);

    // The muscle layer off: no muscle geometry at all.
    d = {};
    d.layers.muscles = false;
    scene::muscle_geometry(f.skeleton, f.catalogue, posed, d, g);
    EXPECT_TRUE(g.solid.vertices.empty());
    EXPECT_TRUE(g.ghost.vertices.empty());

    // The mesh follows the paths: a flexed hip moves the right psoas' vertices, not the left's.
    const auto flexed = scene::pose_body(f.skeleton, f.rig, f.catalogue, f.hip_flexed(90.0f), std::vector<float>(n, 0.0f));
    scene::MuscleGeometry a, b;
    scene::muscle_geometry(f.skeleton, f.catalogue, posed, {}, a);
    scene::muscle_geometry(f.skeleton, f.catalogue, flexed, {}, b);
    ASSERT_EQ(a.solid_ids, b.solid_ids);  // the same topology
    float moved_r = 0.0f, moved_l = 0.0f;
    const auto psoas_l_id = scene::muscle_id_base + static_cast<std::uint32_t>(f.index("psoas_l"));
    for (std::size_t v = 0; v < a.solid.vertices.size(); ++v) {
        const float d_m = glm::distance(a.solid.vertices[v].position, b.solid.vertices[v].position);
        if ((a.solid_ids[v] & gfx::vertex_id_mask) == psoas_id) moved_r = std::max(moved_r, d_m);
        if ((a.solid_ids[v] & gfx::vertex_id_mask) == psoas_l_id) moved_l = std::max(moved_l, d_m);
    }
    EXPECT_GT(moved_r, 0.02f);
    EXPECT_LT(moved_l, 1e-4f);
}
