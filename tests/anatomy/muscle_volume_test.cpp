// Muscles drawn with the volume of living muscle (issue 20, item 3): each lower-limb belly's
// mesh at neutral standing holds its MRI volume (Handsfield 2014) for the skeleton's stature and
// body mass within 20 %, measured from the mesh itself; the reference follows the regression; a
// belly keeps its volume as it shortens and lengthens; the catalogue's volume data is checked.
#include "../catalogue_fixture.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "core/files.hpp"

#include <cmath>
#include <map>
#include <set>

using namespace cataloguetest;

namespace {

// The volume (cm3) of muscle `id`'s mesh in the pose `c`, built as the viewer builds it.
float mesh_volume_cm3(const anat::MuscleCatalogue& cat, const anat::Skeleton& sk, const std::string& id, const anat::Coordinates& c) {
    const anat::Pose pose = anat::pose_from_coordinates(sk, c);
    const auto world = anat::forward_kinematics(sk, pose);
    anat::MusclePaths paths;
    anat::evaluate_paths(cat, world, anat::path_coordinates(anat::RigIndex(sk), pose), paths);
    std::vector<anat::MuscleStyle> styles(cat.muscles.size());
    for (std::size_t i = 0; i < styles.size(); ++i) styles[i].visible = cat.muscles[i].id == id;
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
    anat::build_muscle_mesh(cat, paths, styles, anat::body_axes(sk, world), {}, mesh, ids);
    return static_cast<float>(std::abs(mesh.enclosed_volume()) * 1e6);
}

bool from_handsfield(const anat::Muscle& m) { return m.volume.regression; }

}  // namespace

TEST(MuscleVolume, AClosedMeshsVolumeIsMeasuredFromItsTriangles) {
    const core::MeshData box = core::make_box({0.1f, 0.2f, 0.3f});
    EXPECT_NEAR(box.enclosed_volume(), 0.2 * 0.4 * 0.6, 1e-6);
    const core::MeshData ball = core::make_uv_sphere(0.1f, 64, 32);
    EXPECT_NEAR(ball.enclosed_volume(), 4.0 / 3.0 * core::pi * 0.001, 0.02 * 4.0 / 3.0 * core::pi * 0.001);
}

TEST(MuscleVolume, EveryLowerLimbBellyHoldsItsLivingVolumeAtNeutralStanding) {
    const auto& cat = catalogue();
    // The lines that span only part of their muscle (the published model's vasti start halfway
    // down the femur; gluteus medius's front and back lines and adductor magnus are short): a
    // spindle on them cannot hold the whole volume, so they are drawn as round as a belly may be
    // and hold less, until origins become areas on the bone (issue 20, item 1).
    const std::set<std::string> line_limited{"gluteus_medius_1", "gluteus_medius_3", "vastus_lateralis", "vastus_medialis", "adductor_magnus"};
    int checked = 0, limited = 0;
    for (const auto& m : cat.muscles) {
        if (!from_handsfield(m)) continue;
        ++checked;
        const float v = mesh_volume_cm3(cat, skeleton(), m.id, {});
        EXPECT_NEAR(m.volume_cm3, v, 0.01f * v) << m.id << ": the catalogue reports its mesh's volume";
        if (line_limited.count(m.base_id)) {
            ++limited;
            EXPECT_LT(v, m.reference_volume_cm3) << m.id;
            EXPECT_GT(v, 0.35f * m.reference_volume_cm3) << m.id;
            EXPECT_NEAR(m.radius_m, anat::max_belly_radius_per_length * m.neutral_length_m, 1e-4f) << m.id << " is as round as a belly may be";
            continue;
        }
        EXPECT_NEAR(v, m.reference_volume_cm3, 0.2f * m.reference_volume_cm3) << m.id;
    }
    EXPECT_EQ(checked, 2 * 24) << "the 24 lower-limb lines of each side come from the study";
    EXPECT_EQ(limited, 2 * 5);
    // The trunk muscles the study lacks: cross-section times fibre length, and said so.
    const anat::Muscle& es = muscle("erector_spinae_r");
    EXPECT_FALSE(from_handsfield(es));
    EXPECT_NEAR(es.reference_volume_cm3, es.params.f_max_n / cat.specific_tension_n_per_m2 * es.params.l_opt_m * 1e6f, 1.0f);
    EXPECT_NE(es.volume.source.find("cross-section"), std::string::npos) << es.volume.source;
}

TEST(MuscleVolume, TheReferenceFollowsTheRegressionForStatureAndBodyMass) {
    // anatomy-data 1.7 at 1.75 m and 72 kg (V_total 7207 cm3).
    const std::map<std::string, float> table{{"vastus_lateralis_r", 845.0f}, {"soleus_r", 444.0f},   {"psoas_r", 279.0f},
                                             {"rectus_femoris_r", 272.0f},   {"gracilis_r", 106.0f}, {"adductor_magnus_r", 567.0f}};
    for (const auto& [id, v] : table) EXPECT_NEAR(muscle(id).reference_volume_cm3, v, 1.5f) << id;
    float glut_max = 0.0f;
    for (const char* id : {"gluteus_maximus_1_r", "gluteus_maximus_2_r", "gluteus_maximus_3_r"}) glut_max += muscle(id).reference_volume_cm3;
    EXPECT_NEAR(glut_max, 861.0f, 2.0f) << "the lines share the whole muscle's volume";

    // A heavier body of the same stature: V_total = 47 h m + 1285.
    anat::SkeletonParams heavy;
    heavy.body_mass_kg = 90.0f;
    const anat::Skeleton sk = anat::build_default_skeleton(heavy);
    const anat::MuscleCatalogue cat = anat::load_default_muscle_catalogue(sk);
    const float v_total = 47.0f * 1.75f * 90.0f + 1285.0f;
    const auto& vl = cat.muscles[static_cast<std::size_t>(cat.find("vastus_lateralis_r"))];
    EXPECT_NEAR(vl.reference_volume_cm3, 0.125f * v_total - 55.7f, 1.0f);
    const auto& rf = cat.muscles[static_cast<std::size_t>(cat.find("rectus_femoris_r"))];
    EXPECT_NEAR(rf.reference_volume_cm3, 0.0371f * v_total + 4.97f, 1.0f);
    EXPECT_NEAR(mesh_volume_cm3(cat, sk, "rectus_femoris_r", {}), rf.reference_volume_cm3, 0.2f * rf.reference_volume_cm3);
    EXPECT_GT(rf.radius_m, muscle("rectus_femoris_r").radius_m) << "a heavier body's belly is thicker";
}

TEST(MuscleVolume, ABellyKeepsItsVolumeAsItShortensAndLengthens) {
    const auto& cat = catalogue();
    for (const char* id : {"rectus_femoris_r", "semimembranosus_r", "psoas_r", "gluteus_maximus_2_r"}) {
        const float neutral = mesh_volume_cm3(cat, skeleton(), id, {});
        for (auto [hip, knee] : {std::pair{60.0f, 0.0f}, {-10.0f, 90.0f}, {90.0f, 90.0f}}) {
            const float v = mesh_volume_cm3(cat, skeleton(), id, hip_knee(hip, knee));
            EXPECT_NEAR(v, neutral, 0.2f * neutral) << id << " at hip " << hip << ", knee " << knee;
        }
    }
}

TEST(MuscleVolume, VolumeDataIsCheckedWithItsPlace) {
    const std::string text = core::read_file(core::asset_dir() / "muscles" / "muscles.json");
    std::string no_source = text;
    const auto at = no_source.find("\"source\": \"Handsfield");
    ASSERT_NE(at, std::string::npos);
    no_source.replace(at, 22, "\"sauce\": \"Handsfield");
    auto problems = anat::validate_muscle_catalogue(no_source, "muscles.json", skeleton());
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("(psoas)/volume"), std::string::npos) << problems[0];

    std::string old_shape = text;
    const auto flatten = old_shape.find("\"flatten\": ");
    ASSERT_NE(flatten, std::string::npos);
    old_shape.insert(flatten, "\"radius_scale\": 1.2, ");
    problems = anat::validate_muscle_catalogue(old_shape, "muscles.json", skeleton());
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("radius_scale"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("volume"), std::string::npos) << "says what replaced it: " << problems[0];
}
