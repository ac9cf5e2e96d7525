// A body built for a patient's pelvic incidence (the viewer's "Give the model this pelvis"): made
// on a worker thread, uploaded on the GL thread, swapped into the world; the posture stands on it.
#include "gl_fixture.hpp"

#include "biomech/measures.hpp"
#include "scene/posture_state.hpp"
#include "scene/world.hpp"

#include <future>

class PatientBodyGl : public GlTest {};

TEST_F(PatientBodyGl, ABodyBuiltForAnotherIncidenceMeasuresItAndReplacesTheOld) {
    scene::World world;
    const float before = biomech::measure(world.body().skeleton(), world.body().pose(), world.body().world_from_bone()).pelvic_incidence_deg;
    EXPECT_NEAR(before, 52.0f, 0.5f);
    anat::SkeletonParams params = world.body().skeleton().params;
    params.pelvic_incidence_deg = 70.0f;
    // Off the GL thread, as the viewer does it; the pelvis alone keeps the test quick.
    auto job = std::async(std::launch::async, [params] { return scene::Body::make_parts(params, {"hip_bone_r", "hip_bone_l", "sacrum"}); });
    std::vector<std::string> warnings;
    auto body = scene::Body::from_parts(job.get(), warnings);
    ASSERT_TRUE(body);
    EXPECT_GE(body->bones().find_bone("hip_bone_r"), 0) << "the generated bones, not the rig view";
    world.replace_body(std::move(body));
    scene::PostureState posture(world.body().skeleton(), world.body().catalogue());
    world.body().set_pose(posture.displayed_pose());
    const auto m = biomech::measure(world.body().skeleton(), world.body().pose(), world.body().world_from_bone());
    EXPECT_NEAR(m.pelvic_incidence_deg, 70.0f, 0.5f);
    EXPECT_NEAR(m.pelvic_tilt_deg + m.sacral_slope_deg, 70.0f, 0.5f);
    // It draws.
    gfx::FrameDesc frame;
    world.build_frame(frame);
    EXPECT_FALSE(frame.items.empty());
}
