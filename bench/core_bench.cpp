// bench/core_bench.cpp: the first benchmarks: mesh maths and a headless frame.
#include "report.hpp"

#include "core/camera.hpp"
#include "core/mesh.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "anatomy/coordinates.hpp"
#include "scene/world.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <map>

namespace bench {

const std::map<std::string, double>& gbench_budgets_ms() {
    // Issue budgets: a posture solve within 1 ms; a frame's simulation within 0.5 ms.
    static const std::map<std::string, double> budgets = {
        {"BM_posture_solve_cold", 1.0}, {"BM_posture_solve_warm", 1.0}, {"BM_simulation_frame", 0.5}};
    return budgets;
}

namespace {
void BM_compute_normals_100k_triangles(benchmark::State& state) {
    core::MeshData m = core::make_uv_sphere(1.0f, 317, 158);  // ~100k triangles, like a detailed bone set
    for (auto _ : state) {
        m.compute_normals();
        benchmark::DoNotOptimize(m.vertices.data());
    }
}
BENCHMARK(BM_compute_normals_100k_triangles)->Unit(benchmark::kMillisecond);
}  // namespace

namespace {
// Median milliseconds per frame at 1280x720, headless (llvmpipe here), everything a frame does:
// posing (kinematics, muscle paths, mechanics), muscle geometry and draw lists, and rendering.
// All layers on (skeleton, muscles, skin); the pose changes every frame as in a stretch demo.
// `orbit`: the camera also moves every frame (the cached backdrop is redrawn).
double median_frame_ms(gfx::Renderer& renderer, scene::World& world, bool orbit) {
    gfx::RenderTarget target({1280, 720}, GL_RGBA8, false);
    world.display.layers.skin = true;
    scene::Body& body = world.body();
    const anat::RigIndex ix(body.skeleton());
    constexpr int frames = 120;  // issue budget: median over at least 120 frames
    constexpr int warm_up = 5;   // first frames compile shader variants
    std::vector<double> ms;
    for (int i = 0; i < frames + warm_up; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        // A lunge-like motion: one hip flexes, the other extends, the knees bend.
        const float phase = 0.05f * static_cast<float>(i);
        anat::Coordinates c;
        c.legs[0].hip_flexion_deg = 45.0f + 40.0f * std::sin(phase);
        c.legs[0].knee_flexion_deg = 45.0f + 40.0f * std::sin(phase);
        c.legs[1].hip_flexion_deg = -10.0f * std::sin(phase);
        c.legs[1].knee_flexion_deg = 60.0f + 30.0f * std::sin(phase);
        c.lumbar_extension_deg = 5.0f * std::sin(phase);
        body.set_pose(anat::pose_from_coordinates(body.skeleton(), ix, c));
        gfx::FrameDesc frame;
        world.build_frame(frame);
        frame.camera.set_preset(core::ViewPreset::left);
        if (orbit) frame.camera.orbit(0.01f * static_cast<float>(i), 0.0f);
        frame.camera.frame_box(world.bounds(), 1280.0f / 720.0f);
        renderer.render(frame, target.fbo(), {0, 0, 1280, 720});
        gfx::Renderer::finish();
        const auto t1 = std::chrono::steady_clock::now();
        if (i >= warm_up) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}
}  // namespace

void run_direct_measurements() {
    platform::WindowDesc desc;
    desc.offscreen = true;
    desc.width = 64;
    desc.height = 64;
    platform::Window window(desc);
    gfx::ShaderLibrary shaders(core::shader_dir());
    gfx::Renderer renderer(shaders);
    scene::World world;
    add({"render_frame_1280x720_median", median_frame_ms(renderer, world, false), "ms", 16.7, true});
    add({"render_frame_1280x720_orbiting_median", median_frame_ms(renderer, world, true), "ms", 0.0, true});
}

}  // namespace bench
