// Renders known scenes on llvmpipe and checks pixels. Tolerances are loose on purpose: they
// must survive driver and shader tweaks while still catching a missing pass or a wrong order.
#include "gl_fixture.hpp"

#include "gfx/image.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>

namespace {

constexpr glm::ivec2 size{320, 200};

core::MeshData coloured(core::MeshData m, glm::u8vec4 c) {
    for (auto& v : m.vertices) v.color = c;
    return m;
}

gfx::FrameDesc base_frame() {
    gfx::FrameDesc f;
    f.camera.target = glm::vec3(0.0f);
    f.camera.distance_m = 4.0f;
    f.camera.set_preset(core::ViewPreset::anterior);
    f.draw_floor = false;
    f.fxaa = false;
    return f;
}

void save_on_failure(const gfx::Image& img, const char* name) {
    if (::testing::Test::HasFailure()) gfx::write_png(std::filesystem::temp_directory_path() / name, img);
}

}  // namespace

class RenderGl : public GlTest {};

TEST_F(RenderGl, BackgroundFillsTheCornersAsAGradient) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    gfx::GpuMesh sphere(core::make_uv_sphere(0.5f, 32, 16));
    f.items.push_back({&sphere});
    const gfx::Image img = r.render_to_image(f, size);
    const int w = size.x - 1, h = size.y - 1;
    for (auto [x, y] : {std::pair{0, 0}, {w, 0}, {0, h}, {w, h}}) {
        const auto* p = img.pixel(x, y);
        EXPECT_EQ(p[3], 255) << "corner " << x << "," << y << " must be opaque background";
        EXPECT_NE(p[0], 0xCD) << "poisoned read-back: nothing was written";
        EXPECT_GE(p[2], p[0]) << "the backdrop is a cool slate";
    }
    // Symmetric left-right, brighter at the top than at the bottom.
    EXPECT_NEAR(luma(img, 0, 0), luma(img, w, 0), 2.0f);
    EXPECT_GT(luma(img, size.x / 2, 2), luma(img, size.x / 2, h - 2) + 10.0f);
    save_on_failure(img, "background_fail.png");
}

TEST_F(RenderGl, ASphereIsBrighterFacingTheKeyLightThanAtItsShadedRim) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    gfx::GpuMesh sphere(coloured(core::make_uv_sphere(0.5f, 64, 32), {200, 200, 200, 255}));
    f.items.push_back({&sphere});
    const gfx::Image img = r.render_to_image(f, size);
    // The key light sits above and to the left of the camera (renderer's light rig).
    const glm::vec3 toward_key = glm::normalize(glm::vec3(-0.45f, 0.75f, 0.55f));
    const auto lit = f.camera.project(toward_key * 0.5f, glm::vec2(size));
    const auto rim = f.camera.project(glm::normalize(glm::vec3(-1.0f, -1.0f, 0.08f)) * 0.49f, glm::vec2(size));
    ASSERT_TRUE(lit && rim);
    const float l_lit = luma(img, static_cast<int>(lit->x), static_cast<int>(lit->y));
    const float l_rim = luma(img, static_cast<int>(rim->x), static_cast<int>(rim->y));
    EXPECT_GT(l_lit, 150.0f);
    EXPECT_GT(l_lit, l_rim * 1.5f) << "lit " << l_lit << " rim " << l_rim;
    save_on_failure(img, "sphere_fail.png");
}

TEST_F(RenderGl, DepthDecidesWhatIsInFrontNotDrawOrder) {
    gfx::Renderer r(*shaders_);
    gfx::GpuMesh red(coloured(core::make_box({0.3f, 0.3f, 0.05f}), {255, 0, 0, 255}));
    gfx::GpuMesh green(coloured(core::make_box({0.6f, 0.6f, 0.05f}), {0, 255, 0, 255}));
    const glm::mat4 front = glm::translate(glm::mat4(1.0f), {0, 0, 0.5f});
    const glm::mat4 back = glm::translate(glm::mat4(1.0f), {0, 0, -0.5f});
    for (int order = 0; order < 2; ++order) {
        gfx::FrameDesc f = base_frame();
        gfx::DrawItem a{&red, front};
        a.pick_id = 7;
        gfx::DrawItem b{&green, back};
        b.pick_id = 9;
        if (order == 0)
            f.items = {a, b};
        else
            f.items = {b, a};
        f.camera.set_preset(core::ViewPreset::anterior);
        gfx::Image img = r.render_to_image(f, size);
        const auto* c = img.pixel(size.x / 2, size.y / 2);
        EXPECT_GT(c[0], c[1] + 40) << "from the front, the near red box covers the green one (order " << order << ")";
        EXPECT_EQ(r.pick(f, size, size / 2).id, 7u);
        save_on_failure(img, "depth_front_fail.png");

        f.camera.set_preset(core::ViewPreset::posterior);
        img = r.render_to_image(f, size);
        c = img.pixel(size.x / 2, size.y / 2);
        EXPECT_GT(c[1], c[0] + 40) << "from behind, the green box is nearer (order " << order << ")";
        EXPECT_EQ(r.pick(f, size, size / 2).id, 9u);
        save_on_failure(img, "depth_back_fail.png");
    }
}

TEST_F(RenderGl, PickReportsTheSurfacePointAndNothingOnTheBackground) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    gfx::GpuMesh sphere(core::make_uv_sphere(0.5f, 48, 24));
    gfx::DrawItem item{&sphere};
    item.pick_id = 3;
    f.items.push_back(item);
    const auto hit = r.pick(f, size, size / 2);
    EXPECT_EQ(hit.id, 3u);
    ASSERT_TRUE(hit.world);
    EXPECT_NEAR(hit.world->z, 0.5f, 0.02f);  // the front of the sphere
    const auto miss = r.pick(f, size, {2, 2});
    EXPECT_EQ(miss.id, 0u);
    EXPECT_FALSE(miss.world);
}

TEST_F(RenderGl, TransparentBackgroundLeavesClearAlphaAndOpaqueSubject) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    f.transparent_background = true;
    gfx::GpuMesh sphere(core::make_uv_sphere(0.5f, 32, 16));
    f.items.push_back({&sphere});
    const gfx::Image img = r.render_to_image(f, size);
    EXPECT_EQ(img.pixel(0, 0)[3], 0);
    EXPECT_EQ(img.pixel(size.x / 2, size.y / 2)[3], 255);
}

// The renderer keys the contact shadow on what casts it: the same casters again (a camera move)
// reuse it; a caster moved, changed or added, or the floor moved, make it again; what casts no
// shadow (a ghost, glass) does not count. No caller keeps a version.
TEST_F(RenderGl, TheContactShadowIsMadeAgainOnlyWhenWhatCastsItChanges) {
    gfx::Renderer r(*shaders_);
    const core::MeshData ball = core::make_uv_sphere(0.3f, 24, 12);
    gfx::GpuMesh sphere(ball);
    gfx::GpuMesh moving(ball, true);
    gfx::FrameDesc f = base_frame();
    f.draw_floor = true;
    f.camera.target = {0, 0.3f, 0};
    f.camera.distance_m = 3.0f;
    f.items.push_back({&sphere, glm::translate(glm::mat4(1.0f), {0, 0.32f, 0})});
    auto updated = [&](const gfx::FrameDesc& frame) {
        (void)r.render_to_image(frame, {64, 48});
        return r.stats().shadow_updated;
    };
    EXPECT_TRUE(updated(f)) << "the first frame makes it";
    EXPECT_FALSE(updated(f)) << "the same casters again";
    f.camera.orbit(0.5f, 0.1f);
    EXPECT_FALSE(updated(f)) << "only the camera moved";
    gfx::DrawItem ghost{&sphere, glm::translate(glm::mat4(1.0f), {0.5f, 0.32f, 0})};
    ghost.color.a = 0.3f;
    f.items.push_back(ghost);
    EXPECT_FALSE(updated(f)) << "a translucent item casts no shadow";
    f.items[0].world_from_mesh = glm::translate(glm::mat4(1.0f), {0.1f, 0.32f, 0});
    EXPECT_TRUE(updated(f)) << "a caster moved";
    f.items.push_back({&moving, glm::mat4(1.0f)});
    EXPECT_TRUE(updated(f)) << "a caster added";
    EXPECT_FALSE(updated(f));
    moving.update_vertices(ball.vertices);
    EXPECT_FALSE(updated(f)) << "a dynamic mesh given the same vertices (the same pose)";
    core::MeshData lifted = ball;
    for (auto& v : lifted.vertices) v.position.y += 0.05f;
    moving.update_vertices(lifted.vertices);
    EXPECT_TRUE(updated(f)) << "a dynamic mesh whose vertices moved";
    f.floor_y_m = -0.1f;
    EXPECT_TRUE(updated(f)) << "the floor moved";
}

TEST_F(RenderGl, FloorShowsAContactShadowUnderTheObject) {
    gfx::Renderer r(*shaders_);
    gfx::GpuMesh sphere(core::make_uv_sphere(0.3f, 32, 16));
    auto frame = [&](bool casts) {
        gfx::FrameDesc f = base_frame();
        f.draw_floor = true;
        f.floor_y_m = 0.0f;
        gfx::DrawItem item{&sphere, glm::translate(glm::mat4(1.0f), {0, 0.32f, 0})};
        item.casts_shadow = casts;
        f.items.push_back(item);
        f.camera.target = {0, 0.3f, 0};
        f.camera.distance_m = 3.0f;
        f.camera.orbit(0.0f, core::deg_to_rad(35.0f));
        return f;
    };
    const gfx::FrameDesc with = frame(true);
    const gfx::Image lit = r.render_to_image(with, size);
    const gfx::Image bare = r.render_to_image(frame(false), size);
    // A floor point beside the sphere's foot: darker when the sphere casts its shadow.
    const auto p = with.camera.project({0.25f, 0.0f, 0.12f}, glm::vec2(size));
    ASSERT_TRUE(p);
    const int x = static_cast<int>(p->x), y = static_cast<int>(p->y);
    EXPECT_LT(luma(lit, x, y) + 8.0f, luma(bare, x, y));
    // Far from the sphere the floor is untouched.
    const auto q = with.camera.project({1.2f, 0.0f, 0.3f}, glm::vec2(size));
    ASSERT_TRUE(q);
    EXPECT_NEAR(luma(lit, static_cast<int>(q->x), static_cast<int>(q->y)), luma(bare, static_cast<int>(q->x), static_cast<int>(q->y)), 1.0f);
    save_on_failure(lit, "floor_fail.png");
}

// A bright box turned 20 degrees in the view plane has staircase edges without antialiasing.
// FXAA must blend those edge pixels (tones between box and backdrop appear) and leave everything
// else alone: the box's flat middle and the backdrop away from the box.
TEST_F(RenderGl, FxaaBlendsTheSubjectsEdgesAndLeavesTheRestAlone) {
    gfx::Renderer r(*shaders_);
    gfx::GpuMesh box(coloured(core::make_box({0.5f, 0.35f, 0.05f}), {235, 235, 235, 255}));
    gfx::FrameDesc f = base_frame();
    f.items.push_back({&box, glm::rotate(glm::mat4(1.0f), glm::radians(20.0f), glm::vec3(0, 0, 1))});
    const gfx::Image hard = r.render_to_image(f, size);
    f.fxaa = true;
    const gfx::Image soft = r.render_to_image(f, size);

    // Pixels of the hard image next to a strongly different neighbour lie on an edge.
    auto on_edge = [&](int x, int y, int reach) {
        for (int dy = -reach; dy <= reach; ++dy)
            for (int dx = -reach; dx <= reach; ++dx) {
                const int nx = std::clamp(x + dx, 0, size.x - 1), ny = std::clamp(y + dy, 0, size.y - 1);
                if (std::abs(luma(hard, x, y) - luma(hard, nx, ny)) > 60.0f) return true;
            }
        return false;
    };
    int changed = 0, changed_off_edge = 0;
    for (int y = 0; y < size.y; ++y)
        for (int x = 0; x < size.x; ++x) {
            const auto* a = hard.pixel(x, y);
            const auto* b = soft.pixel(x, y);
            if (!std::equal(a, a + 4, b)) {
                ++changed;
                if (!on_edge(x, y, 2)) ++changed_off_edge;
            }
        }
    EXPECT_GT(changed, 60) << "the box's four slanted edges are blended";
    EXPECT_EQ(changed_off_edge, 0) << "flat areas (box middle, backdrop) are untouched";
    // Along a slanted edge the blended image has in-between tones where the hard one has none.
    auto in_between = [&](const gfx::Image& img) {
        int n = 0;
        for (int y = 0; y < size.y; ++y)
            for (int x = 0; x < size.x; ++x)
                if (on_edge(x, y, 1) && luma(img, x, y) > 90.0f && luma(img, x, y) < 190.0f) ++n;
        return n;
    };
    EXPECT_GT(in_between(soft), in_between(hard) + 30);
    save_on_failure(soft, "fxaa_fail.png");
}

TEST_F(RenderGl, FinelyTessellatedMatteItemsAreLitPerVertexOnlyWhereTheirTrianglesAreSmall) {
    gfx::Renderer r(*shaders_);
    // A fine matte sphere (bone shading) and a striated muscle-like one beside it.
    gfx::GpuMesh fine(coloured(core::make_uv_sphere(0.3f, 96, 48), {220, 210, 190, 255}));
    ASSERT_GT(fine.mean_edge(), 0.005f);
    ASSERT_LT(fine.mean_edge(), 0.03f);
    gfx::FrameDesc f = base_frame();
    gfx::DrawItem bone{&fine};
    bone.shading = gfx::Shading::bone;
    bone.world_from_mesh = glm::translate(glm::mat4(1.0f), {-0.4f, 0, 0});
    gfx::DrawItem muscle{&fine};
    muscle.shading = gfx::Shading::muscle;
    muscle.world_from_mesh = glm::translate(glm::mat4(1.0f), {0.4f, 0, 0});
    f.items = {bone, muscle};

    // Far away (4 m, 200 px high): the bone's triangles cover a pixel or two, so it is lit per
    // vertex; the muscle keeps per-pixel light for its fibre stripes.
    const gfx::Image per_vertex = r.render_to_image(f, size);
    EXPECT_EQ(r.stats().vertex_lit_draws, 1u);
    f.vertex_lighting = false;
    const gfx::Image per_pixel = r.render_to_image(f, size);
    EXPECT_EQ(r.stats().vertex_lit_draws, 0u);
    // The same picture to the eye: no pixel of the bone differs by more than a few levels.
    int worst = 0;
    for (int y = 0; y < size.y; ++y)
        for (int x = 0; x < size.x / 2; ++x)
            for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(per_vertex.pixel(x, y)[c]) - int(per_pixel.pixel(x, y)[c])));
    EXPECT_LE(worst, 6);
    EXPECT_GT(luma(per_vertex, size.x / 2 - 64, size.y / 2), 60.0f) << "the bone is drawn";

    // A close-up: the same triangles now span tens of pixels, so both are lit per pixel.
    f.vertex_lighting = true;
    f.camera.distance_m = 0.45f;
    f.camera.target = {-0.4f, 0, 0};
    r.render_to_image(f, size);
    EXPECT_EQ(r.stats().vertex_lit_draws, 0u);
    save_on_failure(per_vertex, "vertex_lit_fail.png");
}

TEST_F(RenderGl, TheBackdropIsCachedOnceTheCameraHoldsStillAndLooksTheSameEitherWay) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    f.draw_floor = true;
    f.camera.set_preset(core::ViewPreset::left);
    f.camera.pitch_rad = 0.3f;  // looking down a little: the floor fills the lower half
    // A moving camera draws the floor straight in; the first still frame builds the cache; then
    // the cache is copied in.
    const gfx::Image moving = r.render_to_image(f, size);
    EXPECT_TRUE(r.stats().backdrop_updated);
    const gfx::Image building = r.render_to_image(f, size);
    EXPECT_TRUE(r.stats().backdrop_updated);
    const gfx::Image cached = r.render_to_image(f, size);
    EXPECT_FALSE(r.stats().backdrop_updated);
    EXPECT_EQ(moving.rgba, building.rgba);
    EXPECT_EQ(moving.rgba, cached.rgba);
    // The floor is there: lower rows differ from the plain gradient (no floor).
    f.draw_floor = false;
    const gfx::Image bare = r.render_to_image(f, size);
    EXPECT_NE(luma(bare, size.x / 2, size.y - 20), luma(cached, size.x / 2, size.y - 20));
    // The camera moves: the backdrop is redrawn and the floor's grid shifts.
    f.draw_floor = true;
    f.camera.orbit(0.2f, 0.0f);
    const gfx::Image turned = r.render_to_image(f, size);
    EXPECT_TRUE(r.stats().backdrop_updated);
    EXPECT_NE(turned.rgba, cached.rgba);
    save_on_failure(cached, "backdrop_fail.png");
}

TEST_F(RenderGl, TheFloorFadesOutBeforeItsEdgeInEveryDirection) {
    // Seen from straight above with room around it: the floor shows near the subject and fades
    // to nothing by 4.5 m, towards the corners of its polygon as towards its sides.
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    const glm::ivec2 square{400, 400};
    f.camera.set_preset(core::ViewPreset::superior);
    f.camera.distance_m = 24.0f;  // 30 degrees of view: about 6.4 m either side of the target
    f.floor_y_m = 0.0f;
    const gfx::Image bare = r.render_to_image(f, square);
    f.draw_floor = true;
    const gfx::Image floor = r.render_to_image(f, square);
    auto floor_minus_bare = [&](float r_m, float angle) {
        const auto p = f.camera.project({r_m * std::cos(angle), 0.0f, r_m * std::sin(angle)}, glm::vec2(square));
        EXPECT_TRUE(p.has_value());
        if (!p) return 0.0f;
        const int x = static_cast<int>(p->x), y = static_cast<int>(p->y);
        return luma(floor, x, y) - luma(bare, x, y);
    };
    for (int k = 0; k < 16; ++k) {  // every 22.5 degrees: through polygon corners and side middles alike
        const float angle = static_cast<float>(k) * core::pi / 8.0f;
        // Mean difference over 0.5 m bands (a band averages over the faint grid lines).
        auto band = [&](float from_m) {
            float sum = 0.0f;
            for (int i = 0; i < 10; ++i) sum += std::abs(floor_minus_bare(from_m + 0.05f * static_cast<float>(i), angle));
            return sum / 10.0f;
        };
        const float near = band(0.5f), middle = band(2.5f), far = band(3.5f);
        EXPECT_GT(near, 4.0f) << "the floor shows near the subject, direction " << k;
        EXPECT_GT(near, middle) << "it fades with distance, direction " << k;
        EXPECT_GT(middle, far) << "it fades with distance, direction " << k;
        EXPECT_GT(far, 0.75f) << "the floor reaches past 3.5 m, direction " << k;
        for (float r_m = 4.55f; r_m < 6.0f; r_m += 0.05f)
            EXPECT_LT(std::abs(floor_minus_bare(r_m, angle)), 1.5f) << "still floor at " << r_m << " m, direction " << k;
    }
    save_on_failure(floor, "floor_fade_fail.png");
}

// Every pass at once (floor and contact shadow, opaque and translucent items, both kinds of line,
// antialiasing) drawn straight into a destination that has depth and stencil, and drawn offscreen
// then copied into one that has not: the same picture. A bigger destination drawn from its
// corner keeps its pixels outside the viewport; a viewport away from the corner takes the copy.
TEST_F(RenderGl, DrawingInPlaceGivesTheSamePictureAsDrawingOffscreenAndCopying) {
    gfx::Renderer r(*shaders_);
    gfx::GpuMesh sphere(coloured(core::make_uv_sphere(0.3f, 32, 16), {200, 180, 160, 255}));
    gfx::GpuMesh shell(core::make_box({0.5f, 0.5f, 0.5f}));
    gfx::FrameDesc f = base_frame();
    f.draw_floor = true;
    f.fxaa = true;
    f.camera.target = {0, 0.3f, 0};
    f.camera.distance_m = 3.0f;
    f.camera.orbit(0.4f, core::deg_to_rad(25.0f));
    f.items.push_back({&sphere, glm::translate(glm::mat4(1.0f), {0, 0.32f, 0})});
    gfx::DrawItem glass{&shell, glm::translate(glm::mat4(1.0f), {0, 0.5f, 0})};
    glass.color = {0.4f, 0.6f, 0.9f, 0.4f};
    f.items.push_back(glass);
    f.lines.push_back({{{-0.6f, 0.0f, 0.0f}, {0.6f, 1.0f, 0.0f}}, {1.0f, 0.8f, 0.1f, 1.0f}, 3.0f, true});
    f.lines.push_back({{{0.0f, 0.0f, -0.6f}, {0.0f, 1.0f, 0.6f}}, {0.1f, 0.9f, 0.3f, 1.0f}, 2.0f, false});

    auto draw = [&](const gfx::FrameDesc& frame, glm::ivec2 target_size, bool depth, glm::ivec4 viewport) {
        gfx::RenderTarget target(target_size, GL_RGBA8, depth);
        target.bind();
        glClearColor(1.0f, 0.0f, 1.0f, 1.0f);  // magenta: whatever the frame leaves alone
        glClear(GL_COLOR_BUFFER_BIT);
        r.render(frame, target.fbo(), viewport);
        return std::pair{gfx::read_framebuffer(target.fbo(), target_size, false, false), r.stats().drawn_in_place};
    };
    const glm::ivec4 whole{0, 0, size.x, size.y};
    for (const bool transparent : {false, true}) {
        gfx::FrameDesc frame = f;
        frame.transparent_background = transparent;
        frame.draw_floor = !transparent;
        const auto [in_place, was_in_place] = draw(frame, size, true, whole);
        const auto [copied, was_copied] = draw(frame, size, false, whole);
        EXPECT_TRUE(was_in_place);
        EXPECT_FALSE(was_copied);
        EXPECT_EQ(in_place.rgba, copied.rgba) << (transparent ? "transparent background" : "backdrop");
        save_on_failure(in_place, transparent ? "in_place_alpha_fail.png" : "in_place_fail.png");
    }

    // A destination 40 pixels wider and taller, drawn from its corner (GL's lower left).
    const auto [big, big_in_place] = draw(f, size + 40, true, whole);
    const auto [reference, ref_in_place] = draw(f, size, false, whole);
    EXPECT_TRUE(big_in_place);
    int mismatched = 0;
    for (int y = 0; y < size.y + 40; ++y)
        for (int x = 0; x < size.x + 40; ++x) {
            const std::uint8_t* p = big.pixel(x, y);
            // Image rows run top-down: the viewport is the bottom-left size.x by size.y.
            const bool inside = x < size.x && y >= 40;
            const std::uint8_t magenta[4] = {255, 0, 255, 255};
            const std::uint8_t* want = inside ? reference.pixel(x, y - 40) : magenta;
            if (!std::equal(p, p + 4, want)) ++mismatched;
        }
    EXPECT_EQ(mismatched, 0) << "the viewport holds the frame and the rest is untouched";

    // Away from the corner: drawn offscreen and copied to the same place.
    const auto [shifted, shifted_in_place] = draw(f, size + 40, true, {40, 0, size.x, size.y});
    EXPECT_FALSE(shifted_in_place);
    EXPECT_TRUE(std::equal(shifted.pixel(40, 40), shifted.pixel(40, 40) + 4, reference.pixel(0, 0)));
    EXPECT_TRUE(
        std::equal(shifted.pixel(size.x + 39, size.y + 39), shifted.pixel(size.x + 39, size.y + 39) + 4, reference.pixel(size.x - 1, size.y - 1)));
    EXPECT_EQ(shifted.pixel(10, 10)[1], 0) << "left of the viewport stays magenta";

    // The window (this test's 64x64 offscreen one) asks for depth and stencil: drawn in place too.
    r.render(f, 0, {0, 0, 64, 64});
    EXPECT_TRUE(r.stats().drawn_in_place);
    const gfx::Image window = gfx::read_framebuffer(0, {64, 64}, false, true);
    gfx::RenderTarget small({64, 64}, GL_RGBA8, false);
    r.render(f, small.fbo(), {0, 0, 64, 64});
    EXPECT_FALSE(r.stats().drawn_in_place);
    EXPECT_EQ(window.rgba, gfx::read_framebuffer(small.fbo(), {64, 64}, false, true).rgba);
    EXPECT_EQ(gfx::gl_errors(), "");
}

TEST_F(RenderGl, TrianglesFacingAwayAreDroppedBeforeSendingAsTheRasteriserWouldDropThem) {
    // The renderer drops back faces on the CPU (face_cull.hpp), in each mesh's own space. A mesh
    // mirrored by its transform and the same mesh with its vertices reflected are the same
    // triangles, wound the same way, on screen: the rasteriser treats both alike (a mirrored
    // mesh shows its inside, as on any GPU), so the pictures and the counts sent must match.
    // Both kinds of mesh: static (culled with face planes) and dynamic (from the positions).
    gfx::Renderer r(*shaders_);
    core::MeshData source = coloured(core::make_uv_sphere(0.6f, 40, 20), {190, 170, 150, 255});
    for (auto& v : source.vertices) v.position.x *= 1.0f + 0.4f * v.position.y;  // not symmetric in x
    core::MeshData reflected = source;
    for (auto& v : reflected.vertices) {
        v.position.x = -v.position.x;
        v.normal.x = -v.normal.x;
    }
    for (bool dynamic : {false, true}) {
        gfx::GpuMesh original(source, dynamic), mirror_image(reflected, dynamic);
        gfx::FrameDesc f = base_frame();
        f.camera.set_preset(core::ViewPreset::right);
        f.camera.orbit(0.4f, 0.3f);
        f.items = {{&mirror_image}};
        const gfx::Image direct = r.render_to_image(f, size);
        const gfx::RenderStats direct_stats = r.stats();
        f.items = {{&original, glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f))}};
        const gfx::Image mirrored = r.render_to_image(f, size);
        EXPECT_EQ(r.stats().triangles, direct_stats.triangles) << "dynamic " << dynamic;
        EXPECT_EQ(r.stats().triangles + r.stats().triangles_culled, original.triangle_count());
        // A little over half a closed mesh faces away in perspective.
        EXPECT_GT(r.stats().triangles_culled, original.triangle_count() * 2 / 5);
        EXPECT_LT(r.stats().triangles_culled, original.triangle_count() * 3 / 5);
        int differing = 0, covered = 0;
        for (int y = 0; y < size.y; ++y)
            for (int x = 0; x < size.x; ++x) {
                const auto* a = mirrored.pixel(x, y);
                const auto* b = direct.pixel(x, y);
                differing += std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])}) > 2 ? 1 : 0;
                covered += a[0] > a[2] + 20 ? 1 : 0;  // warm sphere on the cool backdrop
            }
        EXPECT_GT(covered, 5000) << "dynamic " << dynamic;
        EXPECT_LE(differing, 3) << "dynamic " << dynamic;
        save_on_failure(mirrored, "mirrored_fail.png");
        save_on_failure(direct, "reflected_fail.png");
    }
    EXPECT_EQ(gfx::gl_errors(), "");
}

// A patient's image behind the model: drawn where its corners project, with its own colours at
// full opacity, see-through at half, and always under the items in front of it.
TEST_F(RenderGl, TheUnderlayShowsItsImageUnderTheItems) {
    // A 2 x 2 image: red, green on top; blue, white below.
    const std::uint8_t texels[16] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255};
    gfx::Texture tex = gfx::create_texture();
    glBindTexture(GL_TEXTURE_2D, tex.id());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 2, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
    glBindTexture(GL_TEXTURE_2D, 0);
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();  // looking at the front: x to the viewer's left, y up
    gfx::Underlay u;
    u.texture = tex.id();
    u.corners = {glm::vec3(1.0f, 1.0f, -0.5f), glm::vec3(-1.0f, 1.0f, -0.5f), glm::vec3(-1.0f, -1.0f, -0.5f), glm::vec3(1.0f, -1.0f, -0.5f)};
    f.underlay = u;
    gfx::GpuMesh sphere(core::make_uv_sphere(0.15f, 16, 8));
    f.items.push_back({&sphere, glm::translate(glm::mat4(1.0f), glm::vec3(-0.5f, 0.5f, -1.0f))});  // behind the image, inside its green quarter
    const gfx::Image img = r.render_to_image(f, size);
    auto at = [&](glm::vec3 w) {
        const auto p = f.camera.project(w, glm::vec2(size));
        EXPECT_TRUE(p.has_value());
        return img.pixel(static_cast<int>(p->x), static_cast<int>(p->y));
    };
    const auto* red = at({0.5f, 0.75f, -0.5f});  // top-left corner's quarter (on screen: left)
    const auto* blue = at({0.5f, -0.5f, -0.5f});
    const auto* white = at({-0.5f, -0.5f, -0.5f});
    EXPECT_GT(red[0], 200);
    EXPECT_LT(red[1], 40);
    EXPECT_GT(blue[2], 200);
    EXPECT_LT(blue[0], 40);
    EXPECT_GT(white[0], 200);
    EXPECT_GT(white[1], 200);
    // The sphere is behind the image in space, yet drawn over it: the image is a backdrop.
    const auto* ball = at({-0.5f, 0.5f, -1.0f});
    EXPECT_GT(ball[0], 100) << "the item must cover the image (its green quarter has no red)";
    // Half opacity: the backdrop shows through.
    f.underlay->opacity = 0.5f;
    const gfx::Image half = r.render_to_image(f, size);
    const auto p = f.camera.project({0.5f, 0.75f, -0.5f}, glm::vec2(size));
    const auto* faded = half.pixel(static_cast<int>(p->x), static_cast<int>(p->y));
    EXPECT_LT(faded[0], red[0] - 20);
    EXPECT_GT(faded[0], faded[1] + 40);
    save_on_failure(img, "underlay_fail.png");
}

TEST_F(RenderGl, ACpuMeshIsUploadedOncePerRevisionAndKeptUnderItsKey) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    auto red = std::make_shared<core::MeshData>(coloured(core::make_box({0.3f, 0.3f, 0.05f}), {255, 0, 0, 255}));
    gfx::DrawItem item;
    item.cpu = {7, 1, red, std::make_shared<std::vector<std::uint32_t>>(red->vertices.size(), 42u)};
    item.per_vertex_ids = true;
    f.items.push_back(item);
    gfx::Image img = r.render_to_image(f, size);
    EXPECT_GT(img.pixel(size.x / 2, size.y / 2)[0], 150) << "the CPU mesh is drawn";
    EXPECT_EQ(r.cpu_mesh_uploads(), 1u);
    // Its vertex ids pick.
    EXPECT_EQ(r.pick(f, size, size / 2).id, 42u);
    r.render_to_image(f, size);
    EXPECT_EQ(r.cpu_mesh_uploads(), 1u) << "the same revision is not sent again";
    EXPECT_EQ(r.cpu_meshes_kept(), 1u);

    // A new revision under the same key replaces the contents; another key keeps its own mesh.
    auto green = std::make_shared<core::MeshData>(coloured(core::make_box({0.3f, 0.3f, 0.05f}), {0, 255, 0, 255}));
    f.items[0].cpu = {7, 2, green, nullptr};
    img = r.render_to_image(f, size);
    EXPECT_GT(img.pixel(size.x / 2, size.y / 2)[1], 150);
    EXPECT_LT(img.pixel(size.x / 2, size.y / 2)[0], 100);
    EXPECT_EQ(r.cpu_mesh_uploads(), 2u);
    EXPECT_EQ(r.cpu_meshes_kept(), 1u);
    EXPECT_EQ(r.pick(f, size, size / 2).id, 0u) << "no ids: nothing to pick";
    f.items[0].cpu.key = 8;
    r.render_to_image(f, size);
    EXPECT_EQ(r.cpu_meshes_kept(), 2u);
    save_on_failure(img, "cpu_mesh_fail.png");
}

TEST_F(RenderGl, PosedVerticesMoveOverTheSameTrianglesAndCoarseLevelsDrawOnlyWhereOffered) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    const auto rest = std::make_shared<const core::MeshData>(coloured(core::make_uv_sphere(0.3f, 48, 24), {255, 0, 0, 255}));
    // A "coarse level": every other triangle, with an error far under a pixel, so it is chosen.
    auto levels = std::make_shared<std::vector<gfx::CoarseIndices>>(1);
    for (std::size_t t = 0; t < rest->indices.size() / 3; t += 2)
        for (int k = 0; k < 3; ++k) (*levels)[0].indices.push_back(rest->indices[3 * t + static_cast<std::size_t>(k)]);
    (*levels)[0].error_m = 1e-6f;
    auto posed_at = [&](glm::vec3 shift, std::uint64_t revision) {
        auto v = std::make_shared<std::vector<core::Vertex>>(rest->vertices);
        for (auto& vertex : *v) vertex.position += shift;
        gfx::CpuMesh m;
        m.key = 11;
        m.revision = revision;
        m.mesh = rest;
        m.vertices = std::move(v);
        m.coarse = levels;
        return m;
    };
    gfx::DrawItem item;
    item.cpu = posed_at(glm::vec3(-0.6f, 0.0f, 0.0f), 1);
    f.items.push_back(item);
    gfx::Image img = r.render_to_image(f, size);
    const auto left = f.camera.project({-0.6f, 0.0f, 0.0f}, glm::vec2(size));
    const auto right = f.camera.project({0.6f, 0.0f, 0.0f}, glm::vec2(size));
    ASSERT_TRUE(left && right);
    EXPECT_GT(img.pixel(static_cast<int>(left->x), static_cast<int>(left->y))[0], 120) << "drawn where it was posed";
    EXPECT_EQ(r.stats().coarse_draws, 1u) << "the offered level, its error under a pixel";
    EXPECT_EQ(r.stats().triangles + r.stats().triangles_culled, (*levels)[0].indices.size() / 3);
    EXPECT_EQ(r.cpu_mesh_uploads(), 1u);

    // Posed again: only the vertices go up, and the level moves with them.
    f.items[0].cpu = posed_at(glm::vec3(0.6f, 0.0f, 0.0f), 2);
    img = r.render_to_image(f, size);
    EXPECT_LT(img.pixel(static_cast<int>(left->x), static_cast<int>(left->y))[0], 80) << "gone from where it was";
    EXPECT_GT(img.pixel(static_cast<int>(right->x), static_cast<int>(right->y))[0], 120) << "drawn where it is now";
    EXPECT_EQ(r.stats().coarse_draws, 1u);
    EXPECT_EQ(r.cpu_mesh_uploads(), 2u);

    // Not offered the levels: every triangle.
    f.items[0].cpu.coarse = nullptr;
    r.render_to_image(f, size);
    EXPECT_EQ(r.stats().coarse_draws, 0u);
    EXPECT_EQ(r.stats().triangles + r.stats().triangles_culled, rest->triangle_count());
    // A shadow caster may ask for a level alone.
    f.items[0].cpu.coarse = levels;
    f.items[0].cpu.only_level = 1;
    r.render_to_image(f, size);
    EXPECT_EQ(r.stats().triangles + r.stats().triangles_culled, (*levels)[0].indices.size() / 3);
    EXPECT_EQ(r.cpu_mesh_uploads(), 2u) << "none of that sent anything again";
    save_on_failure(img, "posed_cpu_mesh_fail.png");
}

TEST_F(RenderGl, AMeshNoFrameDrawsIsLetGoAfterAWhile) {
    gfx::Renderer r(*shaders_);
    gfx::FrameDesc f = base_frame();
    const auto box = std::make_shared<const core::MeshData>(core::make_box({0.2f, 0.2f, 0.2f}));
    gfx::DrawItem item;
    item.cpu.key = 1;
    item.cpu.revision = 1;
    item.cpu.mesh = box;
    item.cpu.dynamic = false;
    f.items.push_back(item);
    r.render_to_image(f, size);
    // Another mesh from now on (a body rebuilt): the first is kept a while, then let go.
    f.items[0].cpu.key = 2;
    const glm::ivec2 small{8, 8};  // cheap frames
    for (std::uint64_t i = 0; i < gfx::Renderer::forget_after; ++i) r.render_to_image(f, small);
    EXPECT_EQ(r.cpu_meshes_kept(), 2u) << "kept while recently drawn";
    r.render_to_image(f, small);
    r.render_to_image(f, small);
    EXPECT_EQ(r.cpu_meshes_kept(), 1u) << "the mesh no frame drew is let go";
    EXPECT_EQ(r.cpu_mesh_uploads(), 2u);
}
