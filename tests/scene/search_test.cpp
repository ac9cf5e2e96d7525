// One search over muscles, groups, bones and stretches: the words users type in the usability
// test ("hamstring", "calf", "pelvis", "back of thigh", "hip flexor") all find what they mean.
#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "scene/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

struct Fixture {
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
    anim::Rig rig = anim::load_default_rig(skeleton);
    anim::Library library = anim::Library::load_default(rig);
    scene::SearchInput input() const {
        scene::SearchInput in;
        in.catalogue = &catalogue;
        in.bones = {"hip_bone_r", "hip_bone_l", "sacrum", "coccyx", "femur_r", "femur_l", "vertebra_l4", "tibia_r"};
        in.stretches = &library;
        in.synonyms = &scene::default_synonyms();
        return in;
    }
};
const Fixture& fx() {
    static const Fixture f;
    return f;
}

bool has(const std::vector<scene::SearchHit>& hits, scene::SearchHit::Kind kind, const std::string& id) {
    return std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.kind == kind && h.id == id; });
}
using K = scene::SearchHit::Kind;

}  // namespace

TEST(Search, EverydayWordsFindWhatTheyMean) {
    const auto in = fx().input();
    for (const char* q : {"hamstring", "Hamstrings", "back of thigh"}) {
        const auto hits = scene::search(in, q);
        EXPECT_TRUE(has(hits, K::group, "hamstrings")) << q;
        EXPECT_TRUE(has(hits, K::muscle, "semitendinosus_r")) << q;
        EXPECT_TRUE(has(hits, K::stretch, "supine_hamstring_strap")) << q;
    }
    EXPECT_TRUE(has(scene::search(in, "calf"), K::muscle, "soleus_l"));
    const auto pelvis = scene::search(in, "pelvis");
    EXPECT_TRUE(has(pelvis, K::bone, "hip_bone_r"));
    EXPECT_TRUE(has(pelvis, K::bone, "sacrum"));
    EXPECT_TRUE(has(scene::search(in, "thigh bone"), K::bone, "femur_l"));
}

TEST(Search, AStretchIsFoundByTheMusclesItTargets) {
    // Every stretch that targets a hip flexor, not only the one with "hip flexor" in its name.
    const auto hits = scene::search(fx().input(), "hip flexor");
    int found = 0;
    for (std::size_t i = 0; i < fx().library.size(); ++i) {
        const auto& s = fx().library.info(i);
        const bool targets = std::any_of(s.targets.begin(), s.targets.end(), [&](const std::string& t) {
            const int m = fx().catalogue.find(t);
            return m >= 0 && fx().catalogue.muscles[static_cast<std::size_t>(m)].in_group("hip_flexors");
        });
        if (!targets) continue;
        ++found;
        EXPECT_TRUE(has(hits, K::stretch, s.id)) << s.id;
    }
    EXPECT_GE(found, 3);
    EXPECT_TRUE(has(scene::search(fx().input(), "iliacus"), K::stretch, "half_kneeling_hip_flexor"));
}

TEST(Search, NothingFoundSaysWhatTheModelCovers) {
    const auto in = fx().input();
    EXPECT_TRUE(scene::search(in, "deltoid").empty());
    EXPECT_TRUE(scene::search(in, "   ").empty());
    const std::string hint = scene::search_coverage(in);
    EXPECT_NE(hint.find("muscles a side"), std::string::npos) << hint;
    EXPECT_NE(hint.find("Hamstrings"), std::string::npos) << hint;
    EXPECT_NE(hint.find("stretches"), std::string::npos) << hint;
}

TEST(Search, TheSynonymFileIsValidatedWithPlaces) {
    EXPECT_FALSE(scene::default_synonyms().empty());
    try {
        (void)scene::parse_synonyms(R"({"format": "anatomy-synonyms-1", "terms": [{"words": [], "means": ["thing:x"]}]})", "s.json");
        FAIL() << "accepted a bad file";
    } catch (const core::Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("s.json: /terms/0/means/0: expected group:ID"), std::string::npos) << m;
        EXPECT_NE(m.find("/terms/0/words: expected at least one word"), std::string::npos) << m;
    }
}
