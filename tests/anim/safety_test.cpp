// Safety as data: the conditions file, each clip's precautions, and which clips suit a patient.
#include "anim_fixture.hpp"

#include "anim/safety.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using animtest::library;

namespace {

const anim::StretchInfo& info(const std::string& id) {
    const int i = library().find(id);
    EXPECT_GE(i, 0) << id;
    return library().info(static_cast<std::size_t>(std::max(i, 0)));
}

anim::Suitability judge(const std::string& clip, const std::vector<std::string>& conditions) {
    return anim::suitability(info(clip).precautions, anim::default_safety(), conditions);
}

std::string error_of(const std::string& text) {
    try {
        (void)anim::parse_safety(text, "safety.json");
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Safety, TheConditionsAreTheFixedSet) {
    const anim::Safety& s = anim::default_safety();
    EXPECT_EQ(s.condition_ids(), (std::vector<std::string>{"hip_replacement_posterior", "hip_replacement_anterior", "osteoporosis", "pregnancy",
                                                           "knee", "back_pain_leg_symptoms", "recent_injury_or_surgery"}));
    EXPECT_NE(s.rule.find("tingling"), std::string::npos);
    EXPECT_NE(s.rule.find("numbness"), std::string::npos);
    EXPECT_LE(s.rule_short.size(), 90u);
    EXPECT_GE(s.red_flags.size(), 6u);
    for (const auto& c : s.conditions) EXPECT_FALSE(c.name.empty() || c.description.empty()) << c.id;
}

TEST(Safety, EveryClipSaysHowItStretchesAndHasPrecautions) {
    for (std::size_t i = 0; i < library().size(); ++i) {
        const auto& in = library().info(i);
        EXPECT_FALSE(in.how_it_stretches.empty()) << in.id;
        EXPECT_LE(in.how_it_stretches.size(), 140u) << in.id << ": a one-line caption";
        EXPECT_FALSE(in.precautions.empty()) << in.id;
    }
}

TEST(Safety, ThePrecautionsTheClinicalReviewNamesAreThere) {
    // Posterior-approach hip replacement: no hip flexion past 90 degrees with adduction and
    // internal rotation.
    for (const char* id : {"childs_pose", "seated_forward_fold", "supine_figure_4"}) {
        const auto s = judge(id, {"hip_replacement_posterior"});
        EXPECT_FALSE(s.suitable) << id;
        ASSERT_FALSE(s.because.empty()) << id;
        EXPECT_EQ(s.because[0].action, anim::PrecautionAction::skip) << id;
    }
    // Osteoporosis: no loaded end-range spinal flexion.
    EXPECT_FALSE(judge("standing_toe_touch", {"osteoporosis"}).suitable);
    // Pregnancy after the first trimester: every supine clip says what to do instead.
    int supine = 0;
    for (std::size_t i = 0; i < library().size(); ++i) {
        const auto& in = library().info(i);
        if (in.position != anim::Position::supine) continue;
        ++supine;
        const auto s = anim::suitability(in.precautions, anim::default_safety(), {"pregnancy"});
        EXPECT_FALSE(s.because.empty()) << in.id << " lies on the back with no pregnancy precaution";
    }
    EXPECT_GE(supine, 3);
    // Anterior approach: combined hip extension and external rotation in the lunge and couch.
    for (const char* id : {"half_kneeling_hip_flexor", "couch_stretch"}) EXPECT_FALSE(judge(id, {"hip_replacement_anterior"}).because.empty()) << id;
    // Knee pain: the deep knee bends say how to modify them.
    for (const char* id : {"couch_stretch", "prone_quad", "standing_quad"}) EXPECT_FALSE(judge(id, {"knee"}).because.empty()) << id;
}

TEST(Safety, SuitabilityCombinesTheClipsAndTheGeneralPrecautions) {
    // No conditions: everything suits, nothing to say.
    for (std::size_t i = 0; i < library().size(); ++i) {
        const auto s = anim::suitability(library().info(i).precautions, anim::default_safety(), {});
        EXPECT_TRUE(s.suitable);
        EXPECT_TRUE(s.because.empty());
    }
    // A recent injury: ask first, for every clip.
    for (std::size_t i = 0; i < library().size(); ++i) {
        const auto s = anim::suitability(library().info(i).precautions, anim::default_safety(), {"recent_injury_or_surgery"});
        EXPECT_FALSE(s.suitable) << library().info(i).id;
        ASSERT_EQ(s.because.size(), 1u);
        EXPECT_EQ(s.because[0].action, anim::PrecautionAction::ask);
    }
    // Modify keeps a clip suitable; skip or ask does not.
    const std::vector<anim::Precaution> mod = {{"knee", anim::PrecautionAction::modify, "Pad the knee."}};
    EXPECT_TRUE(anim::suitability(mod, anim::default_safety(), {"knee"}).suitable);
    EXPECT_EQ(anim::suitability(mod, anim::default_safety(), {"knee"}).because.size(), 1u);
    EXPECT_TRUE(anim::suitability(mod, anim::default_safety(), {"osteoporosis"}).because.empty());
}

TEST(Safety, ABrokenFileNamesTheFieldAndWhatIsWrong) {
    EXPECT_NE(error_of("{").find("safety.json"), std::string::npos);
    const std::string e =
        error_of(R"({"format": "anatomy-safety-1", "rule": "", "rule_short": "r", "red_flags": {"intro": "i", "items": [], "source": "s"},
        "conditions": [{"id": "a", "name": "A", "description": "d", "source": "s", "every_stretch": {"action": "avoid", "text": "t"}},
                       {"id": "a", "name": "A", "description": "d", "source": "s", "colour": 1}]})");
    EXPECT_NE(e.find("safety.json: /rule: empty text"), std::string::npos) << e;
    EXPECT_NE(e.find("/red_flags/items: expected at least one red flag"), std::string::npos) << e;
    EXPECT_NE(e.find("/conditions/0/every_stretch/action"), std::string::npos) << e;
    EXPECT_NE(e.find("/conditions/1/id: condition \"a\" is defined twice"), std::string::npos) << e;
    EXPECT_NE(e.find("/conditions/1/colour: unknown field"), std::string::npos) << e;
}
