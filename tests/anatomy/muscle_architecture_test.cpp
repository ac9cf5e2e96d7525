// Shapes by architecture (issue 20, item 1): a strap muscle (sartorius, gracilis, rectus
// abdominis) keeps nearly its width from end to end where a spindle tapers; rectus abdominis
// shows its tendinous intersections as pale bands across the belly at the places the catalogue
// gives; both hold their volume; the catalogue's checks report a wrong architecture.
#include "../catalogue_fixture.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "core/files.hpp"

#include <cmath>

using namespace cataloguetest;

namespace {

struct Rings {
    std::vector<float> at;      // each ring's place along the line (its texture coordinate)
    std::vector<float> radius;  // the ring's mean distance from its centre
    std::vector<glm::u8vec4> color;
    double volume_cm3 = 0.0;
};

// Muscle `id` alone at neutral standing, ring by ring.
Rings rings_of(const std::string& id) {
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
    muscle_mesh_in(
        {}, [&](const anat::Muscle& m, std::size_t, anat::MuscleStyle& s) { s.visible = m.id == id; }, mesh, ids);
    const int sides = anat::MuscleMeshSettings{}.sides;
    const std::size_t stride = static_cast<std::size_t>(sides + 1);
    Rings r;
    r.volume_cm3 = std::abs(mesh.enclosed_volume()) * 1e6;
    // The rings, then one centre vertex per end.
    for (std::size_t first = 0; first + stride <= mesh.vertices.size() - 2; first += stride) {
        glm::vec3 c{0.0f};
        for (int j = 0; j < sides; ++j) c += mesh.vertices[first + static_cast<std::size_t>(j)].position;
        c /= static_cast<float>(sides);
        float mean = 0.0f;
        for (int j = 0; j < sides; ++j) mean += glm::distance(mesh.vertices[first + static_cast<std::size_t>(j)].position, c);
        r.at.push_back(mesh.vertices[first].uv.y);
        r.radius.push_back(mean / static_cast<float>(sides));
        r.color.push_back(mesh.vertices[first].color);
    }
    return r;
}

// The radius at the ring nearest `at`, over the widest.
float relative_radius(const Rings& r, float at) {
    std::size_t best = 0;
    for (std::size_t k = 0; k < r.at.size(); ++k)
        if (std::abs(r.at[k] - at) < std::abs(r.at[best] - at)) best = k;
    return r.radius[best] / *std::max_element(r.radius.begin(), r.radius.end());
}

}  // namespace

TEST(MuscleArchitecture, TheCatalogueSaysWhichMusclesAreStrapsWithTheirSource) {
    for (const char* id : {"sartorius_r", "gracilis_r", "rectus_abdominis_r"}) {
        EXPECT_EQ(muscle(id).shape.architecture, anat::MuscleShape::Architecture::strap) << id;
        EXPECT_NE(muscle(id).shape.source.find("Gray's Anatomy"), std::string::npos) << id;
    }
    EXPECT_EQ(muscle("psoas_r").shape.architecture, anat::MuscleShape::Architecture::fusiform) << "the default";
    EXPECT_EQ(muscle("rectus_abdominis_l").shape.intersections, (std::vector<float>{0.45f, 0.68f, 0.9f})) << "both sides";
    EXPECT_TRUE(muscle("sartorius_r").shape.intersections.empty());
}

TEST(MuscleArchitecture, AWrongArchitectureOrIntersectionIsReported) {
    EXPECT_NE(catalogue_problems_with("\"architecture\": \"strap\",\n    \"intersections\"", "\"architecture\": \"ribbon\",\n    \"intersections\"")
                  .find("unknown architecture \"ribbon\" (fusiform or strap)"),
              std::string::npos);
    EXPECT_NE(catalogue_problems_with("[0.45, 0.68, 0.9]", "[0.45, 0.3]").find("at least 0.04 of the length apart"), std::string::npos);
    EXPECT_NE(catalogue_problems_with("[0.45, 0.68, 0.9]", "[0.45, 1.2]").find("/intersections/1"), std::string::npos);
    const std::string strap_source = "\"architecture\": \"strap\",\n    \"source\": ";
    EXPECT_NE(catalogue_problems_with(strap_source, "\"architecture\": \"strap\",\n    \"note\": ").find("need a \"source\""), std::string::npos);
}

TEST(MuscleArchitecture, AStrapKeepsItsWidthWhereASpindleTapers) {
    // A quarter of the way along (past its tendon), a strap is nearly as wide as at its widest; a
    // spindle (rectus femoris) is much narrower a fifth of the way.
    for (const char* strap : {"sartorius_r", "gracilis_r"}) {
        const Rings r = rings_of(strap);
        EXPECT_GT(relative_radius(r, 0.25f), 0.8f) << strap;
        EXPECT_GT(relative_radius(r, 0.75f), 0.8f) << strap;
        EXPECT_NEAR(r.volume_cm3, muscle(strap).volume_cm3, 0.01 * muscle(strap).volume_cm3) << strap << ": sized as drawn";
        EXPECT_NEAR(r.volume_cm3, muscle(strap).reference_volume_cm3, 0.2 * muscle(strap).reference_volume_cm3) << strap;
    }
    const Rings spindle = rings_of("rectus_femoris_r");
    EXPECT_LT(relative_radius(spindle, 0.2f), 0.75f) << "the spindle tapers";
}

TEST(MuscleArchitecture, RectusAbdominisShowsItsTendinousIntersectionsAsPaleBands) {
    const Rings r = rings_of("rectus_abdominis_r");
    auto redness = [](glm::u8vec4 c) { return static_cast<int>(c.r) - static_cast<int>(c.g); };  // the tendon is near grey
    for (const float f : muscle("rectus_abdominis_r").shape.intersections) {
        std::size_t k = 0;
        while (k < r.at.size() && std::abs(r.at[k] - f) > 1e-4f) ++k;
        ASSERT_LT(k, r.at.size()) << "a ring at the intersection " << f;
        ASSERT_GT(k, 0u);
        ASSERT_LT(k + 1, r.at.size());
        // Pale at the band, the muscle's red just beside it (about 1 % of the length away).
        EXPECT_LT(redness(r.color[k]), 40) << f;
        EXPECT_GT(redness(r.color[k - 1]), 100) << f;
        EXPECT_GT(redness(r.color[k + 1]), 100) << f;
        EXPECT_LE(r.at[k + 1] - r.at[k], 0.0125f) << "a narrow band";
        EXPECT_LE(r.at[k] - r.at[k - 1], 0.0125f);
        EXPECT_LT(r.radius[k], r.radius[k - 1]) << "pinched a little at the band";
    }
    EXPECT_NEAR(r.volume_cm3, muscle("rectus_abdominis_r").volume_cm3, 0.01 * muscle("rectus_abdominis_r").volume_cm3);
}
