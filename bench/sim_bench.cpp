// bench/sim_bench.cpp: the per-frame CPU work and the posture solve, with their budgets.
#include "report.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "biomech/posture.hpp"

#include <benchmark/benchmark.h>

namespace bench {

namespace {

struct Model {
    anat::Skeleton skeleton = anat::build_default_skeleton();
    anat::MuscleCatalogue catalogue = anat::load_default_muscle_catalogue(skeleton);
};
const Model& model() {
    static const Model m;
    return m;
}

// One posture solve from rest (a preset click) and from the previous solution (a slider drag).
void BM_posture_solve_cold(benchmark::State& state) {
    const biomech::PostureSolver solver(model().skeleton, model().catalogue);
    biomech::PostureSettings s;
    s[biomech::PostureGroup::hip_flexors] = 80.0f;
    s[biomech::PostureGroup::abdominals] = 40.0f;
    for (auto _ : state) benchmark::DoNotOptimize(solver.solve(s));
}
BENCHMARK(BM_posture_solve_cold)->Unit(benchmark::kMillisecond);

void BM_posture_solve_warm(benchmark::State& state) {
    const biomech::PostureSolver solver(model().skeleton, model().catalogue);
    biomech::PostureSettings s;
    s[biomech::PostureGroup::hip_flexors] = 80.0f;
    const auto previous = solver.solve(s);
    s[biomech::PostureGroup::hip_flexors] = 82.0f;  // the next slider step
    for (auto _ : state) benchmark::DoNotOptimize(solver.solve(s, &previous));
}
BENCHMARK(BM_posture_solve_warm)->Unit(benchmark::kMillisecond);

// Steps 3-5 of a frame: forward kinematics, every muscle path and its mechanics, and the swept
// muscle geometry, for a pose that changes every frame.
void BM_simulation_frame(benchmark::State& state) {
    const auto& m = model();
    const anat::RigIndex ix(m.skeleton);
    std::vector<core::Rigid> world(m.skeleton.joints.size());
    anat::MusclePaths paths;
    std::vector<biomech::MuscleState> states(m.catalogue.muscles.size());
    std::vector<anat::MuscleStyle> styles(m.catalogue.muscles.size());
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
    float t = 0.0f;
    for (auto _ : state) {
        anat::Coordinates c;
        c.legs[0].hip_flexion_deg = 40.0f + 30.0f * std::sin(t);
        c.legs[0].knee_flexion_deg = 20.0f + 20.0f * std::cos(t);
        c.lumbar_extension_deg = 5.0f * std::sin(t);
        t += 0.01f;
        const anat::Pose pose = anat::pose_from_coordinates(m.skeleton, ix, c);
        anat::forward_kinematics(m.skeleton, pose, world);
        anat::evaluate_paths(m.catalogue, world, anat::path_coordinates(ix, pose), paths);
        for (std::size_t i = 0; i < states.size(); ++i)
            states[i] = biomech::muscle_state(m.catalogue.muscles[i], paths.length_m[i], 0.0f, m.catalogue);
        mesh.vertices.clear();
        mesh.indices.clear();
        ids.clear();
        anat::build_muscle_mesh(m.catalogue, paths, styles, anat::body_axes(m.skeleton, world), {}, mesh, ids);
        benchmark::DoNotOptimize(mesh.vertices.data());
    }
}
BENCHMARK(BM_simulation_frame)->Unit(benchmark::kMillisecond);

}  // namespace

}  // namespace bench
