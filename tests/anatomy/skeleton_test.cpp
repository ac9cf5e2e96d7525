#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

#include <glm/gtx/quaternion.hpp>

using anat::Skeleton;

namespace {

const Skeleton& skeleton() {
    static const Skeleton s = anat::build_default_skeleton();
    return s;
}

glm::vec3 joint_world(const Skeleton& s, const char* name) {
    const int j = s.find_joint(name);
    EXPECT_GE(j, 0) << name;
    return s.joints[static_cast<std::size_t>(std::max(j, 0))].rest_world;
}

glm::vec3 landmark(const Skeleton& s, const std::string& name) {
    const int l = s.find_landmark(name);
    EXPECT_GE(l, 0) << name;
    return s.landmark_rest_world(std::max(l, 0));
}

// Pelvic incidence measured the radiographic way from landmarks: the angle between the
// perpendicular to the S1 endplate at its midpoint and the line to the femoral-head axis.
float measured_pi_deg(const Skeleton& s) {
    const glm::vec3 a = landmark(s, "s1_endplate_anterior"), p = landmark(s, "s1_endplate_posterior");
    const glm::vec3 mid = (a + p) * 0.5f;
    const glm::vec3 along = glm::normalize(a - p);
    const glm::vec3 normal_down{0.0f, -along.z, along.y};  // perpendicular in the sagittal plane, pointing caudally
    const glm::vec3 hips = (landmark(s, "femoral_head_center_r") + landmark(s, "femoral_head_center_l")) * 0.5f;
    const glm::vec3 to_hips = glm::normalize(glm::vec3(0.0f, hips.y - mid.y, hips.z - mid.z));
    return core::rad_to_deg(std::acos(std::clamp(glm::dot(glm::normalize(normal_down), to_hips), -1.0f, 1.0f)));
}

}  // namespace

TEST(Skeleton, HasEveryRequiredJointWithParentsFirst) {
    const Skeleton& s = skeleton();
    for (const char* name : {"pelvis",     "l5_s1",
                             "l4_l5",      "l3_l4",
                             "l2_l3",      "l1_l2",
                             "t12_l1",     "c7_t1",
                             "c0_c1",      "hip_r",
                             "knee_r",     "ankle_r",
                             "mtp_r",      "hip_l",
                             "knee_l",     "ankle_l",
                             "mtp_l",      "sternoclavicular_r",
                             "shoulder_r", "elbow_r",
                             "wrist_r",    "sternoclavicular_l",
                             "shoulder_l", "elbow_l",
                             "wrist_l"})
        EXPECT_GE(s.find_joint(name), 0) << name;
    EXPECT_EQ(s.joints[0].name, "pelvis");
    EXPECT_EQ(s.joints[0].parent, -1);
    for (std::size_t i = 1; i < s.joints.size(); ++i) EXPECT_LT(s.joints[i].parent, static_cast<int>(i)) << s.joints[i].name;
    // The lumbar levels chain upward from the pelvis.
    EXPECT_EQ(s.joints[static_cast<std::size_t>(s.find_joint("l4_l5"))].parent, s.find_joint("l5_s1"));
    EXPECT_EQ(s.joints[static_cast<std::size_t>(s.find_joint("t12_l1"))].parent, s.find_joint("l1_l2"));
}

TEST(Skeleton, SegmentLengthsFollowTheProportionTable) {
    const Skeleton& s = skeleton();
    const float H = s.params.stature_m;
    auto length = [&](const char* a, const char* b) { return glm::distance(joint_world(s, a), joint_world(s, b)); };
    for (const char* side : {"_r", "_l"}) {
        const std::string sd = side;
        EXPECT_NEAR(length(("hip" + sd).c_str(), ("knee" + sd).c_str()), 0.245f * H, 0.03f * 0.245f * H);
        EXPECT_NEAR(length(("knee" + sd).c_str(), ("ankle" + sd).c_str()), 0.246f * H, 0.03f * 0.246f * H);
        EXPECT_NEAR(length(("shoulder" + sd).c_str(), ("elbow" + sd).c_str()), 0.186f * H, 0.03f * 0.186f * H);
        EXPECT_NEAR(length(("elbow" + sd).c_str(), ("wrist" + sd).c_str()), 0.146f * H, 0.03f * 0.146f * H);
    }
    EXPECT_NEAR(joint_world(s, "ankle_r").y, 0.039f * H, 0.002f);
    EXPECT_NEAR(landmark(s, "vertex").y + 0.006f, H, 0.005f);  // plus the scalp
    const float foot = glm::distance(landmark(s, "heel_r"), landmark(s, "toe_tip_r"));
    EXPECT_NEAR(foot, 0.152f * H, 0.06f * 0.152f * H);  // bone is a little shorter than the foot
}

TEST(Skeleton, PelvicIncidenceFromLandmarksEqualsTheParameter) {
    for (float pi : {35.0f, 52.0f, 70.0f}) {
        const Skeleton s = anat::build_default_skeleton({1.75f, pi});
        EXPECT_NEAR(measured_pi_deg(s), pi, 0.5f) << "PI " << pi;
    }
}

TEST(Skeleton, RestAlignmentIsWithinPublishedNorms) {
    const Skeleton& s = skeleton();
    EXPECT_NEAR(s.rest_pelvic_tilt_deg, 11.5f, 1.0f);  // Le Huec PT for PI 52
    // Clinical ASIS-PSIS tilt at rest: 13 +/- 5 (Preece 2008).
    const glm::vec3 asis = landmark(s, "asis_r"), psis = landmark(s, "psis_r");
    const float clinical = core::rad_to_deg(std::atan2(psis.y - asis.y, asis.z - psis.z));
    EXPECT_NEAR(clinical, 13.0f, 5.0f);
    // Sagittal balance: the C7 plumb line falls within 4 cm of the posterior corner of S1 (SVA).
    const glm::vec3 c7 = landmark(s, "c7_spinous_process");
    const auto& v = s.vertebrae[17];
    ASSERT_EQ(v.name, "C7");
    const float sva = (v.inferior_center.z + v.superior_center.z) * 0.5f - landmark(s, "s1_endplate_posterior").z;
    EXPECT_GT(sva, -0.01f);
    EXPECT_LT(sva, 0.04f);
    EXPECT_LT(c7.z, v.inferior_center.z);  // spinous process behind the body
    // The head sits over the hips.
    EXPECT_NEAR(joint_world(s, "c0_c1").z, joint_world(s, "hip_r").z, 0.04f);
}

TEST(Skeleton, LeftAndRightMirrorEachOther) {
    const Skeleton& s = skeleton();
    for (const auto& j : s.joints) {
        if (j.name.size() < 2 || j.name.substr(j.name.size() - 2) != "_r") continue;
        const std::string other = j.name.substr(0, j.name.size() - 2) + "_l";
        const glm::vec3 l = joint_world(s, other.c_str());
        EXPECT_NEAR(l.x, -j.rest_world.x, 1e-5f) << j.name;
        EXPECT_NEAR(l.y, j.rest_world.y, 1e-5f) << j.name;
        EXPECT_NEAR(l.z, j.rest_world.z, 1e-5f) << j.name;
    }
    for (std::size_t i = 0; i < s.landmarks.size(); ++i) {
        const std::string& n = s.landmarks[i].name;
        if (n.size() < 2 || n.substr(n.size() - 2) != "_r") continue;
        const glm::vec3 r = s.landmark_rest_world(static_cast<int>(i));
        const glm::vec3 l = landmark(s, n.substr(0, n.size() - 2) + "_l");
        EXPECT_NEAR(l.x, -r.x, 1e-5f) << n;
        EXPECT_NEAR(glm::distance(glm::vec2(l.y, l.z), glm::vec2(r.y, r.z)), 0.0f, 1e-5f) << n;
    }
}

TEST(Skeleton, VertebraeGrowCaudallyAndLordosisMatchesItsRestValue) {
    const Skeleton& s = skeleton();
    ASSERT_EQ(s.vertebrae.size(), 24u);
    EXPECT_GT(s.vertebrae[0].width_m, s.vertebrae[4].width_m);   // L5 wider than L1
    EXPECT_GT(s.vertebrae[4].width_m, s.vertebrae[16].width_m);  // L1 wider than T1
    // L1-S1 lordosis: angle between the L1 superior endplate and the S1 endplate.
    const glm::vec3 l1 = s.vertebrae[4].superior_normal;
    const float ll = core::rad_to_deg(std::acos(glm::dot(l1, s.s1_normal)));
    EXPECT_NEAR(ll, s.rest_lumbar_lordosis_deg, 0.1f);
    EXPECT_NEAR(ll, 0.54f * 52.0f + 27.6f, 0.1f);
}

TEST(Skeleton, StatureScalesTheRig) {
    const Skeleton tall = anat::build_default_skeleton({1.95f, 52.0f});
    EXPECT_NEAR(landmark(tall, "vertex").y + 0.006f * 1.95f / 1.75f, 1.95f, 0.006f);
    EXPECT_NEAR(joint_world(tall, "hip_r").y - joint_world(tall, "knee_r").y, 0.245f * 1.95f, 0.002f);
    EXPECT_THROW(anat::build_default_skeleton({3.0f, 52.0f}), core::Error);
    EXPECT_THROW(anat::build_default_skeleton({1.75f, 10.0f}), core::Error);
}

TEST(Skeleton, BadDataNamesTheFileAndField) {
    const std::string text = core::read_file(core::asset_dir() / "skeleton" / "skeleton.json");
    std::string broken = text;
    const auto at = broken.find("\"thigh\": 0.245");
    ASSERT_NE(at, std::string::npos);
    broken.replace(at, 14, "\"thigh\": \"long\"");
    try {
        anat::build_skeleton(broken, "skeleton.json", {});
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("skeleton.json: /proportions_of_stature/thigh"), std::string::npos) << e.what();
    }
}

TEST(Skeleton, HowBonesAreDrawnIsDataInTheSkeletonFile) {
    const Skeleton& s = skeleton();
    for (const char* arm : {"humerus_r", "radius_l", "ulna_r", "carpals_l", "metacarpal_3_r", "finger_2_distal_l"})
        EXPECT_TRUE(s.display.is_arm_bone(arm)) << arm;
    for (const char* other : {"femur_r", "scapula_l", "clavicle_r", "hip_bone_r", "skull"}) EXPECT_FALSE(s.display.is_arm_bone(other)) << other;
    for (const char* fine : {"c0_c1", "wrist_r", "ankle_l", "mtp_r"}) EXPECT_TRUE(s.display.keeps_fine_detail(fine)) << fine;
    for (const char* coarse : {"hip_r", "knee_l", "l4_l5", "shoulder_r"}) EXPECT_FALSE(s.display.keeps_fine_detail(coarse)) << coarse;
    // Without it the file is incomplete, and says so.
    std::string text = core::read_file(core::asset_dir() / "skeleton" / "skeleton.json");
    const auto at = text.find("\"fine_detail_joints\"");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 20, "\"fine_detail_joint\"");
    try {
        anat::build_skeleton(text, "skeleton.json", {});
        FAIL() << "a display without fine_detail_joints loads";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("skeleton.json: /display"), std::string::npos) << e.what();
    }
}

TEST(ForwardKinematics, RestPoseReproducesRestPositionsAndRotationsPropagate) {
    const Skeleton& s = skeleton();
    anat::Pose pose = anat::rest_pose(s);
    auto world = anat::forward_kinematics(s, pose);
    for (std::size_t i = 0; i < s.joints.size(); ++i)
        EXPECT_LT(glm::distance(world[i].translation, s.joints[i].rest_world), 1e-5f) << s.joints[i].name;
    // Flexing the right hip 90 degrees (OpenSim's sign convention) swings the knee forward.
    const int hip = s.find_joint("hip_r"), knee = s.find_joint("knee_r");
    pose.local[static_cast<std::size_t>(hip)] = anat::sagittal_rotation(core::deg_to_rad(90.0f));
    world = anat::forward_kinematics(s, pose);
    const glm::vec3 k = world[static_cast<std::size_t>(knee)].translation, h = world[static_cast<std::size_t>(hip)].translation;
    EXPECT_NEAR(k.y, h.y, 0.01f);
    EXPECT_GT(k.z - h.z, 0.4f);
    // Knee flexion (negative knee angle) takes the ankle backward.
    pose = anat::rest_pose(s);
    pose.local[static_cast<std::size_t>(knee)] = anat::sagittal_rotation(core::deg_to_rad(-90.0f));
    world = anat::forward_kinematics(s, pose);
    EXPECT_LT(world[static_cast<std::size_t>(s.find_joint("ankle_r"))].translation.z - world[static_cast<std::size_t>(knee)].translation.z, -0.4f);
    // Posterior pelvic tilt (positive) lifts the front of the pelvis: the ASIS-PSIS line's anterior
    // tilt drops by the same angle.
    pose = anat::rest_pose(s);
    pose.root_rotation = anat::sagittal_rotation(core::deg_to_rad(10.0f));
    world = anat::forward_kinematics(s, pose);
    auto tilt = [&](const glm::vec3& asis, const glm::vec3& psis) { return core::rad_to_deg(std::atan2(psis.y - asis.y, asis.z - psis.z)); };
    const auto& asis = s.landmarks[static_cast<std::size_t>(s.find_landmark("asis_r"))];
    const auto& psis = s.landmarks[static_cast<std::size_t>(s.find_landmark("psis_r"))];
    EXPECT_NEAR(tilt(world[0].apply(asis.position), world[0].apply(psis.position)), tilt(landmark(s, "asis_r"), landmark(s, "psis_r")) - 10.0f,
                0.01f);
}
