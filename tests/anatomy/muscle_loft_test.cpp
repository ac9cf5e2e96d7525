// One body per muscle (issue 20, item 2): a muscle the model splits into lines of action
// (gluteus maximus 1-3, gluteus medius 1-3) is drawn as one continuous surface lofted across its
// lines, holding about the lines' volume, facing out as the other muscles do, with each line's
// id (picking, highlight) and colour on its share; a line shown alone is a tube as before. The
// catalogue names the bodies and its checks report a wrong one.
#include "../catalogue_fixture.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "core/files.hpp"

#include <cmath>
#include <map>
#include <numeric>
#include <set>

using namespace cataloguetest;

namespace {

// The muscle mesh at neutral standing with only `shown` visible, each in its own colour.
struct Built {
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
};
Built build(const std::set<std::string>& shown, const std::map<std::string, glm::vec3>& colors = {}) {
    Built b;
    muscle_mesh_in(
        {},
        [&](const anat::Muscle& m, std::size_t i, anat::MuscleStyle& s) {
            s.visible = shown.count(m.id) > 0;
            s.id = static_cast<std::uint32_t>(i + 1);
            if (const auto c = colors.find(m.id); c != colors.end()) s.color = c->second;
        },
        b.mesh, b.ids);
    return b;
}

// The number of pieces the mesh falls into (vertices joined by triangles).
int pieces(const core::MeshData& mesh) {
    std::vector<std::uint32_t> parent(mesh.vertices.size());
    std::iota(parent.begin(), parent.end(), 0u);
    auto root = [&](std::uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3)
        for (int e = 1; e < 3; ++e) parent[root(mesh.indices[t + static_cast<std::size_t>(e)])] = root(mesh.indices[t]);
    std::set<std::uint32_t> roots;
    for (std::uint32_t v = 0; v < parent.size(); ++v) roots.insert(root(v));
    return static_cast<int>(roots.size());
}

double volume_cm3(const core::MeshData& mesh) { return mesh.enclosed_volume() * 1e6; }

const std::vector<std::string> gluteus_maximus = {"gluteus_maximus_1_r", "gluteus_maximus_2_r", "gluteus_maximus_3_r"};

}  // namespace

TEST(MuscleLoft, TheCatalogueNamesTheMusclesDrawnAsOneBodyPerSide) {
    const anat::MuscleCatalogue& cat = catalogue();
    ASSERT_EQ(cat.bodies.size(), 2u);
    EXPECT_EQ(cat.bodies[0].id, "gluteus_maximus");
    EXPECT_EQ(cat.bodies[1].parts, (std::vector<std::string>{"gluteus_medius_1", "gluteus_medius_2", "gluteus_medius_3"}));
    for (const auto& b : cat.bodies) EXPECT_NE(b.source.find("Gray's Anatomy"), std::string::npos) << b.id;
    // One list of lines per body and side, in the order across; every other muscle is alone.
    ASSERT_EQ(cat.lofts.size(), 4u);
    ASSERT_EQ(cat.loft_of.size(), cat.muscles.size());
    for (std::size_t l = 0; l < cat.lofts.size(); ++l) {
        ASSERT_EQ(cat.lofts[l].size(), 3u);
        const std::string side = l < 2 ? "_r" : "_l";
        const auto& body = cat.bodies[l % 2];
        for (std::size_t p = 0; p < 3; ++p) {
            EXPECT_EQ(cat.muscles[cat.lofts[l][p]].id, body.parts[p] + side);
            EXPECT_EQ(cat.loft_of[cat.lofts[l][p]], static_cast<int>(l));
        }
    }
    EXPECT_EQ(std::count(cat.loft_of.begin(), cat.loft_of.end(), -1), static_cast<long>(cat.muscles.size() - 12));
}

TEST(MuscleLoft, AWrongBodyIsReportedWithItsPlaceInTheFile) {
    const std::string parts = "\"parts\": [\"gluteus_medius_1\", \"gluteus_medius_2\", \"gluteus_medius_3\"]";
    EXPECT_NE(catalogue_problems_with(parts, "\"parts\": [\"gluteus_medius_1\", \"gluteus_medius_9\"]")
                  .find("/bodies/1/parts/1: unknown muscle \"gluteus_medius_9\""),
              std::string::npos);
    EXPECT_NE(catalogue_problems_with(parts, "\"parts\": [\"gluteus_medius_1\", \"gluteus_maximus_2\"]").find("already a part of another body"),
              std::string::npos);
    EXPECT_NE(catalogue_problems_with(parts, "\"parts\": [\"gluteus_medius_1\"]").find("/bodies/1/parts: expected at least two lines"),
              std::string::npos);
    EXPECT_TRUE(catalogue_problems_with(parts, parts).empty()) << "the file as it is has no problem";
}

TEST(MuscleLoft, TheLinesOfGluteusMaximusAreOneClosedBodyHoldingTheirVolume) {
    // Each line alone: a tube of its own, holding the line's volume.
    double tubes = 0.0, tube_sign = 0.0;
    for (const auto& id : gluteus_maximus) {
        const Built one = build({id});
        EXPECT_EQ(pieces(one.mesh), 1) << id;
        tube_sign = volume_cm3(one.mesh);
        EXPECT_NEAR(std::abs(tube_sign), muscle(id).volume_cm3, 0.01 * muscle(id).volume_cm3) << id;
        tubes += muscle(id).volume_cm3;
    }
    // Together: one piece, not three, holding the lines' volume within 20 %, its triangles facing
    // the same way as a tube's (the renderer culls back faces).
    const Built all = build({gluteus_maximus.begin(), gluteus_maximus.end()});
    EXPECT_EQ(pieces(all.mesh), 1) << "one body, not three sausages";
    const double v = volume_cm3(all.mesh);
    EXPECT_GT(v * tube_sign, 0.0) << "faces out as the tubes do";
    EXPECT_NEAR(std::abs(v), tubes, 0.2 * tubes);
    // A closed surface: every edge is shared by exactly two triangles.
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (std::size_t t = 0; t + 2 < all.mesh.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            std::uint32_t a = all.mesh.indices[t + static_cast<std::size_t>(e)], b = all.mesh.indices[t + static_cast<std::size_t>((e + 1) % 3)];
            // The seam repeats a position for its texture coordinates: join by position.
            auto key = [&](std::uint32_t i) {
                const glm::vec3 p = all.mesh.vertices[i].position;
                for (std::uint32_t j = 0; j < i; ++j)
                    if (all.mesh.vertices[j].position == p) return j;
                return i;
            };
            a = key(a), b = key(b);
            ++edges[{std::min(a, b), std::max(a, b)}];
        }
    int open = 0;
    for (const auto& [edge, count] : edges) open += count != 2;
    EXPECT_EQ(open, 0) << "edges not shared by two triangles";
}

TEST(MuscleLoft, EachLineKeepsItsIdAndColourOnItsShareOfTheBody) {
    const std::map<std::string, glm::vec3> colors = {
        {"gluteus_maximus_1_r", {1.0f, 0.0f, 0.0f}}, {"gluteus_maximus_2_r", {0.0f, 1.0f, 0.0f}}, {"gluteus_maximus_3_r", {0.0f, 0.0f, 1.0f}}};
    const Built all = build({gluteus_maximus.begin(), gluteus_maximus.end()}, colors);
    ASSERT_EQ(all.ids.size(), all.mesh.vertices.size());
    std::map<std::uint32_t, int> per_id;
    int belly = 0, in_own_colour = 0;
    for (std::size_t i = 0; i < all.ids.size(); ++i) {
        ++per_id[all.ids[i]];
        const std::string& id = catalogue().muscles[all.ids[i] - 1].id;
        const auto c = all.mesh.vertices[i].color;
        const glm::vec3 own = colors.at(id);
        // Where the surface is belly (saturated), its strongest channel is its own line's.
        const int hi = std::max({c.r, c.g, c.b}), lo = std::min({c.r, c.g, c.b});
        if (hi - lo < 120) continue;
        ++belly;
        const int mine = own.r > 0.5f ? c.r : own.g > 0.5f ? c.g : c.b;  // its own line's channel
        in_own_colour += mine == hi;                                     // the strongest (or as strong, halfway to a neighbour)
    }
    EXPECT_EQ(per_id.size(), 3u) << "every line picks its own share";
    for (const auto& [id, count] : per_id) EXPECT_GT(count, static_cast<int>(all.ids.size() / 6)) << catalogue().muscles[id - 1].id;
    ASSERT_GT(belly, static_cast<int>(all.ids.size() / 4));
    EXPECT_GT(in_own_colour, belly * 9 / 10) << "each line's share in its colour, blending toward its neighbours";
}

TEST(MuscleLoft, EveryLoftedBodyFollowsItsLinesThroughAStretch) {
    // Deep hip flexion (the figure-4 and knee-to-chest range): the body stays one piece near its
    // lines (no vertex further from the nearest line's path than the line's own belly is wide).
    const anat::Skeleton& sk = skeleton();
    const anat::MuscleCatalogue& cat = catalogue();
    const anat::Pose pose = anat::pose_from_coordinates(sk, hip_knee(110.0f, 120.0f));
    const auto world = anat::forward_kinematics(sk, pose);
    anat::MusclePaths paths;
    anat::evaluate_paths(cat, world, anat::path_coordinates(anat::RigIndex(sk), pose), paths);
    for (const auto& loft : cat.lofts) {
        std::vector<anat::MuscleStyle> styles(cat.muscles.size());
        for (auto& s : styles) s.visible = false;
        float widest = 0.0f;
        for (std::size_t mi : loft) {
            styles[mi].visible = true;
            widest = std::max(widest, cat.muscles[mi].radius_m);
        }
        core::MeshData mesh;
        std::vector<std::uint32_t> ids;
        anat::build_muscle_mesh(cat, paths, styles, anat::body_axes(sk, world), {}, mesh, ids);
        EXPECT_EQ(pieces(mesh), 1) << cat.muscles[loft[0]].id;
        float worst = 0.0f;
        for (const auto& v : mesh.vertices) {
            float nearest = 1e9f;
            for (std::size_t mi : loft) {
                const auto pts = paths.path(mi);
                for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
                    const glm::vec3 ab = pts[i + 1] - pts[i];
                    const float t = std::clamp(glm::dot(v.position - pts[i], ab) / std::max(glm::dot(ab, ab), 1e-12f), 0.0f, 1.0f);
                    nearest = std::min(nearest, glm::distance(v.position, pts[i] + ab * t));
                }
            }
            worst = std::max(worst, nearest);
        }
        EXPECT_LT(worst, 3.0f * widest) << cat.muscles[loft[0]].id << ": a vertex far from every line";
    }
}

TEST(MuscleShape, TendonsAreFlatBandsAndBelliesKeepTheirSection) {
    // A round muscle (the semitendinosus, flatten 1): its ends are tendon, its middle belly. Per
    // ring, the widest over the narrowest distance from the ring's centre.
    const anat::Muscle& m = muscle("semitendinosus_r");
    ASSERT_FLOAT_EQ(m.shape.flatten, 1.0f);
    const Built one = build({m.id});
    const anat::MuscleMeshSettings settings;
    const std::size_t stride = static_cast<std::size_t>(settings.sides + 1);
    auto ratio = [&](int ring) {
        glm::vec3 c{0.0f};
        for (int j = 0; j < settings.sides; ++j)
            c += one.mesh.vertices[static_cast<std::size_t>(ring) * stride + static_cast<std::size_t>(j)].position;
        c /= static_cast<float>(settings.sides);
        float lo = 1e9f, hi = 0.0f;
        for (int j = 0; j < settings.sides; ++j) {
            const float d = glm::distance(one.mesh.vertices[static_cast<std::size_t>(ring) * stride + static_cast<std::size_t>(j)].position, c);
            lo = std::min(lo, d), hi = std::max(hi, d);
        }
        return hi / lo;
    };
    EXPECT_GT(ratio(settings.rings - 1), 2.8f) << "the distal tendon: a band about three times as wide as thick";
    EXPECT_GT(ratio(0), 2.8f) << "the proximal tendon";
    EXPECT_LT(ratio(settings.rings / 2), 1.2f) << "the belly stays round";
}
