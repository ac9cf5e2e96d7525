// Clip files: every clip in assets/stretches loads and validates; broken clips are reported with
// the file, the JSON path and the field.
#include "anim_fixture.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using animtest::library;
using animtest::rig;

namespace {

// A small valid clip; tests break one thing at a time.
const char* const good_clip = R"({
  "format": "anatomy-stretch-1",
  "id": "tiny", "name": "Tiny", "group": "hamstrings", "position": "standing", "side": "right",
  "targets": ["semimembranosus_r"], "secondary": [], "difficulty": 1, "hold_s": 2,
  "reps": {"min": 2, "max": 4}, "dosage": "d", "evidence": "e",
  "steps": ["stand", "bend", "hold", "back"], "cues": ["c"], "mistakes": ["m"], "sources": ["s"],
  "props": [{"id": "step", "type": "step", "position_m": [0, 0, 0.5], "size_m": [0.4, 0.3, 0.3]}],
  "keyframes": [
    {"t_s": 0, "phase": "setup", "step": 0, "contacts": {"heel_l": "floor", "ball_l": "floor", "heel_r": "floor", "ball_r": "floor"}},
    {"t_s": 1, "phase": "move", "step": 1, "angles": {"hip_r": {"flexion": 20}}, "contacts": {"heel_l": "floor", "ball_l": "floor"}},
    {"t_s": 2, "phase": "hold", "step": 2, "angles": {"lumbar": {"flexion": 10}}, "contacts": {"heel_l": "floor", "ball_l": "floor"}},
    {"t_s": 4, "phase": "return", "step": 3, "contacts": {"heel_l": "floor", "ball_l": "floor"}},
    {"t_s": 5, "phase": "return", "angles": {"hip_r": {"flexion": 0}, "lumbar": {"flexion": 0}},
     "contacts": {"heel_l": "floor", "ball_l": "floor", "heel_r": "floor", "ball_r": "floor"}}
  ]
})";

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

// The error text of parsing `text` as file "bad/tiny.json", or "" if it parses.
std::string error_of(const std::string& text) {
    try {
        anim::ClipOptions o;
        o.expected_id = "tiny";
        (void)anim::parse_clip(rig(), text, "bad/tiny.json", o);
    } catch (const core::Error& e) {
        return e.what();
    }
    return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(Clip, TheSmallExampleIsValid) {
    EXPECT_EQ(error_of(good_clip), "");
    const anim::Clip c = anim::parse_clip(rig(), good_clip, "tiny.json");
    ASSERT_EQ(c.keys.size(), 5u);
    EXPECT_EQ(c.keys[3].phase, anim::Phase::returning);
    EXPECT_EQ(c.surfaces.size(), 2u);          // floor + step
    EXPECT_EQ(c.find_surface("step_top"), 1);  // the box's top under its alias
    // Angles carry over from the keyframe before: lumbar flexion set at key 2 stays at key 3.
    EXPECT_NEAR(animtest::angle_deg(c.keys[3].pose, "lumbar", "flexion"), 10.0f, 1e-3f);
    EXPECT_NEAR(animtest::angle_deg(c.keys[3].pose, "hip_r", "flexion"), 20.0f, 1e-3f);
    // Contacts that continue keep the anchor where they first touched.
    EXPECT_EQ(c.keys[1].anchors[0], c.keys[0].anchors[0]);
}

TEST(Clip, BrokenClipsNameTheFileThePathAndTheField) {
    struct Case {
        std::string from, to, expect;
    };
    const Case cases[] = {
        {"\"name\": \"Tiny\", ", "", "bad/tiny.json: /: missing required field \"name\""},
        {"\"hold_s\": 2", "\"hold_s\": \"long\"", "bad/tiny.json: /hold_s: expected a number, found text"},
        {"\"difficulty\": 1", "\"difficulty\": 4", "bad/tiny.json: /difficulty: value 4 is outside the allowed range [1, 3]"},
        {"{\"hip_r\": {\"flexion\": 20}}", "{\"hip_x\": {\"flexion\": 20}}", "bad/tiny.json: /keyframes/1/angles/hip_x: unknown joint \"hip_x\""},
        {"{\"hip_r\": {\"flexion\": 20}}", "{\"hip_r\": {\"flex\": 20}}",
         "bad/tiny.json: /keyframes/1/angles/hip_r/flex: unknown motion \"flex\" for hip_r"},
        {"{\"hip_r\": {\"flexion\": 20}}", "{\"hip_r\": {\"flexion\": 140}}",
         "bad/tiny.json: /keyframes/1/angles/hip_r/flexion: value 140 is outside hip_r flexion's range [-30, 125] deg"},
        {"{\"hip_r\": {\"flexion\": 20}}", "{\"knee_r\": {\"rotation\": 5}}",
         "bad/tiny.json: /keyframes/1/angles/knee_r/rotation: knee_r rotation is not a movable degree of freedom"},
        {"[\"semimembranosus_r\"]", "[\"hamstring_r\"]", "bad/tiny.json: /targets/0: unknown muscle id \"hamstring_r\""},
        {"\"phase\": \"move\"", "\"phase\": \"stretch\"", "bad/tiny.json: /keyframes/1/phase: \"stretch\" is not one of: setup, move, hold, return"},
        {"\"t_s\": 1,", "\"t_s\": 2,", "bad/tiny.json: /keyframes/2/t_s: times must increase (2 s follows 2 s)"},
        {"\"t_s\": 4,", "\"t_s\": 5.5,", "bad/tiny.json: /keyframes/4/t_s: times must increase"},
        {"\"t_s\": 4,", "\"t_s\": 3,", "bad/tiny.json: /keyframes/2/phase: this hold lasts 1 s"},
        {"{\"heel_l\": \"floor\", \"ball_l\": \"floor\"}}", "{\"heel_l\": \"ceiling\", \"ball_l\": \"floor\"}}",
         "bad/tiny.json: /keyframes/1/contacts/heel_l: unknown surface \"ceiling\""},
        {"{\"heel_l\": \"floor\", \"ball_l\": \"floor\"}}", "{\"elbow_x\": \"floor\", \"ball_l\": \"floor\"}}",
         "bad/tiny.json: /keyframes/1/contacts/elbow_x: unknown contact point \"elbow_x\""},
        {"\"type\": \"step\"", "\"type\": \"stool\"", "bad/tiny.json: /props/0/type: \"stool\" is not one of: mat, step, table, wall, strap"},
        {"\"cues\": [\"c\"]", "\"cue\": [\"c\"]", "bad/tiny.json: /cue: unknown field \"cue\""},
        {"\"id\": \"tiny\"", "\"id\": \"small\"", "bad/tiny.json: /id: the id \"small\" must match the file name (\"tiny\")"},
        {"\"position\": \"standing\"", "\"position\": \"sideways\"",
         "bad/tiny.json: /position: \"sideways\" is not one of: standing, kneeling, supine, seated, prone"},
        {"\"reps\": {\"min\": 2, \"max\": 4}", "\"reps\": {\"min\": 5, \"max\": 4}", "bad/tiny.json: /reps/max: max is below min"},
    };
    for (const auto& c : cases) {
        const std::string err = error_of(replace(good_clip, c.from, c.to));
        EXPECT_TRUE(has(err, c.expect)) << "expected: " << c.expect << "\ngot: " << err;
    }
    // Syntax errors give a line and column; several problems are all listed.
    EXPECT_TRUE(has(error_of("{\n  \"id\": }"), "bad/tiny.json:2:"));
    const std::string two = error_of(replace(replace(good_clip, "\"difficulty\": 1", "\"difficulty\": 0"), "\"hold_s\": 2", "\"hold_s\": -1"));
    EXPECT_TRUE(has(two, "/difficulty")) << two;
    EXPECT_TRUE(has(two, "/hold_s")) << two;
}

TEST(Clip, EveryClipInTheLibraryLoads) {
    // Loading throws on any problem in any file; the fixture would fail the test.
    const anim::Library& lib = library();
    ASSERT_GE(lib.size(), 12u);
    std::set<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(core::asset_dir() / "stretches"))
        if (e.path().extension() == ".json") files.insert(e.path().stem().string());
    EXPECT_EQ(files.size(), lib.size());
    for (std::size_t i = 0; i < lib.size(); ++i) {
        const auto& info = lib.info(i);
        EXPECT_TRUE(files.count(info.id)) << info.id;
        EXPECT_FALSE(info.name.empty());
        EXPECT_FALSE(info.targets.empty()) << info.id;
        EXPECT_GE(info.steps.size(), 3u) << info.id;
        EXPECT_FALSE(info.cues.empty());
        EXPECT_FALSE(info.mistakes.empty());
        EXPECT_FALSE(info.sources.empty());
        EXPECT_GE(info.difficulty, 1);
        EXPECT_LE(info.difficulty, 3);
        // Dosage from anatomy-data 5.3: static stretches hold 30 s, 2-4 times.
        if (info.group != "lumbar") {
            EXPECT_FLOAT_EQ(info.hold_s, 30.0f) << info.id;
            EXPECT_EQ(info.reps.min, 2) << info.id;
            EXPECT_EQ(info.reps.max, 4) << info.id;
        }
    }
}

TEST(Clip, TheLibraryCoversTheIssuesStretches) {
    const anim::Library& lib = library();
    std::map<std::string, int> per_group;
    for (std::size_t i = 0; i < lib.size(); ++i) ++per_group[lib.info(i).group];
    EXPECT_GE(per_group["hip_flexors"], 5);
    EXPECT_GE(per_group["hamstrings"], 5);
    EXPECT_GE(per_group["gluteals"], 1);
    EXPECT_GE(per_group["lumbar"], 3);
    for (const char* id : {"half_kneeling_hip_flexor", "couch_stretch", "standing_quad", "supine_thomas_stretch", "prone_quad",
                           "supine_hamstring_strap", "standing_hamstring_step", "seated_forward_fold", "active_knee_extension_90_90",
                           "standing_toe_touch", "supine_figure_4", "childs_pose", "cat_cow", "pelvic_tilt_drill"})
        EXPECT_GE(lib.find(id), 0) << id;
    std::set<anim::Position> positions;
    for (std::size_t i = 0; i < lib.size(); ++i) positions.insert(lib.info(i).position);
    EXPECT_EQ(positions.size(), 5u);  // standing, kneeling, supine, seated, prone all used
}

TEST(Clip, MuscleIdsComeFromTheLoadedCatalogue) {
    const anat::MuscleCatalogue cat = anat::load_default_muscle_catalogue(rig().skeleton);
    std::set<std::string> ids;
    for (const auto& m : cat.muscles) ids.insert(m.id);
    for (std::size_t i = 0; i < library().size(); ++i) {
        for (auto side : {anim::Side::right, anim::Side::left}) {
            const auto& info = library().clip(i, side).info;
            for (const auto& m : info.targets) EXPECT_TRUE(ids.count(m)) << info.id << ": " << m;
            for (const auto& m : info.secondary) EXPECT_TRUE(ids.count(m)) << info.id << ": " << m;
        }
    }
    // The vocabulary is whatever catalogue the caller loaded: a muscle only another catalogue has
    // is accepted with that catalogue's ids and refused with the default one.
    const std::string text = replace(good_clip, "\"targets\": [\"semimembranosus_r\"]", "\"targets\": [\"piriformis_r\"]");
    EXPECT_TRUE(has(error_of(text), "unknown muscle id \"piriformis_r\""));
    anim::ClipOptions o;
    o.muscle_ids = {"piriformis_r", "piriformis_l"};
    EXPECT_NO_THROW((void)anim::parse_clip(rig(), text, "tiny.json", o));
}

TEST(Clip, PrecautionsNameKnownConditionsOnce) {
    const std::string with = replace(good_clip, "\"sources\": [\"s\"],",
                                     "\"sources\": [\"s\"], \"how_it_stretches\": \"Hip bent, knee straight.\", "
                                     "\"precautions\": [{\"condition\": \"osteoporosis\", \"action\": \"skip\", \"text\": \"Leave it out.\"}],");
    const anim::Clip c = anim::parse_clip(rig(), with, "tiny.json");
    ASSERT_EQ(c.info.precautions.size(), 1u);
    EXPECT_EQ(c.info.precautions[0].condition, "osteoporosis");
    EXPECT_EQ(c.info.precautions[0].action, anim::PrecautionAction::skip);
    EXPECT_EQ(c.info.how_it_stretches, "Hip bent, knee straight.");
    const std::string unknown = replace(with, "\"condition\": \"osteoporosis\"", "\"condition\": \"bad_knees\"");
    const std::string err = error_of(unknown);
    EXPECT_TRUE(has(err, "/precautions/0/condition: unknown condition \"bad_knees\" (known: hip_replacement_posterior")) << err;
    const std::string twice = replace(with, "\"text\": \"Leave it out.\"}]",
                                      "\"text\": \"Leave it out.\"}, {\"condition\": \"osteoporosis\", \"action\": \"ask\", \"text\": \"x\"}]");
    EXPECT_TRUE(has(error_of(twice), "/precautions/1/condition: a second precaution")) << error_of(twice);
    const std::string bad_action = replace(with, "\"action\": \"skip\"", "\"action\": \"avoid\"");
    EXPECT_TRUE(has(error_of(bad_action), "/precautions/0/action")) << error_of(bad_action);
}

TEST(Clip, MirroringSwapsSidesOfMusclesPointsAndProps) {
    const int i = library().find("supine_hamstring_strap");
    ASSERT_GE(i, 0);
    const anim::Clip& r = library().clip(static_cast<std::size_t>(i), anim::Side::right);
    const anim::Clip& l = library().clip(static_cast<std::size_t>(i), anim::Side::left);
    EXPECT_TRUE(l.mirrored);
    for (std::size_t k = 0; k < r.info.targets.size(); ++k) EXPECT_EQ(l.info.targets[k], anim::mirror_name(r.info.targets[k]));
    for (std::size_t p = 0; p < r.props.size(); ++p) {
        EXPECT_EQ(l.props[p].position_m, anim::mirror_point(r.props[p].position_m));
        for (std::size_t a = 0; a < r.props[p].attach.size(); ++a) EXPECT_EQ(l.props[p].attach[a], anim::mirror_name(r.props[p].attach[a]));
    }
    for (std::size_t k = 0; k < r.keys.size(); ++k)
        for (std::size_t c = 0; c < r.keys[k].contacts.size(); ++c)
            EXPECT_EQ(rig().points[static_cast<std::size_t>(l.keys[k].contacts[c].point)].name,
                      anim::mirror_name(rig().points[static_cast<std::size_t>(r.keys[k].contacts[c].point)].name));
    // A bilateral clip is played as it is on both sides.
    const int both = library().find("seated_forward_fold");
    ASSERT_GE(both, 0);
    EXPECT_FALSE(library().clip(static_cast<std::size_t>(both), anim::Side::left).mirrored);
}
