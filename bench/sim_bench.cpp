// bench/sim_bench.cpp: the per-frame CPU work and the posture solve, with their budgets.
#include "report.hpp"

#include "anatomy/muscle_mesh.hpp"
#include "anatomy/skeleton_builder.hpp"
#include "anim/library.hpp"
#include "anim/sampler.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "biomech/posture.hpp"
#include "scene/bone_clearance.hpp"

#include <benchmark/benchmark.h>

#include <cmath>

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

// A frame's CPU work while a stretch plays: sampling the clip (interpolation, contacts, inverse
// kinematics, floor), forward kinematics, every muscle path and its mechanics, and the swept
// muscle geometry. The half-kneeling lunge: four contacts, both legs solved every frame.
// The stretch the frame benchmarks play: the half-kneeling lunge, with its rig.
struct Lunge {
    anim::Rig rig = anim::load_default_rig(model().skeleton);
    anim::Library library = anim::Library::load_default(rig);
    const anim::Clip& clip = library.clip(static_cast<std::size_t>(library.find("half_kneeling_hip_flexor")));
};
const Lunge& lunge() {
    static const Lunge l;
    return l;
}

void BM_simulation_frame(benchmark::State& state) {
    const auto& m = model();
    const anim::Rig& rig = lunge().rig;
    const anim::Clip& clip = lunge().clip;
    const anat::RigIndex ix(m.skeleton);
    std::vector<core::Rigid> world(m.skeleton.joints.size());
    anat::MusclePaths paths;
    std::vector<biomech::MuscleState> states(m.catalogue.muscles.size());
    std::vector<anat::MuscleStyle> styles(m.catalogue.muscles.size());
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
    static const scene::BoneClearance clearance(m.skeleton);
    anim::Frame frame;
    float t = 0.0f;
    for (auto _ : state) {
        t = std::fmod(t + 1.0f / 60.0f, clip.duration_s());
        anim::evaluate(rig, clip, t, frame);
        anat::forward_kinematics(m.skeleton, frame.pose, world);
        anat::evaluate_paths(m.catalogue, world, anat::path_coordinates(ix, frame.pose), paths);
        for (std::size_t i = 0; i < states.size(); ++i)
            states[i] = biomech::muscle_state(m.catalogue.muscles[i], paths.length_m[i], 0.0f, m.catalogue);
        mesh.vertices.clear();
        mesh.indices.clear();
        ids.clear();
        anat::build_muscle_mesh(m.catalogue, paths, styles, anat::body_axes(m.skeleton, world), {}, mesh, ids);
        clearance.push_out(mesh, world);  // as scene::muscle_geometry does
        benchmark::DoNotOptimize(mesh.vertices.data());
    }
}
BENCHMARK(BM_simulation_frame)->Unit(benchmark::kMillisecond);

// The part of that frame that keeps the muscle surfaces out of the bones (scene::BoneClearance),
// alone: the same lunge's meshes at 48 moments of the clip, each copied fresh and pushed out.
void BM_muscle_clearance(benchmark::State& state) {
    const auto& m = model();
    const anim::Rig& rig = lunge().rig;
    const anim::Clip& clip = lunge().clip;
    const anat::RigIndex ix(m.skeleton);
    static const scene::BoneClearance clearance(m.skeleton);
    struct Moment {
        std::vector<core::Rigid> world;
        core::MeshData mesh;
    };
    std::vector<Moment> moments(48);
    for (std::size_t k = 0; k < moments.size(); ++k) {
        anim::Frame frame;
        anim::evaluate(rig, clip, clip.duration_s() * static_cast<float>(k) / static_cast<float>(moments.size()), frame);
        moments[k].world.resize(m.skeleton.joints.size());
        anat::forward_kinematics(m.skeleton, frame.pose, moments[k].world);
        anat::MusclePaths paths;
        anat::evaluate_paths(m.catalogue, moments[k].world, anat::path_coordinates(ix, frame.pose), paths);
        const std::vector<anat::MuscleStyle> styles(m.catalogue.muscles.size());
        std::vector<std::uint32_t> ids;
        anat::build_muscle_mesh(m.catalogue, paths, styles, anat::body_axes(m.skeleton, moments[k].world), {}, moments[k].mesh, ids);
    }
    core::MeshData mesh;
    std::size_t k = 0;
    for (auto _ : state) {
        state.PauseTiming();
        mesh = moments[k].mesh;
        state.ResumeTiming();
        benchmark::DoNotOptimize(clearance.push_out(mesh, moments[k].world));
        k = (k + 1) % moments.size();
    }
}
BENCHMARK(BM_muscle_clearance)->Unit(benchmark::kMicrosecond);

}  // namespace

}  // namespace bench
