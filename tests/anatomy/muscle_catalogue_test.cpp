#include "../catalogue_fixture.hpp"
#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_path.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using anat::Coordinates;
using anat::Side;

namespace {

using namespace cataloguetest;  // skeleton(), catalogue(), muscle(), length(), hip_knee()
std::string catalogue_text() { return core::read_file(core::asset_dir() / "muscles" / "muscles.json"); }

const char* hip_flexors[] = {"psoas_r", "iliacus_r", "rectus_femoris_r", "sartorius_r", "tfl_r"};
const char* hamstrings[] = {"biceps_femoris_long_r", "semitendinosus_r", "semimembranosus_r"};

}  // namespace

TEST(MuscleCatalogue, HasEveryRequiredMuscleOnBothSidesInItsGroup) {
    const std::map<std::string, std::string> required = {{"psoas", "hip_flexors"},
                                                         {"iliacus", "hip_flexors"},
                                                         {"rectus_femoris", "quadriceps"},
                                                         {"sartorius", "hip_flexors"},
                                                         {"tfl", "hip_flexors"},
                                                         {"biceps_femoris_long", "hamstrings"},
                                                         {"biceps_femoris_short", "hamstrings"},
                                                         {"semitendinosus", "hamstrings"},
                                                         {"semimembranosus", "hamstrings"},
                                                         {"gluteus_maximus_1", "gluteals"},
                                                         {"gluteus_maximus_2", "gluteals"},
                                                         {"gluteus_maximus_3", "gluteals"},
                                                         {"gluteus_medius_2", "gluteals"},
                                                         {"rectus_abdominis", "abdominals"},
                                                         {"external_oblique", "abdominals"},
                                                         {"internal_oblique", "abdominals"},
                                                         {"erector_spinae", "back_extensors"},
                                                         {"quadratus_lumborum", "lateral_trunk"},
                                                         {"vastus_lateralis", "quadriceps"},
                                                         {"vastus_medialis", "quadriceps"},
                                                         {"vastus_intermedius", "quadriceps"},
                                                         {"adductor_longus", "adductors"},
                                                         {"adductor_magnus", "adductors"},
                                                         {"gracilis", "adductors"},
                                                         {"gastrocnemius_medial", "calf"},
                                                         {"gastrocnemius_lateral", "calf"},
                                                         {"soleus", "calf"}};
    for (const auto& [id, group] : required)
        for (const char* sfx : {"_r", "_l"}) {
            const int i = catalogue().find(id + sfx);
            ASSERT_GE(i, 0) << id << sfx;
            EXPECT_EQ(catalogue().muscles[static_cast<std::size_t>(i)].group, group) << id;
        }
    EXPECT_TRUE(muscle("rectus_femoris_r").in_group("hip_flexors"));
    for (const auto& m : catalogue().muscles) {
        EXPECT_FALSE(m.origin.empty() || m.insertion.empty() || m.action.empty() || m.innervation.empty() || m.note.empty()) << m.id;
        EXPECT_FALSE(m.params.source.empty()) << m.id;
        EXPECT_FALSE(m.end_range.source.empty()) << m.id;
        EXPECT_NE(catalogue().find_group(m.group), nullptr) << m.id;
    }
}

TEST(MuscleCatalogue, NeutralLengthsMatchThePublishedModelScaledToStature) {
    // anatomy-data 1.6, neutral standing (mm, gait2392 at about 1.8 m), scaled to 1.75 m.
    const std::map<std::string, float> published_mm = {{"psoas_r", 261},
                                                       {"iliacus_r", 207},
                                                       {"rectus_femoris_r", 410},
                                                       {"tfl_r", 536},
                                                       {"sartorius_r", 569},
                                                       {"semimembranosus_r", 415},
                                                       {"semitendinosus_r", 463},
                                                       {"biceps_femoris_long_r", 420},
                                                       {"biceps_femoris_short_r", 246},
                                                       {"gluteus_maximus_2_r", 210},
                                                       {"erector_spinae_r", 150}};
    const float scale = skeleton().params.stature_m / 1.8f;
    for (const auto& [id, mm] : published_mm) {
        const float expected = mm * 1e-3f * scale;
        EXPECT_NEAR(muscle(id).neutral_length_m, expected, 0.15f * expected) << id;
    }
}

TEST(MuscleCatalogue, HipFlexionShortensTheHipFlexorsAndLengthensTheHamstrings) {
    const Coordinates flexed = hip_knee(45.0f, 0.0f);
    for (const char* id : hip_flexors) EXPECT_LT(length(id, flexed), muscle(id).neutral_length_m - 0.005f) << id;
    for (const char* id : hamstrings) EXPECT_GT(length(id, flexed), muscle(id).neutral_length_m + 0.01f) << id;
    // Hip extension does the opposite for the one-joint hip flexors.
    for (const char* id : {"psoas_r", "iliacus_r"}) EXPECT_GT(length(id, hip_knee(-15.0f, 0.0f)), muscle(id).neutral_length_m) << id;
}

TEST(MuscleCatalogue, KneeFlexionLengthensRectusFemoris) {
    float previous = muscle("rectus_femoris_r").neutral_length_m;
    for (float knee : {30.0f, 60.0f, 90.0f, 120.0f}) {
        const float l = length("rectus_femoris_r", hip_knee(0.0f, knee));
        EXPECT_GT(l, previous) << knee;
        previous = l;
    }
    // anatomy-data 1.6: about +19 % at 120 degrees of knee flexion.
    EXPECT_NEAR(previous / muscle("rectus_femoris_r").neutral_length_m - 1.0f, 0.192f, 0.04f);
}

TEST(MuscleCatalogue, AnteriorPelvicTiltLengthensTheHamstrings) {
    // Tilt the pelvis 10 degrees forward over femurs that stay vertical (thigh angle = tilt + hip flexion).
    Coordinates c;
    c.pelvis_tilt_deg = -10.0f;
    c.legs[0].hip_flexion_deg = 10.0f;
    c.legs[1].hip_flexion_deg = 10.0f;
    for (const char* id : hamstrings) EXPECT_GT(length(id, c), muscle(id).neutral_length_m + 0.005f) << id;
    for (const char* id : {"psoas_r", "iliacus_r"}) EXPECT_LT(length(id, c), muscle(id).neutral_length_m) << id;
}

TEST(MuscleCatalogue, PublishedLengthChangesForStretchPoses) {
    // anatomy-data 1.6 derived table, % change from neutral; a tolerance of 3 points absorbs our
    // skeleton's proportions.
    struct Row {
        const char* id;
        float hip, knee, percent;
    };
    const Row rows[] = {{"psoas_r", -10, 90, 2.5f},
                        {"iliacus_r", -10, 90, 3.2f},
                        {"rectus_femoris_r", -10, 90, 17.8f},
                        {"semimembranosus_r", 70, 0, 16.0f},
                        {"semitendinosus_r", 70, 0, 17.5f},
                        {"biceps_femoris_long_r", 70, 0, 17.9f},
                        {"gluteus_maximus_2_r", 70, 0, 25.0f},
                        {"rectus_femoris_r", 0, 120, 19.2f}};
    for (const auto& r : rows) {
        const float change = 100.0f * (length(r.id, hip_knee(r.hip, r.knee)) / muscle(r.id).neutral_length_m - 1.0f);
        EXPECT_NEAR(change, r.percent, 3.0f) << r.id << " at hip " << r.hip << ", knee " << r.knee;
    }
}

TEST(MuscleCatalogue, LeftAndRightAreMirrorImages) {
    for (const auto& m : catalogue().muscles) {
        if (m.side != Side::right) continue;
        const anat::Muscle& l = muscle(m.base_id + "_l");
        EXPECT_NEAR(m.neutral_length_m, l.neutral_length_m, 1e-5f) << m.id;
        EXPECT_NEAR(m.end_length_m, l.end_length_m, 1e-5f) << m.id;
        // The same pose on the left leg stretches the left muscle the same.
        EXPECT_NEAR(length(m.id, hip_knee(40, 30, Side::right)), length(l.id, hip_knee(40, 30, Side::left)), 1e-5f) << m.id;
    }
}

TEST(MuscleCatalogue, BrokenFilesNameTheFileTheMuscleAndTheField) {
    std::string text = catalogue_text();
    const auto at = text.find("\"f_max_n\": 1113");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 15, "\"f_max_n\": \"strong\"");
    const auto problems = anat::validate_muscle_catalogue(text, "muscles.json", skeleton());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("muscles.json: /muscles/0 (psoas)/params/f_max_n"), std::string::npos) << problems[0];
    EXPECT_THROW(anat::load_muscle_catalogue(text, "muscles.json", skeleton()), core::Error);

    std::string bad_joint = catalogue_text();
    const auto j = bad_joint.find("\"joint\": \"l4_l5\"");
    ASSERT_NE(j, std::string::npos);
    bad_joint.replace(j, 16, "\"joint\": \"l9_l9\"");
    const auto p2 = anat::validate_muscle_catalogue(bad_joint, "muscles.json", skeleton());
    ASSERT_FALSE(p2.empty());
    EXPECT_NE(p2[0].find("(psoas)/path/0/joint"), std::string::npos) << p2[0];

    const auto p3 = anat::validate_muscle_catalogue("{\"format\": ", "muscles.json", skeleton());
    ASSERT_EQ(p3.size(), 1u);
    EXPECT_NE(p3[0].find("muscles.json:1:"), std::string::npos);
}

// Wrap surfaces and references: an unknown surface, a bad radius and a point range beyond the
// path each name the file, the muscle or surface, and the field.
TEST(MuscleCatalogue, BrokenWrapDataNamesTheFileAndTheField) {
    const auto replaced = [](const std::string& from, const std::string& to) {
        std::string text = catalogue_text();
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        return anat::validate_muscle_catalogue(text, "muscles.json", skeleton());
    };
    const auto has = [](const std::vector<std::string>& problems, const std::string& place, const std::string& what) {
        for (const auto& p : problems)
            if (p.find(place) != std::string::npos && p.find(what) != std::string::npos) return true;
        return false;
    };
    const auto unknown = replaced("\"surface\": \"fibular_head\"", "\"surface\": \"fibula_tip\"");
    ASSERT_EQ(unknown.size(), 1u);
    EXPECT_TRUE(has(unknown, "muscles.json: /muscles/", "(gastrocnemius_lateral)/wrap/0/surface")) << unknown[0];
    EXPECT_TRUE(has(unknown, "fibula_tip", "unknown wrap surface")) << unknown[0];

    const auto radius = replaced("\"radius_m\": 0.012", "\"radius_m\": -0.01");
    ASSERT_EQ(radius.size(), 1u);
    EXPECT_TRUE(has(radius, "muscles.json: /wrap_surfaces/", "(fibular_head)/radius_m")) << radius[0];

    const auto range = replaced("\"surface\": \"fibular_head\"", "\"surface\": \"fibular_head\", \"points\": [0, 5]");
    ASSERT_FALSE(range.empty());
    EXPECT_TRUE(has(range, "muscles.json: /muscles/", "(gastrocnemius_lateral)/wrap/0/points")) << range[0];
    const auto reversed = replaced("\"surface\": \"fibular_head\"", "\"surface\": \"fibular_head\", \"points\": [2, 1]");
    ASSERT_EQ(reversed.size(), 1u);
    EXPECT_TRUE(has(reversed, "(gastrocnemius_lateral)/wrap/0/points", "first below last")) << reversed[0];

    const auto no_axis = replaced("\"axis\": [\n    0,\n    0,\n    1\n   ]", "\"axis\": [0, 0, 0]");
    ASSERT_EQ(no_axis.size(), 1u);
    EXPECT_TRUE(has(no_axis, "/wrap_surfaces/0 (femoral_condyles)/axis", "must not be zero")) << no_axis[0];
    EXPECT_THROW(anat::load_muscle_catalogue(catalogue_text().replace(catalogue_text().find("\"radius_m\": 0.012"), 18, "\"radius_m\": 9"),
                                             "muscles.json", skeleton()),
                 core::Error);
}

TEST(MuscleCatalogue, AttachmentLandmarksNameEveryOriginAndInsertion) {
    anat::Skeleton s = skeleton();
    anat::add_attachment_landmarks(s, catalogue());
    for (const auto& m : catalogue().muscles) {
        const std::string sfx = m.side == Side::right ? "_r" : "_l";
        const int o = s.find_landmark(m.base_id + "_origin" + sfx), i = s.find_landmark(m.base_id + "_insertion" + sfx);
        ASSERT_GE(o, 0) << m.id;
        ASSERT_GE(i, 0) << m.id;
        EXPECT_FALSE(s.landmarks[static_cast<std::size_t>(o)].bone.empty()) << m.id;
        // At rest the landmark is the path's first point.
        const auto world = anat::forward_kinematics(s, anat::rest_pose(s));
        std::vector<glm::vec3> pts;
        anat::muscle_path(m, world, anat::path_coordinates(anat::RigIndex(s), anat::rest_pose(s)), pts);
        EXPECT_LT(glm::distance(pts.front(), s.landmark_rest_world(o)), 1e-5f) << m.id;
    }
}

// Sliding points: the hamstrings' tibial points keep gait2392's places through its knee range
// (lengths identical to the same points held fixed up to 105 degrees), reach their deep-flexion
// places at 130, and the length changes smoothly in between (no jump a stretch's colour would show).
// (Their points that slide with hip flexion, round the ischial tuberosity, are held still at 30
// degrees of hip flexion, where this test bends the knee: the next test covers them.)
TEST(MuscleCatalogue, SlidingPointsKeepThePublishedPlaceInRangeAndMoveSmoothlyBeyond) {
    for (const char* id : {"semimembranosus_r", "semitendinosus_r", "biceps_femoris_long_r", "biceps_femoris_short_r"}) {
        const anat::Muscle& m = muscle(id);
        anat::Muscle held = m;
        int sliding = 0;
        for (auto& p : held.path)
            if (p.kind == anat::PathPoint::Kind::sliding && p.coordinate == anat::PathCoordinate::knee_angle) {
                p.kind = anat::PathPoint::Kind::fixed;
                ++sliding;
                EXPECT_GT(glm::distance(p.position, p.slide_to), 0.005f) << id << ": the slide goes somewhere";
            }
        EXPECT_EQ(sliding, 1) << id;
        for (float knee : {0.0f, 45.0f, 90.0f, 105.0f})
            EXPECT_FLOAT_EQ(anat::muscle_length(m, skeleton(), hip_knee(30, knee)), anat::muscle_length(held, skeleton(), hip_knee(30, knee)))
                << id << " at " << knee << " degrees of knee flexion";
        EXPECT_NE(anat::muscle_length(m, skeleton(), hip_knee(30, 130)), anat::muscle_length(held, skeleton(), hip_knee(30, 130))) << id;
        float previous = anat::muscle_length(m, skeleton(), hip_knee(30, 100));
        for (float knee = 100.5f; knee <= 140.0f; knee += 0.5f) {
            const float l = anat::muscle_length(m, skeleton(), hip_knee(30, knee));
            EXPECT_LT(std::abs(l - previous), 0.002f) << id << ": length jumps at " << knee << " degrees";
            previous = l;
        }
    }
    // The mirror side slides the same way.
    EXPECT_NEAR(length("semimembranosus_l", hip_knee(30, 130, Side::left)), length("semimembranosus_r", hip_knee(30, 130)), 1e-4f);
}

// The via point this app adds below the gracilis' origin (it slides round the front of the pubic
// body as the hip flexes) lies on the published straight line standing: there the length is the
// published path's; it changes smoothly through the slide; and it lengthens the muscle in deep
// flexion by no more than the wrap round the bone would (under 2 % of its length).
TEST(MuscleCatalogue, HipFlexionViaPointLiesOnThePublishedLineStandingAndSlidesSmoothly) {
    for (const char* id : {"gracilis_r", "gracilis_l"}) {
        const anat::Muscle& m = muscle(id);
        anat::Muscle published = m;
        int added = 0;
        std::erase_if(published.path, [&](const anat::PathPoint& p) {
            const bool hip = p.kind == anat::PathPoint::Kind::sliding && p.coordinate == anat::PathCoordinate::hip_flexion;
            added += hip ? 1 : 0;
            return hip;
        });
        ASSERT_EQ(added, 1) << id;
        const Side side = m.side;
        const float standing = anat::muscle_length(m, skeleton(), hip_knee(0, 0, side));
        EXPECT_NEAR(standing, anat::muscle_length(published, skeleton(), hip_knee(0, 0, side)), 1e-4f) << id << " standing";
        float previous = standing;
        for (float hip = 0.5f; hip <= 120.0f; hip += 0.5f) {
            const float l = anat::muscle_length(m, skeleton(), hip_knee(hip, 0, side));
            EXPECT_LT(std::abs(l - previous), 0.003f) << id << ": length jumps at " << hip << " degrees of hip flexion";
            previous = l;
        }
        const float deep = anat::muscle_length(m, skeleton(), hip_knee(110, 0, side));
        const float straight = anat::muscle_length(published, skeleton(), hip_knee(110, 0, side));
        EXPECT_GE(deep, straight - 1e-4f) << id;
        EXPECT_LT(deep, 1.02f * straight) << id;
    }
}

TEST(MuscleCatalogue, BrokenSlidesNameTheFileTheMuscleAndTheField) {
    const std::string from = "\"from_deg\": -105.0,\n      \"to_deg\": -130.0,";
    const auto replaced = [&](const std::string& to) {
        std::string text = catalogue_text();
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos);
        if (at != std::string::npos) text.replace(at, from.size(), to);
        return anat::validate_muscle_catalogue(text, "muscles.json", skeleton());
    };
    const auto same = replaced("\"from_deg\": -105.0,\n      \"to_deg\": -105.0,");
    ASSERT_EQ(same.size(), 1u);
    EXPECT_NE(same[0].find("(biceps_femoris_long)/path/1/slide"), std::string::npos) << same[0];
    EXPECT_NE(same[0].find("must differ"), std::string::npos) << same[0];
    const auto across = replaced("\"from_deg\": -10.0,\n      \"to_deg\": 20.0,");
    ASSERT_EQ(across.size(), 1u);
    EXPECT_NE(across[0].find("one side of the default pose"), std::string::npos) << across[0];
    const auto backwards = replaced("\"from_deg\": -130.0,\n      \"to_deg\": -105.0,");
    ASSERT_EQ(backwards.size(), 1u);
    EXPECT_NE(backwards[0].find("nearer the default pose"), std::string::npos) << backwards[0];
    const auto unknown = replaced("\"from_deg\": -105.0,\n      \"until_deg\": -130.0,");
    ASSERT_FALSE(unknown.empty());
    EXPECT_NE(unknown[0].find("(biceps_femoris_long)/path/1/slide"), std::string::npos) << unknown[0];
}

TEST(MuscleCatalogue, PostureGroupsAreDataAndNameOnlyKnownMuscles) {
    // The posture settings' muscles come from the catalogue (not code): the short head of biceps
    // femoris (it does not cross the hip) and quadratus lumborum (a lateral flexor) are left out.
    const auto* ham = catalogue().find_posture_group("hamstrings");
    ASSERT_NE(ham, nullptr);
    EXPECT_EQ(std::count(ham->muscles.begin(), ham->muscles.end(), "biceps_femoris_short"), 0);
    const auto* back = catalogue().find_posture_group("back_extensors");
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->muscles, std::vector<std::string>{"erector_spinae"});
    for (const char* id : {"hip_flexors", "rectus_femoris", "glutes", "abdominals"}) EXPECT_NE(catalogue().find_posture_group(id), nullptr) << id;
    std::string text = core::read_file(core::asset_dir() / "muscles" / "muscles.json");
    const std::string from = "\"muscles\": [\"erector_spinae\"]";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(), "\"muscles\": [\"erector_spinae_typo\"]");
    const auto problems = anat::validate_muscle_catalogue(text, "m.json", anat::build_default_skeleton());
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("/posture_groups/3/muscles/0: unknown muscle \"erector_spinae_typo\""), std::string::npos) << problems[0];
}

TEST(MuscleCatalogue, EveryGroupSaysWhereItIsInEverydayWords) {
    // Patient mode names a muscle with its group's place ("Psoas major (front of the hip, right)").
    for (const auto& g : catalogue().groups) {
        EXPECT_FALSE(g.plain.empty()) << g.id;
        EXPECT_EQ(g.plain.find('_'), std::string::npos) << g.id << ": an id, not words";
    }
}
