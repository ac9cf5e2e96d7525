// bench/core_bench.cpp: the first benchmarks: mesh maths and a headless frame.
#include "report.hpp"

#include "core/camera.hpp"
#include "core/mesh.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "anatomy/coordinates.hpp"
#include "scene/compose.hpp"
#include "scene/props.hpp"
#include "scene/stretch_state.hpp"
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
// Median milliseconds per frame at 1280x720, headless (llvmpipe here), everything a frame does
// while a stretch plays: the player (clip sampling, contacts, inverse kinematics), posing
// (kinematics, muscle paths, mechanics), muscle geometry, props and draw lists, and rendering.
// All layers on (skeleton, muscles, skin). The camera does what the viewer's does by default: it
// frames the whole movement once, then glides after the body's middle ("camera follows"), so the
// backdrop is redrawn while the body moves and reused while it holds still. `orbit`: the camera
// also turns every frame.
struct FrameTimes {
    double median_ms = 0.0;
    int floor_redrawn = 0;  // frames that drew the floor: the camera had moved (or just stopped)
};
FrameTimes median_frame_ms(gfx::Renderer& renderer, scene::World& world, bool orbit) {
    // With depth and stencil, as the viewer's window asks for: the frame is drawn in place.
    gfx::RenderTarget target({1280, 720}, GL_RGBA8, true);
    world.display.layers.skin = true;
    scene::Body& body = world.body();
    scene::StretchState stretch(body.skeleton(), body.catalogue());
    scene::PropRenderer props;
    const anat::Pose standing = anat::rest_pose(body.skeleton());
    stretch.start(stretch.library().find("half_kneeling_hip_flexor"), standing);
    const core::Bounds movement = stretch.clip_bounds();
    for (const auto& id : stretch.player().clip()->info.targets) world.display.emphasised.insert(id);
    constexpr int frames = 120;         // issue budget: median over at least 120 frames
    constexpr int warm_up = 5;          // first frames compile shader variants
    constexpr float dt = 1.0f / 15.0f;  // a quick pass through set-up and move into the stretch
    std::vector<double> ms;
    int floor_redrawn = 0;
    // The viewer's framing and following (panel_stretches.cpp): a margin for its panels, the body
    // a little above the middle for its player bar, following as it does (core::TargetFollower).
    core::OrbitCamera camera;
    core::TargetFollower follower;
    camera.set_preset(core::ViewPreset::right);
    camera.frame_box(movement, 1280.0f / 720.0f);
    camera.distance_m *= 1.3f;
    for (int i = 0; i < frames + warm_up; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        stretch.update(dt, standing, body.tightness());
        const anat::Pose pose = stretch.pose();
        gfx::FrameDesc frame;
        scene::ViewContent content;
        content.pose = &pose;
        content.props_of = &stretch;
        content.props = &props;
        scene::compose_view(world, content, frame);
        const core::Bounds body_now = stretch.pose_bounds();
        glm::vec3 aim = body_now.center();
        aim.y -= 0.12f * (body_now.max.y - body_now.min.y);
        camera.target = follower.update(camera, aim, dt);
        if (orbit) camera.orbit(0.01f, 0.0f);
        frame.camera = camera;
        renderer.render(frame, target.fbo(), {0, 0, 1280, 720});
        gfx::Renderer::finish();
        const auto t1 = std::chrono::steady_clock::now();
        if (i >= warm_up) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        if (i >= warm_up && renderer.stats().backdrop_updated) ++floor_redrawn;
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], floor_redrawn};
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
    const FrameTimes follow = median_frame_ms(renderer, world, false);
    add({"render_frame_1280x720_median", follow.median_ms, "ms", 16.7, true});
    add({"render_frame_1280x720_floor_redrawn_frames", static_cast<double>(follow.floor_redrawn), "frames", 0.0, true});
    add({"render_frame_1280x720_orbiting_median", median_frame_ms(renderer, world, true).median_ms, "ms", 0.0, true});
}

}  // namespace bench
