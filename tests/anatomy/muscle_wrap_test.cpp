// The wrap geometry on its own (anatomy/muscle_wrap.hpp): a path bent over a cylinder or a
// sphere never enters it, is continuous in the ends, is at least as long as the straight line
// and at most 1 % longer than the true geodesic, and lets go when the straight line clears.
#include "anatomy/muscle_catalogue.hpp"
#include "anatomy/muscle_path.hpp"
#include "anatomy/muscle_wrap.hpp"
#include "anatomy/skeleton_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>

using anat::WrapSurface;

namespace {

constexpr float r = 0.02f;

// A cylinder along x through the origin; paths must pass behind it (-z), like tendons behind the
// femoral condyles.
WrapSurface cylinder() {
    WrapSurface w;
    w.kind = WrapSurface::Kind::cylinder;
    w.axis = {1.0f, 0.0f, 0.0f};
    w.radius_m = r;
    w.side = {0.0f, 0.0f, -1.0f};
    return w;
}

WrapSurface sphere() {
    WrapSurface w;
    w.kind = WrapSurface::Kind::sphere;
    w.radius_m = r;
    return w;
}

// a, the corners, b.
std::vector<glm::vec3> wrapped(const WrapSurface& w, const glm::vec3& a, const glm::vec3& b, bool* did_wrap = nullptr) {
    std::vector<glm::vec3> path{a};
    const bool wr = anat::wrap_segment(w, a, b, path);
    path.push_back(b);
    if (did_wrap) *did_wrap = wr;
    return path;
}

// The smallest signed distance to the surface along the whole polyline (segments sampled finely).
float deepest(const WrapSurface& w, const std::vector<glm::vec3>& path) {
    float d = 1e9f;
    for (std::size_t i = 1; i < path.size(); ++i)
        for (int k = 0; k <= 50; ++k) d = std::min(d, anat::wrap_signed_distance(w, glm::mix(path[i - 1], path[i], static_cast<float>(k) / 50.0f)));
    return d;
}

// The true shortest length over a cylinder along x at the origin (the unrolled helix), going
// round the side the path takes: the tangent lines and the arc in the plane across the axis, and
// the rise along the axis.
float cylinder_geodesic(const glm::vec3& a, const glm::vec3& b, float arc_rad) {
    const glm::vec2 a2{a.y, a.z}, b2{b.y, b.z};
    const float plane = std::sqrt(glm::dot(a2, a2) - r * r) + std::sqrt(glm::dot(b2, b2) - r * r) + r * arc_rad;
    return std::hypot(plane, b.x - a.x);
}

}  // namespace

TEST(MuscleWrap, CylinderPathStaysOutsideAndIsNearTheGeodesic) {
    // From above and a little in front to below and a little in front: the straight line cuts the
    // cylinder, so the path goes round the back.
    const glm::vec3 a{0.0f, 0.12f, 0.004f}, b{0.03f, -0.10f, 0.006f};
    bool did = false;
    const auto path = wrapped(cylinder(), a, b, &did);
    ASSERT_TRUE(did);
    EXPECT_EQ(path.size(), static_cast<std::size_t>(anat::wrap_arc_corners) + 2);
    EXPECT_GE(deepest(cylinder(), path), -1e-6f);
    for (std::size_t i = 1; i + 1 < path.size(); ++i) EXPECT_LT(path[i].z, 0.0f) << "corner " << i << " is not behind the axis";
    const float length = anat::polyline_length(path);
    EXPECT_GT(length, glm::distance(a, b));
    // The arc: from the tangent point seen from a to the one seen from b, round the back.
    const auto angle = [](const glm::vec3& p) { return std::atan2(p.z, p.y); };
    const float ta = angle(a) - std::acos(r / std::hypot(a.y, a.z)), tb = angle(b) + std::acos(r / std::hypot(b.y, b.z));
    const float arc = std::fmod(ta - tb + 4.0f * core::pi, 2.0f * core::pi);
    const float exact = cylinder_geodesic(a, b, arc);
    EXPECT_GE(length, exact - 1e-6f);
    EXPECT_LT(length, exact * 1.01f);
    // Heights along the axis rise steadily: the corners follow the unrolled straight line.
    for (std::size_t i = 1; i < path.size(); ++i) EXPECT_GE(path[i].x, path[i - 1].x - 1e-7f);
}

TEST(MuscleWrap, LengthIsTheSumOfTheSegments) {
    const glm::vec3 a{0.0f, 0.12f, 0.004f}, b{0.03f, -0.10f, 0.006f};
    const auto path = wrapped(cylinder(), a, b);
    float sum = 0.0f;
    for (std::size_t i = 1; i < path.size(); ++i) sum += glm::length(path[i] - path[i - 1]);
    EXPECT_FLOAT_EQ(anat::polyline_length(path), sum);
}

TEST(MuscleWrap, UnwrapsWhenTheStraightLineClears) {
    // Well behind the cylinder: nothing to wrap, nothing added.
    std::vector<glm::vec3> out;
    EXPECT_FALSE(anat::wrap_segment(cylinder(), {0.0f, 0.1f, -0.03f}, {0.0f, -0.1f, -0.03f}, out));
    EXPECT_FALSE(anat::wrap_segment(sphere(), {0.0f, 0.1f, 0.03f}, {0.0f, -0.1f, 0.03f}, out));
    // Both ends on one side: the segment never reaches the surface.
    EXPECT_FALSE(anat::wrap_segment(cylinder(), {0.0f, 0.1f, 0.0f}, {0.0f, 0.05f, 0.0f}, out));
    // An end inside the surface cannot wrap.
    EXPECT_FALSE(anat::wrap_segment(cylinder(), {0.0f, 0.01f, 0.0f}, {0.0f, -0.1f, 0.0f}, out));
    EXPECT_TRUE(out.empty());
}

TEST(MuscleWrap, ContinuousAsTheEndsMoveThroughContact) {
    // Slide the line from well behind the cylinder, through touching it, to well in front of it:
    // the length never jumps, equals the straight line until contact, and grows after it.
    const auto w = cylinder();
    float previous = -1.0f;
    std::vector<glm::vec3> previous_path;
    bool touched = false;
    for (int i = 0; i <= 600; ++i) {
        const float z = -0.04f + 0.08f * static_cast<float>(i) / 600.0f;  // steps of 0.13 mm
        const glm::vec3 a{0.0f, 0.1f, z}, b{0.01f, -0.1f, z};
        bool did = false;
        const auto path = wrapped(w, a, b, &did);
        const float length = anat::polyline_length(path);
        if (!did) {
            EXPECT_FLOAT_EQ(length, glm::distance(a, b)) << z;
        } else {
            touched = true;
            EXPECT_GT(length, glm::distance(a, b) - 1e-6f) << z;
            EXPECT_GE(deepest(w, path), -1e-6f) << z;
        }
        if (previous >= 0.0f) {
            EXPECT_LT(std::abs(length - previous), 0.001f) << "jump at z = " << z;
        }
        // The corners move a little with the ends (no flip from one side to the other).
        if (did && previous_path.size() == path.size()) {
            for (std::size_t k = 0; k < path.size(); ++k) EXPECT_LT(glm::distance(path[k], previous_path[k]), 0.003f) << z;
        }
        previous = length;
        previous_path = path;
    }
    EXPECT_TRUE(touched);
}

TEST(MuscleWrap, SideHoldsThePathOnItsSide) {
    // The straight line passes in front of a cylinder whose paths must go behind: the path is
    // held behind it (a tendon cannot cut through the bone to the other side).
    const glm::vec3 a{0.0f, 0.1f, 0.03f}, b{0.0f, -0.1f, 0.03f};
    bool did = false;
    const auto path = wrapped(cylinder(), a, b, &did);
    ASSERT_TRUE(did);
    EXPECT_GE(deepest(cylinder(), path), -1e-6f);
    EXPECT_LT(path[path.size() / 2].z, -r + 1e-4f);
    // Without a side it takes the shorter way, in front, and there it clears: no wrap.
    WrapSurface free_side = cylinder();
    free_side.side = glm::vec3(0.0f);
    std::vector<glm::vec3> out;
    EXPECT_FALSE(anat::wrap_segment(free_side, a, b, out));
}

TEST(MuscleWrap, SpherePathIsAGreatCircleOutsideTheSphere) {
    const glm::vec3 a{0.05f, 0.06f, 0.005f}, b{-0.04f, -0.05f, 0.01f};
    bool did = false;
    const auto path = wrapped(sphere(), a, b, &did);
    ASSERT_TRUE(did);
    EXPECT_GE(deepest(sphere(), path), -1e-6f);
    // Every corner lies in the plane of a, b and the centre.
    const glm::vec3 n = glm::normalize(glm::cross(a, b));
    for (const auto& p : path) EXPECT_NEAR(glm::dot(p, n), 0.0f, 1e-6f);
    // Near the true length: tangents plus the arc between the tangent points.
    const float la = glm::length(a), lb = glm::length(b);
    const float between = std::acos(glm::dot(a, b) / (la * lb));
    const float arc = between - std::acos(r / la) - std::acos(r / lb);
    ASSERT_GT(arc, 0.0f);
    const float exact = std::sqrt(la * la - r * r) + std::sqrt(lb * lb - r * r) + r * arc;
    const float length = anat::polyline_length(path);
    EXPECT_GE(length, exact - 1e-6f);
    EXPECT_LT(length, exact * 1.01f);
    EXPECT_GT(length, glm::distance(a, b));
}

TEST(MuscleWrap, PlacedMovesWithTheBone) {
    WrapSurface w = cylinder();
    w.centre = {0.0f, 0.0f, 0.01f};
    const core::Rigid bone{glm::angleAxis(0.5f, glm::vec3(0.0f, 1.0f, 0.0f)), {0.1f, 0.2f, 0.3f}};
    const WrapSurface p = w.placed(bone);
    EXPECT_LT(glm::distance(p.centre, bone.apply(w.centre)), 1e-6f);
    EXPECT_LT(glm::distance(p.axis, bone.apply_dir(w.axis)), 1e-6f);
    EXPECT_LT(glm::distance(p.side, bone.apply_dir(w.side)), 1e-6f);
    EXPECT_FLOAT_EQ(p.radius_m, w.radius_m);
}

// In the catalogue: every wrapped muscle's drawn path is what its length measures, and over the
// knee's and hip's range it stays outside each of its wrap surfaces whenever its own points do (a
// point inside a surface cannot wrap: see wrap_segment). Where a muscle has two surfaces side by
// side (femoral head and greater trochanter), the arc round one is not bent again round the other
// (muscle_path), so it may graze the other by up to 1 mm.
TEST(MuscleWrap, CataloguePathsStayOutsideTheirSurfaces) {
    const anat::Skeleton sk = anat::build_default_skeleton();
    const anat::MuscleCatalogue cat = anat::load_default_muscle_catalogue(sk);
    const anat::RigIndex ix(sk);
    int wrapped_muscles = 0;
    for (const auto& m : cat.muscles) wrapped_muscles += m.wraps.empty() ? 0 : 1;
    EXPECT_GT(wrapped_muscles, 0);
    std::vector<glm::vec3> pts;
    int checked = 0, bent = 0;
    for (float hip : {-20.0f, 0.0f, 45.0f, 90.0f, 110.0f})
        for (float knee : {0.0f, 45.0f, 90.0f, 130.0f}) {
            anat::Coordinates c;
            for (auto& leg : c.legs) {
                leg.hip_flexion_deg = hip;
                leg.knee_flexion_deg = knee;
            }
            const anat::Pose pose = anat::pose_from_coordinates(sk, ix, c);
            const auto world = anat::forward_kinematics(sk, pose);
            const auto pc = anat::path_coordinates(ix, pose);
            for (const auto& m : cat.muscles) {
                if (m.wraps.empty()) continue;
                anat::muscle_path(m, world, pc, pts);
                EXPECT_FLOAT_EQ(anat::muscle_length(m, world, pc), anat::polyline_length(pts)) << m.id;
                for (const auto& w : m.wraps) {
                    const WrapSurface placed = w.surface.placed(world[static_cast<std::size_t>(w.joint)]);
                    bool point_inside = false;
                    for (const auto& p : pts) point_inside |= anat::wrap_signed_distance(placed, p) < -1e-5f;
                    if (point_inside) continue;
                    ++checked;
                    const float d = deepest(placed, pts);
                    bent += d < 1e-4f ? 1 : 0;  // touching: the path goes round
                    EXPECT_GE(d, m.wraps.size() > 1 ? -0.001f : -1e-5f)
                        << m.id << " enters " << w.surface_id << " at hip " << hip << ", knee " << knee;
                }
            }
        }
    // Most cases are checked, and some of them do bend round a surface.
    EXPECT_GT(checked, 400);
    EXPECT_GT(bent, 10);
}
