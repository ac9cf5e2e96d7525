// ui/snapshot.cpp: one frame offscreen, and the pieces the video export reuses for every frame.
//
// [SECTION] Sizes
// [SECTION] Reusable pieces
// [SECTION] The snapshot
#include "ui/snapshot.hpp"

#include "core/error.hpp"
#include "gfx/renderer.hpp"
#include "platform/window.hpp"
#include "scene/compose.hpp"
#include "scene/overlays.hpp"
#include "scene/shown.hpp"
#include "anatomy/muscle_path.hpp"
#include "scene/posture_state.hpp"
#include "scene/profile.hpp"
#include "scene/props.hpp"
#include "scene/stretch_state.hpp"
#include "scene/world.hpp"
#include "ui/labels.hpp"
#include "ui/teaching_camera.hpp"
#include "ui/theme.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace ui {

// [SECTION] Sizes

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

// [SECTION] Reusable pieces

OffscreenContext::OffscreenContext() {
    auto world = scene::World::load_in_background();  // meanwhile the GL context and shaders
    platform::WindowDesc desc;
    desc.title = "anatomy offscreen";
    desc.width = 64;  // never shown: every frame renders into its own framebuffer
    desc.height = 64;
    desc.offscreen = true;
    window_ = std::make_unique<platform::Window>(desc);
    shaders_ = std::make_unique<gfx::ShaderLibrary>(core::shader_dir());
    renderer_ = std::make_unique<gfx::Renderer>(*shaders_);
    world_ = world.get();
}

OffscreenContext::~OffscreenContext() {
    // GL objects go before the context that owns them.
    world_.reset();
    renderer_.reset();
    shaders_.reset();
}

OffscreenImGui::OffscreenImGui(glm::ivec2 size) : size_(size) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    // Text proportional to the picture: as on a 900-pixel-high window at 1.2x.
    fonts_ = load_fonts(std::max(0.8f, static_cast<float>(size.y) / 900.0f * 1.2f));
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(previous);
}

OffscreenImGui::~OffscreenImGui() {
    // The caller's context may already be gone (the viewer shutting down): GetCurrentContext is
    // then null, and stays so.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous == context_ ? nullptr : previous);
}

void OffscreenImGui::draw(const std::function<void()>& draw) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;  // ImGui wants time to pass; nothing here animates
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ImGui::SetCurrentContext(previous);
}

gfx::Image render_labelled_image(gfx::Renderer& renderer, const gfx::FrameDesc& frame, glm::ivec2 size,
                                 const std::vector<scene::OverlayLabel>& labels, const glm::vec3& centre) {
    if (labels.empty()) return renderer.render_to_image(frame, size);
    OffscreenImGui imgui(size);
    return renderer.render_to_image(frame, size, [&](GLuint) {
        imgui.draw([&] { draw_world_labels(ImGui::GetForegroundDrawList(), frame.camera, glm::vec2(size), 1.0f, labels, centre); });
    });
}

core::Bounds focus_bounds(const anat::Skeleton& skeleton, std::span<const core::Rigid> world_from_bone, const std::string& name) {
    struct Region {
        const char* name;
        std::vector<const char*> joints;
        float margin_m;
    };
    // Joint origins: "pelvis" is the pelvis' frame, "femur_*" the hip's centre, "tibia_*" the
    // knee, "L1".."L5" each vertebra's body. The margins take in the bones around them.
    static const std::vector<Region> regions = {
        {"pelvis", {"pelvis", "femur_r", "femur_l", "L5"}, 0.09f},
        {"lumbar", {"L1", "L2", "L3", "L4", "L5", "pelvis"}, 0.08f},
        {"hip_r", {"femur_r", "pelvis"}, 0.10f},
        {"hip_l", {"femur_l", "pelvis"}, 0.10f},
        {"knee_r", {"tibia_r"}, 0.13f},
        {"knee_l", {"tibia_l"}, 0.13f},
    };
    core::Bounds b;
    auto add_joint = [&](std::string_view joint, float margin) {
        const int j = skeleton.find_joint(joint);
        if (j < 0 || static_cast<std::size_t>(j) >= world_from_bone.size()) return false;
        const glm::vec3 p = world_from_bone[static_cast<std::size_t>(j)].translation;
        b.add(p - glm::vec3(margin));
        b.add(p + glm::vec3(margin));
        return true;
    };
    for (const auto& r : regions) {
        if (name != r.name) continue;
        for (const char* j : r.joints) add_joint(j, r.margin_m);
        if (!b.empty()) return b;
    }
    if (add_joint(name, 0.12f)) return b;
    std::string known;
    for (const auto& r : regions) known += std::string(known.empty() ? "" : ", ") + r.name;
    throw core::Error("--focus: no region or joint called \"" + name + "\" (regions: " + known + "; or a joint such as femur_r, tibia_l, L3)");
}

core::OrbitCamera stretch_camera(const core::Bounds& bounds, bool left_side, float aspect) {
    core::OrbitCamera cam;
    constexpr float quarter_turn = 1.5707963f, toward_front = 0.35f, elevation = 0.12f;
    cam.yaw_rad = left_side ? quarter_turn - toward_front : -quarter_turn + toward_front;
    cam.pitch_rad = elevation;
    cam.frame_box(bounds, aspect);
    return cam;
}

int find_stretch(const anim::Library& library, const std::string& id) {
    const int index = library.find(id);
    if (index >= 0) return index;
    std::string ids;
    for (std::size_t i = 0; i < library.size(); ++i) ids += (ids.empty() ? "" : ", ") + library.info(i).id;
    throw core::Error("--stretch: no stretch \"" + id + "\" (one of: " + ids + ")");
}

void add_prop_bounds(core::Bounds& bounds, std::span<const scene::StretchState::PropBox> props) {
    for (const auto& p : props)
        if (p.id != "wall") {
            bounds.add(p.center - glm::abs(p.axes * p.half_extent));
            bounds.add(p.center + glm::abs(p.axes * p.half_extent));
        }
}

// [SECTION] The snapshot

void take_snapshot(const SnapshotRequest& rq) {
    // Read the profile first: a broken file fails before any rendering.
    std::optional<scene::Profile> profile;
    if (rq.profile) profile = scene::load_profile(*rq.profile);
    OffscreenContext context;
    scene::World& world = context.world();
    if (rq.model) world.load_user_model(*rq.model);

    gfx::FrameDesc frame;
    frame.transparent_background = rq.transparent;
    std::vector<scene::OverlayLabel> labels;
    scene::Body& body = world.body();
    std::unique_ptr<scene::StretchState> stretch;
    std::unique_ptr<scene::PropRenderer> props;
    std::optional<core::OrbitCamera> teaching;
    if (!world.has_user_model()) {
        scene::PostureState posture(body.skeleton(), body.catalogue());
        posture.set_settings(profile ? profile->posture : rq.posture, false);
        posture.snap();
        body.set_pose(posture.displayed_pose(), posture.target().tightness);
        if (!rq.stretch.empty()) {
            stretch = std::make_unique<scene::StretchState>(body.skeleton(), body.catalogue());
            const int index = find_stretch(stretch->library(), rq.stretch);
            anim::Player& player = stretch->player();
            player.set_side(rq.stretch_left ? anim::Side::left : anim::Side::right);
            stretch->set_cue(rq.stretch_cue);
            stretch->start(index, posture.displayed_pose());
            player.pause();
            player.seek(rq.stretch_time_s);
            stretch->update(anim::Player::crossfade_s, posture.displayed_pose(), posture.target().tightness);
            body.set_pose(stretch->pose());
            for (const auto& id : player.clip()->info.targets) world.display.emphasised.insert(id);
        }
        auto& d = world.display;
        d.stretch_demo = stretch != nullptr;  // the targets by stretch, the other muscles muted
        d.color_mode = rq.color_mode;
        d.layers.skeleton = rq.skeleton;
        d.layers.muscles = rq.muscles;
        d.layers.skin = rq.skin;
        d.layers.xray = rq.xray;
        d.layers.arms = rq.arms;
        // Only these muscles (groups or ids): every other one is hidden, as the Layers panel's "Only" does.
        const auto& cat = body.catalogue();
        if (!rq.only.empty()) {
            std::vector<std::string> unknown;
            const std::set<std::string> keep = scene::resolve_muscles(cat, rq.only, &unknown);
            if (!unknown.empty()) throw core::Error("--only: no muscle or group \"" + unknown.front() + "\"");
            for (const auto& m : cat.muscles)
                if (!keep.count(m.id)) d.layers.hidden_muscles.insert(m.id);
        }
        // Highlights: groups or single muscles glow and get a label at their middle.
        std::vector<std::string> unknown;
        d.emphasised.merge(scene::resolve_muscles(cat, rq.highlight, &unknown));
        if (!unknown.empty()) throw core::Error("--highlight: no muscle or group \"" + unknown.front() + "\"");
        for (const auto& h : rq.highlight) {
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
        if (stretch && !rq.view_given) {
            // The teaching camera looks from where the hold shows its targets best, framing the
            // body now and at the hold.
            core::Bounds b = world.bounds();
            body.set_pose(stretch->clip_pose_at(stretch->hold_middle_s()));
            b.add(world.bounds().min);
            b.add(world.bounds().max);
            body.set_pose(stretch->pose());
            add_prop_bounds(b, stretch->prop_boxes());
            teaching = teaching_camera(context.renderer(), world, *stretch, b, static_cast<float>(rq.size.x) / static_cast<float>(rq.size.y)).camera;
        }
        // The body is posed (above); compose_view adds the props, the ghost and the overlays.
        scene::ViewContent content;
        // Framed below, after posing: a close-up asked for gets the muscles' finer level.
        content.close_up = !rq.focus.empty() || (rq.distance_m && *rq.distance_m < scene::close_up_distance_m);
        if (stretch) {
            props = std::make_unique<scene::PropRenderer>();
            content.props_of = stretch.get();
            content.props = props.get();
        }
        if (rq.ghost) content.ghost = posture.solver().pose_at(posture.neutral().dofs);
        scene::Shown shown;
        shown.show_overlays = rq.overlays;
        shown.high_contrast = rq.size.y >= 1200;  // lines that stay thick on a large picture
        content.overlays = scene::overlays_drawn(shown, stretch ? stretch->player().clip() : nullptr);
        scene::ComposedView composed = scene::compose_view(world, content, frame);
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
        labels.insert(labels.end(), composed.labels.begin(), composed.labels.end());
    } else {
        world.build_frame(frame);
    }

    const float aspect = static_cast<float>(rq.size.x) / static_cast<float>(rq.size.y);
    frame.camera.set_preset(rq.view);
    core::Bounds b = world.bounds();
    if (stretch) add_prop_bounds(b, stretch->prop_boxes());
    if (!rq.focus.empty() && !world.has_user_model()) b = focus_bounds(body.skeleton(), body.world_from_bone(), rq.focus);
    if (rq.yaw_deg) frame.camera.yaw_rad = core::deg_to_rad(*rq.yaw_deg);
    if (rq.pitch_deg) frame.camera.pitch_rad = core::deg_to_rad(*rq.pitch_deg);
    if (teaching && rq.focus.empty() && !rq.yaw_deg && !rq.pitch_deg)
        frame.camera = *teaching;
    else
        frame.camera.frame_box(b, aspect);
    if (rq.distance_m) frame.camera.distance_m = *rq.distance_m;
    if (!labels.empty() && (rq.view == core::ViewPreset::left || rq.view == core::ViewPreset::right)) {
        // Leave room for the labels beside the body.
        frame.camera.distance_m *= 1.12f;
    }

    const glm::vec3 centre = world.has_user_model() ? b.center() : body.world_from_bone()[0].translation;
    const gfx::Image image = render_labelled_image(context.renderer(), frame, rq.size, labels, centre);
    if (const std::string errs = gfx::gl_errors(); !errs.empty()) throw core::Error("OpenGL error while rendering: " + errs);
    gfx::write_png(rq.output, image);
}

}  // namespace ui
