#include "ui/snapshot.hpp"

#include "core/error.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/overlays.hpp"
#include "anatomy/muscle_path.hpp"
#include "scene/posture_state.hpp"
#include "scene/profile.hpp"
#include "scene/props.hpp"
#include "scene/stretch_state.hpp"
#include "scene/world.hpp"
#include "ui/labels.hpp"
#include "ui/theme.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <charconv>

namespace ui {

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

namespace {

// ImGui, just for drawing labels into an offscreen image.
class OffscreenImGui {
public:
    explicit OffscreenImGui(glm::ivec2 size) : previous_(ImGui::GetCurrentContext()) {
        context_ = ImGui::CreateContext();
        ImGui::SetCurrentContext(context_);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
        io.DeltaTime = 1.0f / 60.0f;
        // Text proportional to the picture: as on a 900-pixel-high window at 1.2x.
        load_fonts(std::max(0.8f, static_cast<float>(size.y) / 900.0f * 1.2f));
        ImGui_ImplOpenGL3_Init("#version 330 core");
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
    }
    ~OffscreenImGui() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(context_);
        ImGui::SetCurrentContext(previous_);
    }
    OffscreenImGui(const OffscreenImGui&) = delete;
    OffscreenImGui& operator=(const OffscreenImGui&) = delete;
    void render() {
        ImGui::Render();
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }

private:
    ImGuiContext* previous_ = nullptr;
    ImGuiContext* context_ = nullptr;
};

}  // namespace

gfx::Image render_labelled_image(gfx::Renderer& renderer, const gfx::FrameDesc& frame, glm::ivec2 size,
                                 const std::vector<scene::OverlayLabel>& labels, const glm::vec3& centre) {
    if (labels.empty()) return renderer.render_to_image(frame, size);
    OffscreenImGui imgui(size);
    return renderer.render_to_image(frame, size, [&](GLuint) {
        draw_world_labels(ImGui::GetForegroundDrawList(), frame.camera, glm::vec2(size), 1.0f, labels, centre);
        imgui.render();
    });
}

void take_snapshot(const SnapshotRequest& rq) {
    platform::WindowDesc desc;
    desc.title = "anatomy snapshot";
    desc.width = 64;
    desc.height = 64;
    desc.offscreen = true;
    platform::Window window(desc);
    gfx::ShaderLibrary shaders(core::shader_dir());
    gfx::Renderer renderer(shaders);
    // Read the profile first: a broken file fails before any rendering.
    std::optional<scene::Profile> profile;
    if (rq.profile) profile = scene::load_profile(*rq.profile);
    scene::World world;
    if (rq.model) world.load_user_model(*rq.model);

    gfx::FrameDesc frame;
    frame.transparent_background = rq.transparent;
    std::vector<scene::OverlayLabel> labels;
    scene::Body& body = world.body();
    std::unique_ptr<scene::StretchState> stretch;
    std::unique_ptr<scene::PropRenderer> props;
    bool upright = true;  // standing or kneeling: the posture overlays mean something
    if (!world.has_user_model()) {
        scene::PostureState posture(body.skeleton(), body.catalogue());
        posture.set_settings(profile ? profile->posture : rq.posture, false);
        posture.snap();
        body.tightness() = posture.target().tightness;
        body.set_pose(posture.displayed_pose());
        if (!rq.stretch.empty()) {
            stretch = std::make_unique<scene::StretchState>(body.skeleton(), body.catalogue());
            const int index = stretch->library().find(rq.stretch);
            if (index < 0) {
                std::string ids;
                for (std::size_t i = 0; i < stretch->library().size(); ++i) ids += (ids.empty() ? "" : ", ") + stretch->library().info(i).id;
                throw core::Error("--stretch: no stretch \"" + rq.stretch + "\" (one of: " + ids + ")");
            }
            anim::Player& player = stretch->player();
            player.set_side(rq.stretch_left ? anim::Side::left : anim::Side::right);
            stretch->set_cue(rq.stretch_cue);
            stretch->start(index, posture.displayed_pose());
            player.pause();
            player.seek(rq.stretch_time_s);
            stretch->update(anim::Player::crossfade_s, posture.displayed_pose(), posture.target().tightness);
            body.set_pose(stretch->pose());
            for (const auto& id : player.clip()->info.targets) world.display.emphasised.insert(id);
            const auto position = player.clip()->info.position;
            upright = position == anim::Position::standing || position == anim::Position::kneeling;
        }
        auto& d = world.display;
        d.color_mode = rq.color_mode;
        d.layers.skeleton = rq.skeleton;
        d.layers.muscles = rq.muscles;
        d.layers.skin = rq.skin;
        d.layers.xray = rq.xray;
        // Highlights: groups or single muscles glow and get a label at their middle.
        const auto& cat = body.catalogue();
        for (const auto& h : rq.highlight) {
            bool found = false;
            for (std::size_t i = 0; i < cat.muscles.size(); ++i) {
                const auto& m = cat.muscles[i];
                if (m.id == h || m.base_id == h || m.in_group(h)) {
                    d.emphasised.insert(m.id);
                    found = true;
                }
            }
            if (!found) throw core::Error("--highlight: no muscle or group \"" + h + "\"");
            if (const auto* g = cat.find_group(h)) {
                // Label the group once, at the middle of its first visible muscle on the viewer's side.
                for (std::size_t i = 0; i < cat.muscles.size(); ++i) {
                    if (!cat.muscles[i].in_group(h)) continue;
                    const auto pts = body.paths().path(i);
                    const bool near_side = (rq.view == core::ViewPreset::right) == (cat.muscles[i].side == anat::Side::right);
                    if (pts.empty() || !near_side) continue;
                    labels.push_back({anat::point_along(pts, 0.45f), g->name, glm::vec4(g->color, 1.0f)});
                    break;
                }
            }
        }
        world.build_frame(frame);
        if (stretch) {
            props = std::make_unique<scene::PropRenderer>();
            props->append(frame, stretch->prop_boxes(), stretch->strap_points(body.world_from_bone()));
        }
        if (rq.ghost) {
            const auto ghost_world = anat::forward_kinematics(body.skeleton(), posture.solver().pose_at(posture.neutral().dofs));
            const std::size_t before = frame.items.size();
            body.bones().append_bone_items(frame.items, ghost_world, 0.28f, 0, -1);
            for (std::size_t i = before; i < frame.items.size(); ++i) {
                frame.items[i].color = glm::vec4(0.55f, 0.75f, 1.0f, 0.28f);
                frame.items[i].casts_shadow = false;
                frame.items[i].per_vertex_ids = false;
            }
        }
        if (profile) {
            // Pinned notes become labels at their structures.
            for (const auto& a : profile->annotations) {
                glm::vec3 at{0.0f};
                if (a.target == scene::Annotation::Target::muscle) {
                    const int i = cat.find(a.id);
                    if (i < 0) continue;
                    at = anat::point_along(body.paths().path(static_cast<std::size_t>(i)), 0.55f);
                } else {
                    const int bi = body.bones().find_bone(a.id);
                    if (bi < 0) continue;
                    at = body.world_from_bone()[static_cast<std::size_t>(body.bones().bones()[static_cast<std::size_t>(bi)].joint)].translation;
                }
                labels.push_back({at, a.text, glm::vec4(1.0f, 0.93f, 0.55f, 1.0f)});
            }
        }
        if (rq.overlays && upright) {
            const auto measures = biomech::measure(body.skeleton(), body.pose(), body.world_from_bone());
            scene::OverlayToggles toggles;
            toggles.high_contrast = rq.size.y >= 1200;
            toggles.plumb_line = !stretch;
            auto set = scene::posture_overlays(body.skeleton(), body.world_from_bone(), measures, toggles);
            frame.lines.insert(frame.lines.end(), set.lines.begin(), set.lines.end());
            labels.insert(labels.end(), set.labels.begin(), set.labels.end());
        }
    } else {
        world.build_frame(frame);
    }

    const float aspect = static_cast<float>(rq.size.x) / static_cast<float>(rq.size.y);
    frame.camera.set_preset(rq.view);
    core::Bounds b = world.bounds();
    if (stretch) {
        for (const auto& p : stretch->prop_boxes())
            if (p.id != "wall") {
                b.add(p.center - glm::abs(p.axes * p.half_extent));
                b.add(p.center + glm::abs(p.axes * p.half_extent));
            }
        if (!rq.view_given) {
            // From the side being stretched, turned a little toward the front and from a little above.
            constexpr float quarter_turn = 1.5707963f, toward_front = 0.35f, elevation = 0.12f;
            frame.camera.yaw_rad = rq.stretch_left ? quarter_turn - toward_front : -quarter_turn + toward_front;
            frame.camera.pitch_rad = elevation;
        }
    }
    frame.camera.frame_box(b, aspect);
    if (!labels.empty() && (rq.view == core::ViewPreset::left || rq.view == core::ViewPreset::right)) {
        // Leave room for the labels beside the body.
        frame.camera.distance_m *= 1.12f;
    }

    const glm::vec3 centre = world.has_user_model() ? b.center() : body.world_from_bone()[0].translation;
    const gfx::Image image = render_labelled_image(renderer, frame, rq.size, labels, centre);
    if (const std::string errs = gfx::gl_errors(); !errs.empty()) throw core::Error("OpenGL error while rendering: " + errs);
    gfx::write_png(rq.output, image);
}

}  // namespace ui
