#include "scene/snapshot.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/world.hpp"

#include <charconv>

namespace scene {

std::optional<glm::ivec2> parse_size(const std::string& text) {
    const auto x = text.find_first_of("xX");
    if (x == std::string::npos) return std::nullopt;
    int w = 0, h = 0;
    const char* b = text.data();
    const char* e = text.data() + text.size();
    auto r1 = std::from_chars(b, b + x, w);
    auto r2 = std::from_chars(b + x + 1, e, h);
    if (r1.ec != std::errc() || r1.ptr != b + x || r2.ec != std::errc() || r2.ptr != e) return std::nullopt;
    constexpr int min_side = 16, max_side = 16384;  // below is useless; above exceeds every GPU's texture limit
    if (w < min_side || h < min_side || w > max_side || h > max_side) return std::nullopt;
    return glm::ivec2(w, h);
}

void take_snapshot(const SnapshotOptions& options) {
    platform::WindowDesc desc;
    desc.title = "anatomy snapshot";
    desc.width = 64;
    desc.height = 64;
    desc.offscreen = true;
    platform::Window window(desc);
    gfx::ShaderLibrary shaders(core::shader_dir());
    gfx::Renderer renderer(shaders);
    World world;
    if (options.model) world.load_user_model(*options.model);

    gfx::FrameDesc frame;
    frame.transparent_background = options.transparent;
    world.build_frame(frame);
    const float aspect = static_cast<float>(options.size.x) / static_cast<float>(options.size.y);
    frame.camera.set_preset(options.view);
    const core::Bounds b = world.bounds();
    frame.camera.frame_sphere(b.center(), b.radius(), aspect);

    const gfx::Image image = renderer.render_to_image(frame, options.size);
    if (const std::string errs = gfx::gl_errors(); !errs.empty()) throw core::Error("OpenGL error while rendering: " + errs);
    gfx::write_png(options.output, image);
}

}  // namespace scene
