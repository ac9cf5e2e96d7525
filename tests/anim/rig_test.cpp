// The rig: DOF table, signs of clinical angles, angle <-> pose round trips, mirroring, contact points.
#include "anim_fixture.hpp"

#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

#include <random>

using animtest::rig;

namespace {

glm::vec3 joint_world(const anat::Pose& pose, const char* joint) {
    const auto w = anat::forward_kinematics(rig().skeleton, pose);
    return w[static_cast<std::size_t>(rig().skeleton.find_joint(joint))].translation;
}

anat::Pose pose_with(std::initializer_list<std::tuple<const char*, const char*, float>> values) {
    std::vector<float> a = rig().rest_angles();
    for (const auto& [g, d, v] : values) {
        const int i = rig().angle_index(g, d);
        EXPECT_GE(i, 0) << g << " " << d;
        a[static_cast<std::size_t>(i)] = core::deg_to_rad(v);
    }
    anat::Pose p = anat::rest_pose(rig().skeleton);
    rig().apply_angles(a, p);
    return p;
}

}  // namespace

TEST(Rig, EveryGroupHasThreeDofsAndLeftMirrorsRight) {
    for (const char* g : {"pelvis",     "lumbar",  "thoracic", "neck",  "head",   "hip_r",   "knee_r", "ankle_r",    "mtp_r",   "sternoclavicular_r",
                          "shoulder_r", "elbow_r", "wrist_r",  "hip_l", "knee_l", "ankle_l", "mtp_l",  "shoulder_l", "elbow_l", "wrist_l"})
        EXPECT_GE(rig().find_group(g), 0) << g;
    for (const auto& g : rig().groups) {
        const auto& m = rig().groups[static_cast<std::size_t>(g.mirror)];
        for (std::size_t k = 0; k < 3; ++k) {
            EXPECT_EQ(g.dofs[k].name, m.dofs[k].name);
            const glm::vec3 a = g.dofs[k].axis, b = m.dofs[k].axis;
            if (g.sided) {
                EXPECT_EQ(b, glm::vec3(a.x, -a.y, -a.z)) << g.name << " " << g.dofs[k].name;
            }
            EXPECT_FLOAT_EQ(g.dofs[k].min_rad, m.dofs[k].min_rad);
            EXPECT_FLOAT_EQ(g.dofs[k].max_rad, m.dofs[k].max_rad);
            EXPECT_FALSE(g.dofs[k].source.empty());
        }
    }
    const auto& lumbar = rig().groups[static_cast<std::size_t>(rig().find_group("lumbar"))];
    ASSERT_EQ(lumbar.shares.size(), 5u);
    // Motion is shared about evenly, rising a little caudally (White & Panjabi: 12-17 deg a level).
    EXPECT_FLOAT_EQ(lumbar.shares[0], 0.230f);
    EXPECT_FLOAT_EQ(lumbar.shares[4], 0.162f);
    for (std::size_t i = 0; i + 1 < 5; ++i) EXPECT_GT(lumbar.shares[i], lumbar.shares[i + 1]) << "L5-S1 first, L1-L2 last";
}

TEST(Rig, SignsFollowClinicalDefinitions) {
    const anat::Pose rest = anat::rest_pose(rig().skeleton);
    for (const char* s : {"_r", "_l"}) {
        const std::string side = s;
        const float out = side == "_r" ? -1.0f : 1.0f;  // lateral is -x on the right
        const auto knee = "knee" + side, ankle = "ankle" + side, mtp = "mtp" + side, wrist = "wrist" + side;
        // Hip flexion brings the knee forward; abduction takes it out; internal rotation turns the
        // bent knee's foot outward... measured on the knee and ankle.
        EXPECT_GT(joint_world(pose_with({{("hip" + side).c_str(), "flexion", 30}}), knee.c_str()).z, 0.1f);
        EXPECT_GT(out * joint_world(pose_with({{("hip" + side).c_str(), "abduction", 30}}), knee.c_str()).x, 0.15f);
        const anat::Pose ir = pose_with({{("knee" + side).c_str(), "flexion", 90}, {("hip" + side).c_str(), "internal_rotation", 30}});
        EXPECT_GT(out * (joint_world(ir, ankle.c_str()).x - joint_world(ir, knee.c_str()).x), 0.1f);  // the shin swings out
        EXPECT_LT(joint_world(pose_with({{knee.c_str(), "flexion", 90}}), ankle.c_str()).z, -0.3f);   // heel goes back
        EXPECT_GT(joint_world(pose_with({{ankle.c_str(), "dorsiflexion", 20}}), mtp.c_str()).y, joint_world(rest, mtp.c_str()).y + 0.03f);
        EXPECT_GT(joint_world(pose_with({{("shoulder" + side).c_str(), "flexion", 90}}), wrist.c_str()).z, 0.4f);
        EXPECT_GT(out * joint_world(pose_with({{("shoulder" + side).c_str(), "abduction", 90}}), wrist.c_str()).x, 0.5f);
        EXPECT_GT(joint_world(pose_with({{("elbow" + side).c_str(), "flexion", 90}}), wrist.c_str()).z, 0.2f);
    }
    // Spine: flexion brings the head forward, lateral bending and rotation go to the right (-x).
    EXPECT_GT(joint_world(pose_with({{"lumbar", "flexion", 30}}), "c0_c1").z, 0.15f);
    EXPECT_LT(joint_world(pose_with({{"lumbar", "lateral_bending", 20}}), "c0_c1").x, -0.1f);
    const anat::Pose rot = pose_with({{"thoracic", "rotation", 30}});
    EXPECT_GT(joint_world(rot, "shoulder_l").z, joint_world(rest, "shoulder_l").z + 0.05f);  // turned right: left shoulder forward
    // Pelvis: anterior tilt lowers the ASIS relative to the PSIS by the tilt angle.
    auto asis_psis_deg = [](const anat::Pose& p) {
        const auto w = anat::forward_kinematics(rig().skeleton, p);
        auto at = [&](const char* name) {
            const auto& l = rig().skeleton.landmarks[static_cast<std::size_t>(rig().skeleton.find_landmark(name))];
            return w[static_cast<std::size_t>(l.joint)].apply(l.position);
        };
        const glm::vec3 d = at("asis_r") - at("psis_r");
        return animtest::deg(std::atan2(-d.y, d.z));  // + = ASIS below PSIS (anterior tilt)
    };
    EXPECT_NEAR(asis_psis_deg(pose_with({{"pelvis", "anterior_tilt", 10}})) - asis_psis_deg(rest), 10.0f, 0.01f);
    // Supine: anterior tilt -90 lays the body on its back, head toward -z.
    EXPECT_LT(joint_world(pose_with({{"pelvis", "anterior_tilt", -90}}), "c0_c1").z, -0.5f);
}

TEST(Rig, AnglesRoundTripThroughPoses) {
    std::mt19937 rng(7);
    std::vector<float> a(rig().angle_count()), back(rig().angle_count());
    for (int trial = 0; trial < 200; ++trial) {
        for (std::size_t g = 0; g < rig().groups.size(); ++g) {
            for (std::size_t k = 0; k < 3; ++k) {
                const auto& d = rig().groups[g].dofs[k];
                // Stay clear of gimbal lock on the middle DOF (+-90 deg) and of +-180 wrap.
                float lo = d.min_rad, hi = d.max_rad;
                if (k == 1) {
                    lo = std::max(lo, core::deg_to_rad(-80.0f));
                    hi = std::min(hi, core::deg_to_rad(80.0f));
                }
                lo = std::max(lo, core::deg_to_rad(-170.0f));
                hi = std::min(hi, core::deg_to_rad(170.0f));
                a[g * 3 + k] = d.locked ? 0.0f : std::uniform_real_distribution<float>(lo, hi)(rng);
            }
        }
        anat::Pose p = anat::rest_pose(rig().skeleton);
        rig().apply_angles(a, p);
        rig().measure_angles(p, back);
        for (std::size_t i = 0; i < a.size(); ++i)
            ASSERT_NEAR(back[i], a[i], 1e-3f) << rig().groups[i / 3].name << " " << rig().groups[i / 3].dofs[i % 3].name;
    }
}

TEST(Rig, KneeRollsBackWithFlexion) {
    const anat::Pose p = pose_with({{"knee_r", "flexion", 120}});
    const auto k = static_cast<std::size_t>(rig().skeleton.find_joint("knee_r"));
    ASSERT_EQ(p.translation.size(), rig().skeleton.joints.size());
    EXPECT_GT(glm::length(p.translation[k]), 0.005f);  // gait2392 moves the tibia origin by centimetres
    const glm::vec3 expected = rig().skeleton.knee.translation(core::deg_to_rad(-120.0f));
    EXPECT_LT(glm::distance(p.translation[k], expected), 1e-6f);
    // Past gait2392's range (120 deg) the roll-back is held, not extrapolated.
    const anat::Pose deep = pose_with({{"knee_r", "flexion", 145}});
    EXPECT_LT(glm::distance(deep.translation[k], expected), 1e-6f);
}

TEST(Rig, MirroredPoseIsTheMirrorImage) {
    const anat::Pose p = pose_with({{"hip_r", "flexion", 40},
                                    {"hip_r", "abduction", 10},
                                    {"knee_r", "flexion", 60},
                                    {"lumbar", "rotation", 10},
                                    {"lumbar", "lateral_bending", 8},
                                    {"pelvis", "list", 5},
                                    {"shoulder_l", "abduction", 50}});
    const anat::Pose m = rig().mirror_pose(p);
    const auto wp = anat::forward_kinematics(rig().skeleton, p), wm = anat::forward_kinematics(rig().skeleton, m);
    for (std::size_t j = 0; j < wp.size(); ++j) {
        const glm::vec3 a = wp[j].translation, b = wm[static_cast<std::size_t>(rig().mirror_joint[j])].translation;
        EXPECT_NEAR(b.x, -a.x, 1e-5f) << rig().skeleton.joints[j].name;
        EXPECT_NEAR(b.y, a.y, 1e-5f);
        EXPECT_NEAR(b.z, a.z, 1e-5f);
    }
    // Mirroring the angles gives the same pose as mirroring the pose.
    std::vector<float> a(rig().angle_count()), ma(rig().angle_count());
    rig().measure_angles(p, a);
    rig().mirror_angles(a, ma);
    anat::Pose from_angles = anat::rest_pose(rig().skeleton);
    rig().apply_angles(ma, from_angles);
    for (std::size_t j = 1; j < m.local.size(); ++j) EXPECT_GT(std::abs(glm::dot(m.local[j], from_angles.local[j])), 1.0f - 1e-6f);
    EXPECT_NEAR(animtest::angle_deg(m, "hip_l", "flexion"), 40.0f, 1e-3f);
    EXPECT_NEAR(animtest::angle_deg(m, "lumbar", "rotation"), -10.0f, 1e-3f);
}

TEST(Rig, SolesAreOnTheFloorAtRestAndPointsMirror) {
    const auto w = anat::forward_kinematics(rig().skeleton, anat::rest_pose(rig().skeleton));
    for (const char* p : {"heel_r", "ball_r", "toe_tip_r", "heel_l", "ball_l", "toe_tip_l"})
        EXPECT_NEAR(rig().point_world(rig().find_point(p), w).y, 0.0f, 1e-5f) << p;
    EXPECT_NEAR(anim::lowest_point_y(rig(), w), 0.0f, 1e-5f);
    for (std::size_t i = 0; i < rig().points.size(); ++i) {
        const auto& p = rig().points[i];
        ASSERT_GE(p.mirror, 0) << p.name;
        const glm::vec3 a = rig().point_world(static_cast<int>(i), w), b = rig().point_world(p.mirror, w);
        EXPECT_NEAR(b.x, -a.x, 1e-5f) << p.name;
        EXPECT_NEAR(b.y, a.y, 1e-5f) << p.name;
    }
    // Chains decide how the solver moves each point.
    EXPECT_EQ(rig().points[static_cast<std::size_t>(rig().find_point("sacrum"))].chain, anim::Chain::trunk);
    EXPECT_EQ(rig().points[static_cast<std::size_t>(rig().find_point("occiput"))].chain, anim::Chain::head);
    EXPECT_FALSE(rig().points[static_cast<std::size_t>(rig().find_point("knee_r"))].end);
    EXPECT_TRUE(rig().points[static_cast<std::size_t>(rig().find_point("toe_tip_l"))].end);
}

TEST(Rig, BadLimitsFileNamesTheFileAndField) {
    const std::string points = core::read_file(core::asset_dir() / "anim" / "contact_points.json");
    std::string limits = core::read_file(core::asset_dir() / "anim" / "joint_limits.json");
    const auto at = limits.find("\"min_deg\": -30, \"max_deg\": 125");
    ASSERT_NE(at, std::string::npos);
    limits.replace(at, 14, "\"min_deg\": \"x\"");
    try {
        (void)anim::build_rig(rig().skeleton, limits, "limits.json", points, "points.json");
        FAIL() << "expected an error";
    } catch (const core::Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("limits.json: /groups/5/dofs/0/min_deg: expected a number"), std::string::npos) << m;
    }
}
