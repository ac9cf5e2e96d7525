#include "gfx/renderer.hpp"

#include "core/error.hpp"
#include "gfx/contact_shadow.hpp"
#include "gfx/face_cull.hpp"

#include <glm/gtc/matrix_inverse.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace gfx {

// [SECTION] Set-up

namespace {
// Soft shadow: low resolution is a feature. 64 texels over the body's footprint plus margin is
// about 3 cm a texel, under the blur's 15 cm reach; the floor reads the map filtered, so texel
// steps never show.
constexpr int shadow_resolution_px = 64;
// The floor shader fades the floor out by 4.5 m from the camera's target (floor.frag): an octagon
// around a 4.6 m circle is all of it that shows (a square would spend a quarter more pixels on
// faded-out corners). Few triangles on purpose: llvmpipe fills a tile a triangle covers whole much
// faster than one that triangle edges cross, and a 48-sided fan was 3% of a frame slower.
constexpr float floor_radius_m = 4.6f;
constexpr int floor_sides = 8;

core::MeshData make_floor_octagon() {
    core::MeshData m;
    const glm::vec3 n{0, 1, 0};
    const float corner = floor_radius_m / std::cos(core::pi / static_cast<float>(floor_sides));  // edges touch the circle
    for (int k = 0; k < floor_sides; ++k) {
        const float a = 2.0f * core::pi * static_cast<float>(k) / static_cast<float>(floor_sides);
        m.vertices.push_back(
            {{corner * std::cos(a), 0.0f, corner * std::sin(a)}, n, {0.5f + 0.5f * std::cos(a), 0.5f + 0.5f * std::sin(a)}, {255, 255, 255, 255}});
    }
    // A fan from the first corner: six triangles, counter-clockwise seen from above.
    for (std::uint32_t k = 1; k + 1 < static_cast<std::uint32_t>(floor_sides); ++k) m.indices.insert(m.indices.end(), {0u, k + 1, k});
    return m;
}

// The unit square [0,1]^2 on the floor plane (x, z), facing up; placed over the shadow's rectangle.
core::MeshData make_unit_quad() {
    core::MeshData m;
    const glm::vec3 n{0, 1, 0};
    m.vertices = {{{0, 0, 0}, n, {0, 0}, {255, 255, 255, 255}},
                  {{1, 0, 0}, n, {1, 0}, {255, 255, 255, 255}},
                  {{1, 0, 1}, n, {1, 1}, {255, 255, 255, 255}},
                  {{0, 0, 1}, n, {0, 1}, {255, 255, 255, 255}}};
    m.indices = {0, 2, 1, 0, 3, 2};
    return m;
}

// Lights travel with the camera so every view is lit like a studio photo:
// key from upper left in front, fill from the right, rim from behind.
struct LightRig {
    glm::vec3 key, fill, rim;
};
LightRig light_rig(const core::OrbitCamera& cam) {
    const glm::vec3 f = cam.forward(), r = cam.right(), u = glm::vec3(0, 1, 0);
    return {glm::normalize(-f * 0.55f + u * 0.75f - r * 0.45f), glm::normalize(-f * 0.7f + r * 0.7f + u * 0.05f),
            glm::normalize(f * 0.8f + u * 0.45f + r * 0.2f)};
}

// Per-material lighting: wrap (light past the terminator), specular strength, rim strength,
// how much baked occlusion darkens, and fibre striation contrast.
struct MaterialParams {
    glm::vec4 packed;
    float fibres;
};
MaterialParams material_params(Shading s) {
    switch (s) {
        case Shading::bone: return {{0.35f, 0.06f, 0.22f, 1.0f}, 0.0f};      // matte ivory, cavities darker
        case Shading::cartilage: return {{0.5f, 0.22f, 0.35f, 0.6f}, 0.0f};  // glossy, translucent look
        case Shading::muscle: return {{0.45f, 0.14f, 0.30f, 0.8f}, 1.0f};    // moist, striated
        case Shading::skin: return {{0.6f, 0.05f, 0.6f, 0.0f}, 0.0f};        // a soft shell
        case Shading::prop: return {{0.3f, 0.03f, 0.10f, 0.5f}, 0.0f};       // matte equipment
        case Shading::plain: break;
    }
    return {{0.25f, 0.10f, 0.25f, 0.0f}, 0.0f};
}

}  // namespace

Renderer::Renderer(const ShaderLibrary& shaders) : shaders_(shaders) {
    empty_vao_ = create_vertex_array();
    floor_mesh_ = GpuMesh(make_floor_octagon());
    shadow_quad_ = GpuMesh(make_unit_quad());
    line_mesh_ = GpuMesh(core::MeshData{}, true);
    shadow_ = RenderTarget({shadow_resolution_px, shadow_resolution_px}, GL_R8, false);
}

// [SECTION] Contact shadow

namespace {
// What the contact shadow depends on: the floor's height and each opaque caster's mesh (its
// contents' version) and placement. FNV-1a over those bytes; never 0.
std::uint64_t shadow_key(const std::vector<DrawItem>& casters, float floor_y) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const void* data, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    };
    mix(&floor_y, sizeof(floor_y));
    for (const auto& item : casters) {
        if (!item.mesh || !item.casts_shadow || item.color.a < 0.99f) continue;
        const std::uint64_t version = item.mesh->content_version();
        const GpuMesh* mesh = item.mesh;
        mix(&version, sizeof(version));
        mix(&mesh, sizeof(mesh));
        mix(&item.world_from_mesh, sizeof(item.world_from_mesh));
    }
    return h == 0 ? 1 : h;
}
}  // namespace

void Renderer::start_shadow(const FrameDesc& frame) {
    stats_.shadow_updated = false;
    if (shadow_job_.valid()) {  // the last frame stopped (threw) before uploading its shadow: redo it
        shadow_job_.wait();
        shadow_job_ = {};
        shadow_key_ = 0;
    }
    const std::vector<DrawItem>& casters = frame.shadow_casters.empty() ? frame.items : frame.shadow_casters;
    const std::uint64_t key = shadow_key(casters, frame.floor_y_m);
    if (key == shadow_key_) return;
    shadow_key_ = key;
    stats_.shadow_updated = true;

    core::Bounds b;
    for (const auto& item : casters)
        if (item.mesh && item.casts_shadow && item.color.a >= 0.99f) b.add(item.mesh->bounds().transformed(item.world_from_mesh));
    if (b.empty()) b.add(glm::vec3(0.0f));
    constexpr float blur_margin_m = 0.35f;  // room for the penumbra around the footprint
    const float half = std::max(b.max.x - b.min.x, b.max.z - b.min.z) * 0.5f + blur_margin_m;
    const glm::vec3 c = b.center();
    shadow_rect_ = {c.x - half, c.z - half, 2.0f * half, 2.0f * half};

    // Computed on the CPU (see contact_shadow.hpp); x maps to u, z maps to v. The worker only
    // reads the meshes' CPU copies, which nothing changes during a frame.
    std::vector<ShadowCaster> shadow_casters;
    for (const auto& item : casters) {
        if (!item.mesh || !item.casts_shadow || item.color.a < 0.99f) continue;
        shadow_casters.push_back({item.mesh->positions(), item.mesh->indices(), item.world_from_mesh});
    }
    shadow_job_ = std::async(std::launch::async, [this, shadow_casters = std::move(shadow_casters), floor_y = frame.floor_y_m] {
        render_contact_shadow(shadow_casters, floor_y, shadow_rect_, shadow_resolution_px, shadow_texels_);
        shadow_extent_ = shadow_extent(shadow_texels_, shadow_resolution_px);
    });
}

void Renderer::finish_shadow() {
    if (!shadow_job_.valid()) return;
    shadow_job_.get();  // rethrows what the worker threw
    glBindTexture(GL_TEXTURE_2D, shadow_.color());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, shadow_resolution_px, shadow_resolution_px, GL_RED, GL_UNSIGNED_BYTE, shadow_texels_.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
}

// [SECTION] Back-face culling

void Renderer::start_culling(const FrameDesc& frame, glm::vec3 eye, float px_per_m_at_1) {
    if (cull_job_.valid()) cull_job_.wait();  // the last frame stopped (threw) before finishing
    cull_job_ = {};
    // The coarsest level whose error stays under a pixel at the item's nearest point.
    auto level_of_detail = [&](const DrawItem& item) -> std::size_t {
        const glm::vec3 centre = glm::vec3(item.world_from_mesh * glm::vec4(item.mesh->bounds().center(), 1.0f));
        const float radius = item.mesh->bounds().radius();
        const float nearest = std::max(glm::distance(centre, eye) - radius, 1e-3f);  // the item's closest point
        constexpr float max_error_px = 1.0f;                                         // a silhouette off by at most a pixel, before FXAA
        for (std::size_t k = coarse_levels; k > 0; --k) {
            const CoarseLevel& level = item.coarse[k - 1];
            if (level.mesh && !level.mesh->empty() && level.error_m * px_per_m_at_1 / nearest < max_error_px) return k;
        }
        return 0;
    };
    struct Job {
        std::size_t item;
        std::span<const glm::vec3> positions;
        std::span<const std::uint32_t> indices;
        std::span<const glm::vec4> planes;  // where the mesh has them (it never moves)
        glm::vec3 eye;                      // in the mesh's space
        bool mirrored;
        float tolerance;  // with planes: how far behind one the eye may be
    };
    std::vector<Job> jobs;
    item_draws_.assign(frame.items.size(), {});
    std::size_t total = 0;
    for (std::size_t i = 0; i < frame.items.size(); ++i) {
        const DrawItem& item = frame.items[i];
        if (!item.mesh || item.mesh->empty()) continue;
        ItemDraw& d = item_draws_[i];
        d.level = level_of_detail(item);
        d.mesh = d.level == 0 ? item.mesh : item.coarse[d.level - 1].mesh;
        const glm::vec3 local_eye = glm::vec3(glm::inverse(item.world_from_mesh) * glm::vec4(eye, 1.0f));
        const core::Bounds& b = d.mesh->bounds();
        const float farthest = glm::distance(local_eye, b.center()) + b.radius();
        jobs.push_back({i, d.mesh->positions(), d.mesh->indices(), d.mesh->face_planes(), local_eye,
                        glm::determinant(glm::mat3(item.world_from_mesh)) < 0.0f, 1e-4f * farthest});
        total += d.mesh->indices().size();
    }
    culled_indices_.clear();
    culled_indices_.reserve(total);
    // The worker reads the meshes' CPU copies, which nothing changes during a frame.
    cull_job_ = std::async(std::launch::async, [this, jobs = std::move(jobs)] {
        for (const Job& job : jobs) {
            ItemDraw& d = item_draws_[job.item];
            d.first = culled_indices_.size();
            if (job.planes.empty())
                append_front_faces(job.positions, job.indices, job.eye, job.mirrored, culled_indices_);
            else
                append_front_faces(job.planes, job.indices, job.eye, job.mirrored, job.tolerance, culled_indices_);
            d.count = culled_indices_.size() - d.first;
        }
    });
}

void Renderer::finish_culling() {
    if (!cull_job_.valid()) return;
    cull_job_.get();  // rethrows what the worker threw
    if (!culled_ibo_) culled_ibo_ = create_buffer();
    // Through the copy target: binding GL_ELEMENT_ARRAY_BUFFER would change the bound vertex array.
    glBindBuffer(GL_COPY_WRITE_BUFFER, culled_ibo_.id());
    glBufferData(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(culled_indices_.size() * sizeof(std::uint32_t)), culled_indices_.data(),
                 GL_STREAM_DRAW);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
}

// [SECTION] Scene

void Renderer::draw_scene(const FrameDesc& frame, glm::ivec2 size) {
    const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
    const glm::mat4 view = frame.camera.view();
    const glm::mat4 proj = frame.camera.projection(aspect);
    const glm::mat4 view_proj = proj * view;
    const glm::vec3 eye = frame.camera.eye();
    // Pixels per metre at unit distance: a length L at distance d covers L * px_per_m_at_1 / d.
    const float px_per_m_at_1 = static_cast<float>(size.y) / (2.0f * std::tan(frame.camera.fov_y_rad * 0.5f));
    // Sending triangles to llvmpipe is single-threaded work that leaves the other core idle, so
    // two jobs run on a worker meanwhile: the back faces are dropped while this thread copies the
    // backdrop in (the triangles sent are then a little under half; 6% faster a frame), and the
    // contact shadow is computed while it sends the opaque items. The shadow starts only once the
    // culling is done: run side by side, the two jobs shared the one idle core and this thread
    // waited for the culling.
    start_culling(frame, eye, px_per_m_at_1);

    // The backdrop (gradient and floor), or clear colour for a transparent background. One clear,
    // kept to the viewport: a destination drawn in place may be larger.
    GLbitfield clear = GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT;
    if (frame.transparent_background)
        clear |= GL_COLOR_BUFFER_BIT;
    else
        draw_backdrop(frame, size);
    bind_frame();
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, size.x, size.y);
    glClearColor(0, 0, 0, 0);
    glClearDepth(1.0);
    glClearStencil(0);
    glClear(clear);
    glDisable(GL_SCISSOR_TEST);

    // Two programs: the key light per pixel, or everything per vertex for meshes whose triangles
    // cover only a few pixels (there the two look alike, and per-pixel work is most of a
    // software-rendered frame).
    const LightRig lights = light_rig(frame.camera);
    const ShaderProgram& per_pixel = shaders_.get("mesh");
    const ShaderProgram& per_vertex = shaders_.get("mesh_vertex_lit");
    for (const ShaderProgram* p : {&per_vertex, &per_pixel}) {
        p->use();
        p->set("u_view_proj", view_proj);
        p->set("u_camera_pos", eye);
        p->set("u_key_dir", lights.key);
        p->set("u_fill_dir", lights.fill);
        p->set("u_rim_dir", lights.rim);
    }
    const ShaderProgram* current = &per_pixel;

    // Per vertex where a triangle edge covers only a few pixels at the item's nearest point: up
    // to 24 for matte materials (bone, skin: side by side at 3x zoom the two paths look the same),
    // 6 for glossier ones, whose highlight would smear. Striated muscle keeps per-pixel light:
    // its fibre stripes are finer than its triangles.
    auto lit_per_vertex = [&](const DrawItem& item, const GpuMesh& mesh, const MaterialParams& m) {
        if (!frame.vertex_lighting || m.fibres > 0.0f) return false;
        constexpr float matte_specular = 0.1f;
        const float max_vertex_lit_edge_px = m.packed.y <= matte_specular ? 24.0f : 6.0f;
        const glm::vec3 centre = glm::vec3(item.world_from_mesh * glm::vec4(mesh.bounds().center(), 1.0f));
        const float scale = std::max({glm::length(glm::vec3(item.world_from_mesh[0])), glm::length(glm::vec3(item.world_from_mesh[1])),
                                      glm::length(glm::vec3(item.world_from_mesh[2]))});
        const float nearest = std::max(glm::distance(centre, eye) - mesh.bounds().radius() * scale, 1e-3f);
        return mesh.mean_edge() * scale * px_per_m_at_1 / nearest < max_vertex_lit_edge_px;
    };
    auto draw_item = [&](std::size_t index) {
        const DrawItem& item = frame.items[index];
        const ItemDraw& d = item_draws_[index];
        const MaterialParams m = material_params(item.shading);
        const std::size_t level = d.level;
        const GpuMesh* mesh = d.mesh;
        const ShaderProgram* program = lit_per_vertex(item, *mesh, m) ? &per_vertex : &per_pixel;
        if (program != current) {
            program->use();
            current = program;
        }
        const ShaderProgram& mp = *program;
        mp.set("u_model", item.world_from_mesh);
        mp.set("u_normal_matrix", glm::inverseTranspose(glm::mat3(item.world_from_mesh)));
        mp.set("u_color", item.color);
        mp.set("u_material", m.packed);
        mp.set("u_fibres", m.fibres);
        mp.set("u_edge_alpha", item.shading == Shading::skin ? 1 : 0);
        mp.set("u_highlight", item.highlight);
        mp.set_uint("u_highlight_id", item.highlight_id);
        mp.set("u_hide_arms", item.hide_arm_vertices ? 1 : 0);
        mp.set("u_highlight_color", item.highlight_color * item.highlight_color);  // sRGB-ish to linear
        mesh->draw_indices(culled_ibo_.id(), d.first, d.count);
        ++stats_.draw_calls;
        stats_.triangles += d.count / 3;
        stats_.triangles_culled += mesh->triangle_count() - d.count / 3;
        if (level > 0) {
            ++stats_.coarse_draws;
            ++stats_.coarse_level_draws[level - 1];
        }
        stats_.vertex_lit_draws += program == &per_vertex ? 1 : 0;
    };

    // The picture behind the model: over the backdrop, under everything, outside the
    // antialiasing mask (it is an image, not an edge to smooth).
    if (frame.underlay && frame.underlay->texture && frame.underlay->opacity > 0.0f) {
        const Underlay& u = *frame.underlay;
        const ShaderProgram& up = shaders_.get("underlay");
        up.use();
        up.set("u_view_proj", view_proj);
        for (int i = 0; i < 4; ++i) up.set(("u_corners[" + std::to_string(i) + "]").c_str(), u.corners[static_cast<std::size_t>(i)]);
        up.set("u_opacity", u.opacity);
        up.set("u_image", 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, u.texture);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_STENCIL_TEST);
        glDisable(GL_CULL_FACE);
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glBindVertexArray(empty_vao_.id());
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
        glDisable(GL_BLEND);
        glBindTexture(GL_TEXTURE_2D, 0);
        ++stats_.draw_calls;
        current->use();
    }

    // Every item and line marks the stencil: the antialiasing pass runs only there.
    glEnable(GL_STENCIL_TEST);
    glStencilFunc(GL_ALWAYS, 1, 0xFF);
    glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);

    // Opaque.
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    finish_culling();
    start_shadow(frame);
    std::vector<std::size_t> transparent;
    for (std::size_t i = 0; i < frame.items.size(); ++i) {
        const DrawItem& item = frame.items[i];
        if (!item_draws_[i].mesh) continue;
        if (item.color.a < 0.99f || item.shading == Shading::skin) {
            transparent.push_back(i);
            continue;
        }
        draw_item(i);
    }

    // The contact shadow, laid on the floor. Drawn after the opaque items with the depth test, it
    // darkens only the floor they leave visible (and gives alpha on a transparent background); it
    // marks no stencil, so the antialiasing skips it. No flush before it: the floor, the opaque
    // and the transparent items rasterise as one batch, each screen tile once while it is in cache.
    finish_shadow();
    if (frame.draw_floor && shadow_extent_.z > shadow_extent_.x) {
        bind_frame();
        glDisable(GL_STENCIL_TEST);
        glDisable(GL_CULL_FACE);
        glDepthMask(GL_FALSE);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_ZERO, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        const auto& sp = shaders_.get("floor_shadow");
        sp.use();
        // Only over the texels that hold shadow (and one more each side, where filtering still
        // reaches them): the rest of the map is zero and would blend to nothing.
        const glm::vec2 texel{shadow_rect_.z / shadow_resolution_px, shadow_rect_.w / shadow_resolution_px};
        const glm::ivec4 e = glm::clamp(shadow_extent_ + glm::ivec4(-1, -1, 1, 1), 0, shadow_resolution_px);
        const glm::vec2 lo = glm::vec2(shadow_rect_.x, shadow_rect_.y) + glm::vec2(e.x, e.y) * texel;
        const glm::vec2 extent = glm::vec2(e.z - e.x, e.w - e.y) * texel;
        const glm::mat4 model = glm::translate(glm::mat4(1.0f), glm::vec3(lo.x, frame.floor_y_m, lo.y)) *
                                glm::scale(glm::mat4(1.0f), glm::vec3(extent.x, 1.0f, extent.y));
        sp.set("u_view_proj", view_proj);
        sp.set("u_model", model);
        sp.set("u_shadow_rect", shadow_rect_);
        sp.set("u_strength", frame.transparent_background ? 0.65f : 0.85f);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, shadow_.color());
        sp.set("u_shadow", 0);
        shadow_quad_.draw();
        ++stats_.draw_calls;
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
        glEnable(GL_CULL_FACE);
        glEnable(GL_STENCIL_TEST);
        current->use();
    }

    // Transparent, far to near; depth tested, not written; colour premultiplied in the shader.
    if (!transparent.empty()) {
        auto distance = [&](std::size_t i) {
            const DrawItem& item = frame.items[i];
            return glm::distance(glm::vec3(item.world_from_mesh * glm::vec4(item.mesh->bounds().center(), 1.0f)), eye);
        };
        std::sort(transparent.begin(), transparent.end(), [&](std::size_t a, std::size_t b) { return distance(a) > distance(b); });
        glDepthMask(GL_FALSE);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        for (std::size_t i : transparent) draw_item(i);
        glDisable(GL_BLEND);
        glDepthMask(GL_TRUE);
    }
    glDisable(GL_CULL_FACE);

    draw_lines(frame, size, false);
    draw_lines(frame, size, true);
    glDisable(GL_STENCIL_TEST);
}

void Renderer::draw_floor(const FrameDesc& frame, const glm::mat4& view_proj) {
    // Blended over the gradient; writes no depth, so nothing z-fights with it.
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
    const auto& fp = shaders_.get("floor");
    fp.use();
    fp.set("u_view_proj", view_proj);
    fp.set("u_model", glm::translate(glm::mat4(1.0f), glm::vec3(frame.camera.target.x, frame.floor_y_m, frame.camera.target.z)));
    fp.set("u_center", glm::vec2(frame.camera.target.x, frame.camera.target.z));
    floor_mesh_.draw();
    ++stats_.draw_calls;
    glDisable(GL_BLEND);
}

void Renderer::draw_backdrop(const FrameDesc& frame, glm::ivec2 size) {
    stats_.backdrop_updated = false;
    const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
    auto copy = [&](const RenderTarget& from, GLuint to) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, from.fbo());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to);
        glBlitFramebuffer(0, 0, size.x, size.y, 0, 0, size.x, size.y, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    };

    // The gradient depends on the size alone.
    if (!gradient_.valid()) gradient_ = RenderTarget(size, GL_RGBA8, false);
    if (gradient_.resize(size) || !gradient_drawn_) {
        gradient_.bind();
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        glBindVertexArray(empty_vao_.id());
        const auto& bg = shaders_.get("background");
        bg.use();
        bg.set("u_aspect", aspect);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        ++stats_.draw_calls;
        gradient_drawn_ = true;
        backdrop_valid_ = false;
    }
    if (!frame.draw_floor) {
        copy(gradient_, frame_fbo_);
        return;
    }

    // The floor moves with the camera. Still camera: the cached gradient-and-floor is copied in.
    // Moving camera: the floor is drawn straight over a copy of the gradient, no cache to keep up;
    // the cache is rebuilt once the camera has held still for a frame.
    const BackdropKey key{frame.camera.projection(aspect) * frame.camera.view(), size, frame.floor_y_m, frame.camera.target};
    if (!backdrop_.valid()) backdrop_ = RenderTarget(size, GL_RGBA8, false);
    if (backdrop_.resize(size)) backdrop_valid_ = false;
    const bool still = key == last_key_;
    last_key_ = key;
    if (backdrop_valid_ && key == backdrop_key_) {
        copy(backdrop_, frame_fbo_);
        return;
    }
    stats_.backdrop_updated = true;
    if (!still) {
        copy(gradient_, frame_fbo_);
        bind_frame();
        draw_floor(frame, key.view_proj);
        return;
    }
    copy(gradient_, backdrop_.fbo());
    backdrop_.bind();
    draw_floor(frame, key.view_proj);
    backdrop_key_ = key;
    backdrop_valid_ = true;
    copy(backdrop_, frame_fbo_);
}

glm::ivec4 Renderer::subject_rect(const FrameDesc& frame, glm::ivec2 size) const {
    // The union of each item's (and line's) projected bounding box: much tighter than the
    // projection of one box around everything, whose far corners spread in perspective.
    const glm::ivec4 full{0, 0, size.x, size.y};
    glm::vec2 lo(1e9f), hi(-1e9f);
    bool any = false, behind = false;
    auto add_box = [&](const core::Bounds& b) {
        for (int i = 0; i < 8 && !behind; ++i) {
            const glm::vec3 c{(i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y, (i & 4) ? b.max.z : b.min.z};
            const auto p = frame.camera.project(c, glm::vec2(size));
            if (!p) {
                behind = true;
                return;
            }  // a corner behind the eye: do the whole view
            lo = glm::min(lo, *p);
            hi = glm::max(hi, *p);
        }
        any = true;
    };
    for (const auto& item : frame.items)
        if (item.mesh && !item.mesh->empty()) add_box(item.mesh->bounds().transformed(item.world_from_mesh));
    for (const auto& line : frame.lines) {
        core::Bounds b;
        for (const auto& p : line.points) b.add(p);
        if (!b.empty()) add_box(b);
    }
    if (behind) return full;
    if (!any) return {0, 0, 0, 0};
    constexpr float margin_px = 3.0f;  // FXAA reads a pixel or two beyond an edge
    const int x0 = std::clamp(static_cast<int>(lo.x - margin_px), 0, size.x);
    const int x1 = std::clamp(static_cast<int>(hi.x + margin_px) + 1, 0, size.x);
    // Projected y runs top-down; GL's scissor runs bottom-up.
    const int y0 = std::clamp(size.y - static_cast<int>(hi.y + margin_px) - 1, 0, size.y);
    const int y1 = std::clamp(size.y - static_cast<int>(lo.y - margin_px), 0, size.y);
    return {x0, y0, std::max(x1 - x0, 0), std::max(y1 - y0, 0)};
}

void Renderer::draw_lines(const FrameDesc& frame, glm::ivec2 size, bool on_top) {
    line_data_.vertices.clear();
    line_data_.indices.clear();
    for (const auto& line : frame.lines) {
        if (line.on_top != on_top || line.points.size() < 2) continue;
        const glm::u8vec4 color = glm::u8vec4(glm::clamp(line.color, 0.0f, 1.0f) * 255.0f + 0.5f);
        const std::size_t n = line.points.size();
        const std::size_t segments = line.closed ? n : n - 1;
        for (std::size_t i = 0; i < segments; ++i) {
            const glm::vec3 a = line.points[i], b = line.points[(i + 1) % n];
            const auto base = static_cast<std::uint32_t>(line_data_.vertices.size());
            // position = this end, normal = the other end; uv.x = side * half width, uv.y = which end.
            const float hw = line.width_px * 0.5f;
            line_data_.vertices.push_back({a, b, {-hw, 0.0f}, color});
            line_data_.vertices.push_back({a, b, {hw, 0.0f}, color});
            line_data_.vertices.push_back({b, a, {hw, 1.0f}, color});
            line_data_.vertices.push_back({b, a, {-hw, 1.0f}, color});
            line_data_.indices.insert(line_data_.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
        }
    }
    if (line_data_.indices.empty()) return;
    line_mesh_.update(line_data_);
    const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
    const auto& lp = shaders_.get("line");
    lp.use();
    lp.set("u_view_proj", frame.camera.projection(aspect) * frame.camera.view());
    lp.set("u_viewport", glm::vec2(size));
    if (on_top)
        glDisable(GL_DEPTH_TEST);
    else
        glEnable(GL_DEPTH_TEST);
    glDepthMask(GL_FALSE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    line_mesh_.draw();
    ++stats_.draw_calls;
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glEnable(GL_DEPTH_TEST);
}

// [SECTION] Entry points

Image read_framebuffer(GLuint fbo, glm::ivec2 size, bool unpremultiply, bool opaque) {
    Image img;
    img.width = size.x;
    img.height = size.y;
    img.rgba.assign(static_cast<std::size_t>(size.x) * static_cast<std::size_t>(size.y) * 4, 0xCD);  // poison: a skipped read shows
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    if (fbo == 0) glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, size.x, size.y, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // GL rows run bottom-up; images run top-down.
    const std::size_t row = static_cast<std::size_t>(size.x) * 4;
    for (int y = 0; y < size.y / 2; ++y)
        std::swap_ranges(img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * row),
                         img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y + 1) * row),
                         img.rgba.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(size.y - 1 - y) * row));
    for (std::size_t i = 0; i < img.rgba.size(); i += 4) {
        if (opaque) {
            img.rgba[i + 3] = 255;
            continue;
        }
        const int a = img.rgba[i + 3];
        if (!unpremultiply || a == 0 || a == 255) continue;
        for (std::size_t c = 0; c < 3; ++c) img.rgba[i + c] = static_cast<std::uint8_t>(std::min(255, (img.rgba[i + c] * 255 + a / 2) / a));
    }
    return img;
}

namespace {
// Whether the frame can be drawn straight into framebuffer `fbo` (0 = the window): single-sampled,
// 8 bits a colour channel (and alpha where the frame needs it), a depth buffer of 24 bits or more
// and an 8-bit stencil. Leaves `fbo` bound.
bool can_draw_in_place(GLuint fbo, bool needs_alpha) {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    GLint sample_buffers = 0;
    glGetIntegerv(GL_SAMPLE_BUFFERS, &sample_buffers);
    if (sample_buffers != 0) return false;
    auto bits = [&](GLenum attachment, GLenum pname) {
        GLint type = GL_NONE;
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, attachment, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
        if (type == GL_NONE) return 0;  // nothing attached: any other query would be an error
        GLint n = 0;
        glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, attachment, pname, &n);
        return static_cast<int>(n);
    };
    GLint draw_buffer = GL_BACK;  // the window's back buffer, or its only one
    if (fbo == 0) glGetIntegerv(GL_DRAW_BUFFER, &draw_buffer);
    const GLenum color = fbo != 0 ? GL_COLOR_ATTACHMENT0 : draw_buffer == GL_FRONT ? GL_FRONT_LEFT : GL_BACK_LEFT;
    const GLenum depth = fbo == 0 ? GL_DEPTH : GL_DEPTH_ATTACHMENT;
    const GLenum stencil = fbo == 0 ? GL_STENCIL : GL_STENCIL_ATTACHMENT;
    return bits(color, GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE) == 8 && bits(color, GL_FRAMEBUFFER_ATTACHMENT_GREEN_SIZE) == 8 &&
           bits(color, GL_FRAMEBUFFER_ATTACHMENT_BLUE_SIZE) == 8 && (!needs_alpha || bits(color, GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE) == 8) &&
           bits(depth, GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE) >= 24 && bits(stencil, GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE) >= 8;
}
}  // namespace

void Renderer::bind_frame() const {
    glBindFramebuffer(GL_FRAMEBUFFER, frame_fbo_);
    glViewport(0, 0, frame_size_.x, frame_size_.y);
}

void Renderer::upload(KeptMesh& kept, const CpuMesh& cpu, bool added) {
    const std::span<const std::uint32_t> ids = cpu.ids ? std::span<const std::uint32_t>(*cpu.ids) : std::span<const std::uint32_t>{};
    bool levels_stale = kept.coarse_source != cpu.coarse && cpu.coarse;
    if (added || kept.revision != cpu.revision) {
        if (!added && cpu.vertices && kept.triangles == cpu.mesh) {
            kept.mesh.update_vertices(*cpu.vertices);  // the same triangles: only the vertices move, the levels with them
        } else {
            if (cpu.vertices) {
                core::MeshData posed;
                posed.vertices = *cpu.vertices;
                posed.indices = cpu.mesh->indices;
                kept.mesh = GpuMesh(posed, cpu.dynamic, ids);
            } else if (added || !cpu.dynamic || kept.coarse_source) {
                kept.mesh = GpuMesh(*cpu.mesh, cpu.dynamic, ids);
            } else {
                kept.mesh.update(*cpu.mesh, ids);
            }
            kept.triangles = cpu.vertices ? cpu.mesh : nullptr;
            levels_stale = levels_stale || kept.coarse_source;  // they named the old buffers
        }
        kept.revision = cpu.revision;
        ++cpu_mesh_uploads_;
    }
    if (!levels_stale) return;
    // The levels draw the full mesh's vertex buffers: made again whenever it is.
    kept.coarse_source = cpu.coarse;
    for (std::size_t k = 0; k < coarse_levels; ++k) {
        kept.coarse[k].reset();
        kept.coarse_error_m[k] = 0.0f;
        if (cpu.coarse && k < cpu.coarse->size() && !(*cpu.coarse)[k].indices.empty()) {
            kept.coarse[k] = std::make_unique<GpuMesh>(kept.mesh, (*cpu.coarse)[k].indices);
            kept.coarse_error_m[k] = (*cpu.coarse)[k].error_m;
        }
    }
}

const FrameDesc& Renderer::uploaded(const FrameDesc& frame) {
    auto has_cpu = [](const DrawItem& item) { return !item.mesh && item.cpu.mesh; };
    if (std::none_of(frame.items.begin(), frame.items.end(), has_cpu) &&
        std::none_of(frame.shadow_casters.begin(), frame.shadow_casters.end(), has_cpu))
        return frame;
    uploaded_frame_ = frame;
    ++uploads_;
    auto resolve = [&](DrawItem& item) {
        if (!has_cpu(item)) return;
        auto [it, added] = cpu_meshes_.try_emplace(item.cpu.key);
        KeptMesh& kept = it->second;
        upload(kept, item.cpu, added);
        kept.last_used = uploads_;
        const int only = item.cpu.only_level;
        if (only > 0 && only <= static_cast<int>(coarse_levels) && kept.coarse[static_cast<std::size_t>(only - 1)]) {
            item.mesh = kept.coarse[static_cast<std::size_t>(only - 1)].get();
            item.coarse = {};
        } else {
            item.mesh = &kept.mesh;
            // The levels this item offers (none where it gives none: a view that wants every triangle).
            if (item.cpu.coarse)
                for (std::size_t k = 0; k < coarse_levels; ++k) item.coarse[k] = {kept.coarse[k].get(), kept.coarse_error_m[k]};
        }
        item.cpu = {};
    };
    for (auto& item : uploaded_frame_.items) resolve(item);
    for (auto& item : uploaded_frame_.shadow_casters) resolve(item);
    // Let go of what no frame has drawn for a while (never what this frame draws).
    for (auto it = cpu_meshes_.begin(); it != cpu_meshes_.end();)
        it = uploads_ - it->second.last_used > forget_after ? cpu_meshes_.erase(it) : std::next(it);
    return uploaded_frame_;
}

void Renderer::render(const FrameDesc& given, GLuint dest_fbo, glm::ivec4 viewport) {
    const FrameDesc& frame = uploaded(given);
    stats_ = {};
    const glm::ivec2 size{std::max(viewport.z, 1), std::max(viewport.w, 1)};
    glDisable(GL_SCISSOR_TEST);  // the caller's would clip the frame's copies
    // Straight into the destination where it has what the frame needs and the viewport starts at
    // its corner (the frame's passes all work from (0, 0)); else into scene_, then one copy. The
    // pictures are the same; the copy costs a software renderer a pass over every pixel (4.5%
    // of the benchmark's frame).
    stats_.drawn_in_place = viewport.x == 0 && viewport.y == 0 && can_draw_in_place(dest_fbo, frame.transparent_background);
    if (stats_.drawn_in_place) {
        frame_fbo_ = dest_fbo;
    } else {
        if (!scene_.valid())
            scene_ = RenderTarget(size, GL_RGBA8, true);
        else
            scene_.resize(size);
        frame_fbo_ = scene_.fbo();
    }
    frame_size_ = size;

    draw_scene(frame, size);

    // Antialiasing: FXAA back into the frame from a copy of the subject's rectangle (post_), only
    // where an item or line marked the stencil (llvmpipe skips whole blocks that fail it; the
    // background never needs smoothing) and only inside that rectangle.
    const glm::ivec4 rect = subject_rect(frame, size);
    if (frame.fxaa && rect.z > 0 && rect.w > 0) {
        if (!post_.valid()) post_ = RenderTarget(size, GL_RGBA8, false);
        post_.resize(size);
        // The filter reads up to 4 pixels past a marked pixel (its search along the edge).
        constexpr int reach_px = 5;
        const int x0 = std::max(rect.x - reach_px, 0), y0 = std::max(rect.y - reach_px, 0);
        const int x1 = std::min(rect.x + rect.z + reach_px, size.x), y1 = std::min(rect.y + rect.w + reach_px, size.y);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, frame_fbo_);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, post_.fbo());
        glBlitFramebuffer(x0, y0, x1, y1, x0, y0, x1, y1, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        bind_frame();
        glEnable(GL_SCISSOR_TEST);
        glScissor(rect.x, rect.y, rect.z, rect.w);
        glDisable(GL_DEPTH_TEST);
        glEnable(GL_STENCIL_TEST);
        glStencilFunc(GL_EQUAL, 1, 0xFF);
        glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
        glDisable(GL_BLEND);
        const auto& fx = shaders_.get("fxaa");
        fx.use();
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, post_.color());
        fx.set("u_source", 0);
        fx.set("u_texel", glm::vec2(1.0f / static_cast<float>(size.x), 1.0f / static_cast<float>(size.y)));
        glBindVertexArray(empty_vao_.id());
        glDrawArrays(GL_TRIANGLES, 0, 3);
        ++stats_.draw_calls;
        glDisable(GL_STENCIL_TEST);
        glDisable(GL_SCISSOR_TEST);
    }
    // Then, drawn offscreen, one copy to the destination.
    if (!stats_.drawn_in_place) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, scene_.fbo());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dest_fbo);
        glBlitFramebuffer(0, 0, size.x, size.y, viewport.x, viewport.y, viewport.x + size.x, viewport.y + size.y, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, dest_fbo);
    glViewport(viewport.x, viewport.y, size.x, size.y);
    glBindVertexArray(0);
    glEnable(GL_DEPTH_TEST);
}

void Renderer::finish() { glFinish(); }

Image Renderer::render_to_image(const FrameDesc& frame, glm::ivec2 size, const std::function<void(GLuint fbo)>& overlay) {
    if (!resolved_.valid())
        resolved_ = RenderTarget(size, GL_RGBA8, true);
    else
        resolved_.resize(size);
    render(frame, resolved_.fbo(), {0, 0, size.x, size.y});
    if (overlay) {
        resolved_.bind();
        overlay(resolved_.fbo());
    }
    return read_framebuffer(resolved_.fbo(), size, true, false);
}

void Renderer::draw_ids(const FrameDesc& frame, glm::ivec2 size, std::span<const std::uint32_t> only, const glm::ivec4* scissor) {
    ANATOMY_ASSERT(only.size() <= 16, "Renderer::draw_ids: at most 16 ids (pick.frag's list)");
    if (!pick_.valid())
        pick_ = RenderTarget(size, GL_R32UI, true, false);
    else
        pick_.resize(size);
    pick_.bind();
    glViewport(0, 0, size.x, size.y);
    const GLuint zero[4] = {0, 0, 0, 0};
    glClearBufferuiv(GL_COLOR, 0, zero);
    glClearDepth(1.0);
    glClear(GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    if (scissor) {
        glEnable(GL_SCISSOR_TEST);
        glScissor(scissor->x, scissor->y, scissor->z, scissor->w);
    }
    const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
    const glm::mat4 view_proj = frame.camera.projection(aspect) * frame.camera.view();
    const auto& pp = shaders_.get("pick");
    pp.use();
    pp.set("u_view_proj", view_proj);
    pp.set("u_only_count", static_cast<int>(only.size()));
    for (std::size_t i = 0; i < only.size(); ++i) pp.set_uint(("u_only[" + std::to_string(i) + "]").c_str(), only[i]);
    for (const auto& item : frame.items) {
        if (!item.mesh || item.mesh->empty()) continue;
        if (item.shading == Shading::skin && item.pick_id == 0) continue;                 // see through the skin
        if (item.pick_id == 0 && !item.per_vertex_ids && item.color.a < 0.99f) continue;  // ghosts do not block
        pp.set("u_model", item.world_from_mesh);
        pp.set_uint("u_id", item.pick_id);
        pp.set("u_per_vertex_ids", item.per_vertex_ids ? 1 : 0);
        pp.set("u_hide_arms", item.hide_arm_vertices ? 1 : 0);
        item.mesh->draw();
    }
    if (scissor) glDisable(GL_SCISSOR_TEST);
}

std::vector<std::uint32_t> Renderer::render_ids(const FrameDesc& given, glm::ivec2 size, std::span<const std::uint32_t> only) {
    const FrameDesc& frame = uploaded(given);
    std::vector<std::uint32_t> ids(static_cast<std::size_t>(size.x) * static_cast<std::size_t>(size.y), 0u);
    draw_ids(frame, size, only, nullptr);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, size.x, size.y, GL_RED_INTEGER, GL_UNSIGNED_INT, ids.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindVertexArray(0);
    // GL's rows start at the bottom.
    for (int y = 0; y < size.y / 2; ++y)
        std::swap_ranges(ids.begin() + static_cast<std::ptrdiff_t>(y) * size.x, ids.begin() + static_cast<std::ptrdiff_t>(y + 1) * size.x,
                         ids.begin() + static_cast<std::ptrdiff_t>(size.y - 1 - y) * size.x);
    return ids;
}

Renderer::PickResult Renderer::pick(const FrameDesc& given, glm::ivec2 size, glm::ivec2 pixel) {
    const FrameDesc& frame = uploaded(given);
    PickResult result;
    if (pixel.x < 0 || pixel.y < 0 || pixel.x >= size.x || pixel.y >= size.y) return result;
    // Only the pixel matters: a scissor keeps llvmpipe from shading the rest.
    const int gl_y = size.y - 1 - pixel.y;
    const glm::ivec4 scissor{pixel.x, gl_y, 1, 1};
    draw_ids(frame, size, {}, &scissor);
    const float aspect = static_cast<float>(size.x) / static_cast<float>(std::max(size.y, 1));
    const glm::mat4 view_proj = frame.camera.projection(aspect) * frame.camera.view();
    GLuint id = 0;
    glReadPixels(pixel.x, gl_y, 1, 1, GL_RED_INTEGER, GL_UNSIGNED_INT, &id);
    float depth = 1.0f;
    glReadPixels(pixel.x, gl_y, 1, 1, GL_DEPTH_COMPONENT, GL_FLOAT, &depth);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindVertexArray(0);
    result.id = id;
    if (depth < 1.0f) {
        const glm::vec4 ndc{2.0f * (static_cast<float>(pixel.x) + 0.5f) / static_cast<float>(size.x) - 1.0f,
                            2.0f * (static_cast<float>(gl_y) + 0.5f) / static_cast<float>(size.y) - 1.0f, 2.0f * depth - 1.0f, 1.0f};
        const glm::vec4 w = glm::inverse(view_proj) * ndc;
        result.world = glm::vec3(w) / w.w;
    }
    return result;
}

}  // namespace gfx
