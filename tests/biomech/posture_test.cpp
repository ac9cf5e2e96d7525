#include "anatomy/skeleton_builder.hpp"
#include "biomech/posture.hpp"
#include "biomech/presets.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

using biomech::PostureGroup;
using biomech::PostureSettings;

namespace {

struct Fixture {
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    biomech::PostureSolver solver{skeleton, catalogue};
};
Fixture& fx() {
    static Fixture f;
    return f;
}
biomech::PostureResult solve(const PostureSettings& s) { return fx().solver.solve(s); }
PostureSettings with(PostureGroup g, float v) {
    PostureSettings s;
    s[g] = v;
    return s;
}

}  // namespace

TEST(Posture, NeutralStandsWithTypicalClinicalTilt) {
    const auto r = solve({});
    EXPECT_TRUE(r.converged);
    EXPECT_NEAR(r.measures.pelvic_tilt_clinical_deg, 13.0f, 5.0f);  // Preece 2008: 13 +/- 5
    EXPECT_NEAR(r.measures.pelvic_incidence_deg, 52.0f, 0.5f);
    EXPECT_GT(r.measures.lumbar_lordosis_deg, 40.0f);
    EXPECT_LT(r.measures.lumbar_lordosis_deg, 65.0f);
}

TEST(Posture, TightHipFlexorsTiltForwardAndDeepenTheCurveMonotonically) {
    float tilt = -1e9f, lordosis = -1e9f;
    for (float t : {0.0f, 20.0f, 40.0f, 60.0f, 80.0f, 100.0f}) {
        const auto r = solve(with(PostureGroup::hip_flexors, t));
        ASSERT_TRUE(r.converged) << t;
        EXPECT_GT(r.measures.pelvic_tilt_clinical_deg, tilt) << t;
        EXPECT_GT(r.measures.lumbar_lordosis_deg, lordosis) << t;
        tilt = r.measures.pelvic_tilt_clinical_deg;
        lordosis = r.measures.lumbar_lordosis_deg;
    }
    EXPECT_GT(tilt, solve({}).measures.pelvic_tilt_clinical_deg + 5.0f);  // a visible effect at full tightness
}

TEST(Posture, TightHamstringsTiltBackAndFlattenTheCurve) {
    const auto n = solve({});
    const auto h = solve(with(PostureGroup::hamstrings, 100.0f));
    ASSERT_TRUE(h.converged);
    EXPECT_LT(h.measures.pelvic_tilt_clinical_deg, n.measures.pelvic_tilt_clinical_deg - 1.0f);
    EXPECT_GT(h.measures.pelvic_tilt_deg, n.measures.pelvic_tilt_deg + 1.0f);  // radiographic PT rises with retroversion
    EXPECT_LT(h.measures.lumbar_lordosis_deg, n.measures.lumbar_lordosis_deg - 1.0f);
}

TEST(Posture, WeakAbdominalsLetTightHipFlexorsTiltFurther) {
    PostureSettings tight = with(PostureGroup::hip_flexors, 80.0f);
    PostureSettings weak = tight;
    weak[PostureGroup::abdominals] = 0.0f;
    EXPECT_GT(solve(weak).measures.pelvic_tilt_clinical_deg, solve(tight).measures.pelvic_tilt_clinical_deg + 0.3f);
}

TEST(Posture, EverySliderCombinationStaysInRangeWithoutNaN) {
    const float levels[] = {0.0f, 50.0f, 100.0f};
    int count = 0;
    for (float a : levels)
        for (float b : levels)
            for (float c : levels)
                for (float d : levels)
                    for (float e : levels)
                        for (float f : levels) {
                            PostureSettings s;
                            s.group = {a, b, c, d, e, f};
                            const auto r = solve(s);
                            const float tilt = r.measures.pelvic_tilt_clinical_deg;
                            ASSERT_TRUE(std::isfinite(tilt) && std::isfinite(r.measures.lumbar_lordosis_deg));
                            EXPECT_GE(tilt, -10.0f);
                            EXPECT_LE(tilt, 35.0f);
                            EXPECT_TRUE(r.converged) << a << " " << b << " " << c << " " << d << " " << e << " " << f;
                            ++count;
                        }
    EXPECT_EQ(count, 729);
}

TEST(Posture, PelvicIncidenceEqualsTiltPlusSlope) {
    for (const auto& s : {PostureSettings{}, with(PostureGroup::hip_flexors, 100.0f), with(PostureGroup::hamstrings, 100.0f)}) {
        const auto m = solve(s).measures;
        EXPECT_NEAR(m.pelvic_incidence_deg, m.pelvic_tilt_deg + m.sacral_slope_deg, 0.1f);
        EXPECT_NEAR(m.pelvic_incidence_deg, fx().skeleton.params.pelvic_incidence_deg, 0.5f);
    }
}

TEST(Posture, FeetStayPlanted) {
    const auto& S = fx().skeleton;
    for (const auto& s : {with(PostureGroup::hip_flexors, 100.0f), with(PostureGroup::hamstrings, 100.0f)}) {
        const auto r = solve(s);
        const auto world = anat::forward_kinematics(S, r.pose);
        for (const char* lm : {"heel_r", "heel_l", "first_metatarsal_head_r", "toe_tip_l"}) {
            const int l = S.find_landmark(lm);
            const auto& L = S.landmarks[static_cast<std::size_t>(l)];
            EXPECT_LT(glm::distance(world[static_cast<std::size_t>(L.joint)].apply(L.position), S.landmark_rest_world(l)), 0.005f) << lm;
        }
    }
}

TEST(Posture, ResultsAreDeterministicAndWarmStartsAgree) {
    const PostureSettings s = with(PostureGroup::back_extensors, 70.0f);
    const auto a = solve(s), b = solve(s);
    EXPECT_EQ(a.measures.pelvic_tilt_clinical_deg, b.measures.pelvic_tilt_clinical_deg);
    EXPECT_EQ(a.measures.lumbar_lordosis_deg, b.measures.lumbar_lordosis_deg);
    const auto warm = fx().solver.solve(s, &a);
    EXPECT_NEAR(warm.measures.pelvic_tilt_clinical_deg, a.measures.pelvic_tilt_clinical_deg, 0.2f);
    EXPECT_LE(warm.iterations, 2);
}

TEST(Posture, ReadingsUsePlainWordsWithoutDiagnosis) {
    // Flagged only beyond about 2 SD (13 +/- 5 deg): a third of normal pelves lie beyond 1 SD.
    EXPECT_EQ(std::string(biomech::read_clinical_tilt(13.0f).words).rfind("within the typical range", 0), 0u);
    EXPECT_EQ(biomech::read_clinical_tilt(21.0f).level, 0);
    EXPECT_EQ(biomech::read_clinical_tilt(4.0f).level, 0);
    EXPECT_EQ(biomech::read_clinical_tilt(24.0f).level, 1);
    EXPECT_EQ(biomech::read_clinical_tilt(-2.0f).level, -1);
    for (float t : {-10.0f, 0.0f, 13.0f, 30.0f}) EXPECT_EQ(std::string(biomech::read_clinical_tilt(t).words).find("fault"), std::string::npos);
}

TEST(Presets, AllLoadAndMoveThePelvisTheWayTheyDescribe) {
    const auto presets = biomech::load_default_presets();
    for (const char* id : {"neutral", "tight_hip_flexors", "tight_hamstrings", "lower_crossed", "flat_back", "sway_back"})
        ASSERT_NE(biomech::find_preset(presets, id), nullptr) << id;
    const float neutral = solve(biomech::find_preset(presets, "neutral")->settings).measures.pelvic_tilt_clinical_deg;
    EXPECT_GT(solve(biomech::find_preset(presets, "lower_crossed")->settings).measures.pelvic_tilt_clinical_deg, neutral + 3.0f);
    EXPECT_LT(solve(biomech::find_preset(presets, "flat_back")->settings).measures.pelvic_tilt_clinical_deg, neutral - 1.0f);
}

TEST(Presets, EveryTextSaysItIsTheModelAndTheCaveatIsShownWithEachPreset) {
    for (const auto& p : biomech::load_default_presets()) {
        EXPECT_NE(p.description.find("this model"), std::string::npos) << p.id << ": " << p.description;
        EXPECT_FALSE(p.caveat.empty()) << p.id;
    }
}

TEST(Posture, TheHypotheticalLengtheningIsLabelledAndTheMeasuredEffectIsAboutOneDegree) {
    const PostureSettings tight = with(PostureGroup::hip_flexors, 80.0f);
    // 10 % longer undoes 10 / 25 of full tightness: 80 -> 40; a strength group is left alone.
    EXPECT_FLOAT_EQ(biomech::hypothetically_lengthened(tight, "hip_flexors", 10.0f)[PostureGroup::hip_flexors], 40.0f);
    EXPECT_EQ(biomech::hypothetically_lengthened(tight, "glutes", 10.0f), tight);
    EXPECT_EQ(biomech::hypothetical_title("hip_flexors", 10.0f), "Hypothetical: hip flexors resting 10 % longer");
    const float p = biomech::percent_for_tilt_change(fx().solver, tight, "hip_flexors", -biomech::measured_stretching_tilt_change_deg);
    EXPECT_GT(p, 0.0f);
    EXPECT_LT(p, 25.0f);
    const float before = solve(tight).measures.pelvic_tilt_clinical_deg;
    const float after = solve(biomech::hypothetically_lengthened(tight, "hip_flexors", p)).measures.pelvic_tilt_clinical_deg;
    EXPECT_NEAR(after - before, -biomech::measured_stretching_tilt_change_deg, 0.1f);
}

TEST(Presets, BrokenFilesNameTheFileAndTheField) {
    try {
        biomech::load_presets(R"({"format": "anatomy-presets-1", "presets": [{"id": "x", "name": "X", "description": "d",
                                   "groups": {"hip_flexors": 140, "calves": 3}}]})",
                              "presets.json");
        FAIL();
    } catch (const core::Error& e) {
        const std::string w = e.what();
        EXPECT_NE(w.find("presets.json: /presets/0 (x)/groups/hip_flexors"), std::string::npos) << w;
        EXPECT_NE(w.find("unknown group \"calves\""), std::string::npos) << w;
    }
    EXPECT_THROW(biomech::load_presets("{", "presets.json"), core::Error);
}
