// ui/video_export.cpp: what each frame of a stretch or story video shows, and rendering it.
//
// [SECTION] Timeline: segments of frames (the stretch, or one per story step)
// [SECTION] Entering a segment: posture, highlights, stretch, camera
// [SECTION] Advancing one frame of time
// [SECTION] Rendering: one view, or two side by side, then captions
// [SECTION] The command line's export
#include "ui/video_export.hpp"

#include "anatomy/muscle_path.hpp"
#include "biomech/presets.hpp"
#include "core/error.hpp"
#include "gfx/gl.hpp"
#include "gfx/render_target.hpp"
#include "gfx/renderer.hpp"
#include "scene/compose.hpp"
#include "scene/overlays.hpp"
#include "scene/shown.hpp"
#include "scene/posture_state.hpp"
#include "scene/props.hpp"
#include "scene/story.hpp"
#include "scene/stretch_state.hpp"
#include "scene/world.hpp"
#include "ui/labels.hpp"
#include "ui/teaching_camera.hpp"
#include "ui/snapshot.hpp"

#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>

namespace ui {

namespace {

// The share of the picture's height the caption covers at the bottom: the camera lifts the body
// above it.
constexpr float caption_room = 0.2f;
// After a story's stretch ends, a moment of stillness before the next step.
constexpr float stretch_tail_s = 1.0f;

struct Segment {
    int step = -1;  // story step, or -1 for a stretch video
    int clip = -1;  // stretch played in it, or -1
    bool left = false;
    int first = 0;  // first frame
    int frames = 0;
};

std::string clock(float s) {
    const int total = static_cast<int>(std::floor(std::max(s, 0.0f)));
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%d:%02d", total / 60, total % 60);
    return buf;
}

// The frame size for the request, checked before anything is made at that size.
glm::ivec2 checked_size(const VideoRequest& rq) {
    if (rq.fps < 1 || rq.fps > 120) throw core::Error("a frame rate of " + std::to_string(rq.fps) + " is outside 1 to 120 frames a second");
    const glm::ivec2 size = video_frame_size(rq.format, rq.size);
    constexpr int min_side = 16, max_side = 8192;  // below is useless; above, no H.264 level plays it
    if (size.x < min_side || size.y < min_side || size.x > max_side || size.y > max_side)
        throw core::Error("a video frame of " + std::to_string(size.x) + " x " + std::to_string(size.y) + " pixels: each side must be 16 to 8192");
    return size;
}

int frames_for(float seconds, int fps) { return std::max(1, static_cast<int>(std::lround(seconds * static_cast<float>(fps)))); }

// Moves the camera so the middle of the picture's free part (above the caption) shows what the
// middle of the whole picture showed.
void lift_above_caption(core::OrbitCamera& cam) {
    const float half_height_m = cam.distance_m * std::tan(cam.fov_y_rad * 0.5f);
    cam.target -= cam.up() * (caption_room * half_height_m);
}

// Frames `bounds` in the part of the picture above the caption.
void frame_above_caption(core::OrbitCamera& cam) {
    cam.distance_m /= 1.0f - caption_room;
    lift_above_caption(cam);
}

// One line of coloured pieces under a caption (live measurements, the clip's clock).
struct Piece {
    std::string text;
    ImU32 color;
};

struct Caption {
    std::string kicker;  // small, dim: where we are
    std::string title;   // large
    std::string text;    // wrapped
    std::vector<Piece> footer;
};

ImU32 to_u32(const glm::vec4& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)); }

// A dark box at the bottom centre, like the viewer's presentation. Text keeps a readable size, so
// in a small picture the caption drops its paragraph, then itself, rather than hide the body.
void draw_caption(Caption c, glm::ivec2 size, const Fonts& fonts, float scale) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    ImFont* regular = fonts.regular;
    ImFont* large = fonts.large ? fonts.large : fonts.regular;
    const float em = regular->FontSize * scale;
    const float title_px = large->FontSize * scale;
    const float body_px = title_px * 0.72f;  // the step's text: larger than labels, smaller than titles
    const float width = std::min(static_cast<float>(size.x) * 0.92f, em * 60.0f);
    const float pad = em * 0.8f, gap = em * 0.35f, wrap = width - 2.0f * pad;
    auto height_of = [&](ImFont* f, float px, const std::string& t) {
        return t.empty() ? 0.0f : f->CalcTextSizeA(px, FLT_MAX, wrap, t.c_str()).y + gap;
    };
    auto box_height = [&] {
        return pad * 2.0f - gap + height_of(regular, em, c.kicker) + height_of(large, large->FontSize, c.title) + height_of(large, body_px, c.text) +
               (c.footer.empty() ? 0.0f : em + gap);
    };
    constexpr float max_share = 0.4f;  // of the picture's height
    const float limit = static_cast<float>(size.y) * max_share;
    if (box_height() > limit) c.text.clear();
    if (box_height() > limit) return;
    const float h = box_height();
    const ImVec2 min((static_cast<float>(size.x) - width) * 0.5f, static_cast<float>(size.y) - h - std::min(em, static_cast<float>(size.y) * 0.02f));
    dl->AddRectFilled(min, ImVec2(min.x + width, min.y + h), IM_COL32(15, 17, 23, 232), em * 0.5f);
    float y = min.y + pad;
    auto line = [&](ImFont* f, float px, const std::string& t, ImU32 color) {
        if (t.empty()) return;
        dl->AddText(f, px, ImVec2(min.x + pad, y), color, t.c_str(), nullptr, wrap);
        y += height_of(f, px, t);
    };
    line(regular, em, c.kicker, IM_COL32(150, 160, 178, 255));
    line(large, title_px, c.title, IM_COL32(245, 246, 250, 255));
    line(large, body_px, c.text, IM_COL32(214, 218, 226, 255));
    float x = min.x + pad;
    for (const auto& p : c.footer) {
        dl->AddText(regular, em, ImVec2(x, y), p.color, p.text.c_str());
        x += regular->CalcTextSizeA(em, FLT_MAX, 0.0f, p.text.c_str()).x + em * 2.0f;
    }
}

// The caption over one half of a compared picture, at its top (scene::compare_caption).
void draw_compare_caption(const scene::ViewCaption& c, float centre_x, const Fonts& fonts) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    ImFont* regular = fonts.regular;
    ImFont* large = fonts.large ? fonts.large : fonts.regular;
    const float em = regular->FontSize;
    float width = large->CalcTextSizeA(large->FontSize, FLT_MAX, 0.0f, c.title.c_str()).x;
    for (const auto& r : c.rows) width = std::max(width, regular->CalcTextSizeA(em, FLT_MAX, 0.0f, r.text.c_str()).x);
    for (const auto& n : c.notes) width = std::max(width, regular->CalcTextSizeA(em, FLT_MAX, 0.0f, n.c_str()).x);
    const float pad = em * 0.6f;
    const float h = large->FontSize + em * static_cast<float>(c.rows.size() + c.notes.size()) * 1.15f + pad * 2.0f;
    const ImVec2 min(centre_x - width * 0.5f - pad, em);
    dl->AddRectFilled(min, ImVec2(min.x + width + pad * 2.0f, min.y + h), IM_COL32(15, 17, 23, 215), em * 0.4f);
    float y = min.y + pad;
    dl->AddText(large, large->FontSize, ImVec2(min.x + pad, y), IM_COL32(245, 246, 250, 255), c.title.c_str());
    y += large->FontSize;
    for (const auto& r : c.rows) {
        dl->AddText(regular, em, ImVec2(min.x + pad, y), r.emphasis ? IM_COL32(250, 199, 110, 255) : IM_COL32(214, 218, 226, 255), r.text.c_str());
        y += em * 1.15f;
    }
    for (const auto& n : c.notes) {
        dl->AddText(regular, em, ImVec2(min.x + pad, y), IM_COL32(150, 156, 168, 255), n.c_str());
        y += em * 1.15f;
    }
}

}  // namespace

struct VideoExport::Impl {
    Impl(const VideoRequest& request, gfx::Renderer& r, scene::World& w);

    // [SECTION] Timeline
    void plan_stretch();
    void plan_story();
    // [SECTION] Entering a segment
    void enter(const Segment& s, bool first_frame);
    void enter_story_step(const Segment& s, bool first_frame);
    void show_stretch(const Segment& s);
    void emphasise(const std::vector<std::string>& groups_or_ids);
    // [SECTION] Advancing
    void advance(const Segment& s, int local_frame, bool first_frame);
    // [SECTION] Rendering
    gfx::Image render_frame(const Segment& s);
    biomech::SpinopelvicMeasures render_view(const scene::ViewPlan& view, bool with_labels);
    Caption caption(const Segment& s) const;
    anat::Pose current_pose() const { return stretch.active() ? stretch.pose() : posture.displayed_pose(); }
    float aspect() const { return static_cast<float>(size.x) / static_cast<float>(size.y); }
    float dt() const { return 1.0f / static_cast<float>(rq.fps); }

    VideoRequest rq;
    glm::ivec2 size;
    gfx::Renderer& renderer;
    scene::World& world;
    scene::PostureState posture;
    scene::StretchState stretch;
    scene::PropRenderer props;
    std::optional<scene::Story> story;
    std::vector<biomech::PosturePreset> presets;
    std::vector<Segment> segments;
    int total = 0, done = 0;
    std::size_t segment = 0;
    core::CameraAnimator camera;
    core::TargetFollower follower;  // the follow during a stretch (--follow)
    gfx::RenderTarget target;
    OffscreenImGui imgui;

    // What the current segment shows
    scene::Shown shown = [] {
        scene::Shown none;
        none.show_overlays = false;  // a stretch video shows none; a story step says
        return none;
    }();
    std::vector<scene::OverlayLabel> labels;
    biomech::PostureResult after;  // the programme's posture, solved as the step begins

    std::unique_ptr<VideoEncoder> encoder;  // last: started once everything else has loaded
};

VideoExport::Impl::Impl(const VideoRequest& request, gfx::Renderer& r, scene::World& w)
    : rq(request),
      size(checked_size(request)),
      renderer(r),
      world(w),
      posture(w.body().skeleton(), w.body().catalogue()),
      stretch(w.body().skeleton(), w.body().catalogue()),
      target(size, GL_RGBA8, true),  // depth and stencil: the renderer draws straight into it
      imgui(size) {
    if (world.has_user_model()) world.clear_user_model();
    world.display = {};
    world.display.color_mode = rq.color_mode;
    world.display.layers = rq.layers;
    if (rq.stretch.empty())
        plan_story();
    else
        plan_stretch();
    encoder = std::make_unique<VideoEncoder>(rq.output, rq.format, size, rq.fps);
}

// [SECTION] Timeline: segments of frames (the stretch, or one per story step)

void VideoExport::Impl::plan_stretch() {
    Segment s;
    s.clip = find_stretch(stretch.library(), rq.stretch);
    s.left = rq.left_side.value_or(false);
    // Frame i shows the clip at i / fps: from 0 to its end.
    const auto& clip = stretch.library().clip(static_cast<std::size_t>(s.clip), s.left ? anim::Side::left : anim::Side::right);
    s.frames = frames_for(clip.duration_s(), rq.fps);
    segments.push_back(s);
    total = s.frames;
}

void VideoExport::Impl::plan_story() {
    if (rq.story) {
        story = scene::parse_story(core::read_file(*rq.story), rq.story->string());
    } else {
        story = scene::load_default_story();
    }
    const std::string file = rq.story ? rq.story->string() : "assets/story/pelvic_tilt.json";
    if (story->steps.empty()) throw core::Error(file + ": the story has no steps");
    presets = biomech::load_default_presets();
    if (!(rq.story_step_s >= 1.0f && rq.story_step_s <= 120.0f)) throw core::Error("a story step lasts 1 to 120 seconds");
    for (std::size_t i = 0; i < story->steps.size(); ++i) {
        const scene::StoryStep& st = story->steps[i];
        const std::string where = file + ": /steps/" + std::to_string(i) + " (" + st.title + ")";
        if (!st.preset.empty() && !biomech::find_preset(presets, st.preset)) throw core::Error(where + ": no posture preset \"" + st.preset + "\"");
        Segment s;
        s.step = static_cast<int>(i);
        s.first = total;
        float seconds = rq.story_step_s;
        if (!st.stretch.empty()) {
            s.clip = stretch.library().find(st.stretch);
            if (s.clip < 0) throw core::Error(where + ": no stretch \"" + st.stretch + "\"");
            // The side seen from the step's camera, unless one was asked for.
            s.left = rq.left_side.value_or(st.view == core::ViewPreset::left);
            const auto& clip = stretch.library().clip(static_cast<std::size_t>(s.clip), s.left ? anim::Side::left : anim::Side::right);
            seconds = std::max(seconds, anim::Player::crossfade_s + clip.duration_s() + stretch_tail_s);
        }
        s.frames = frames_for(seconds, rq.fps);
        total += s.frames;
        segments.push_back(s);
    }
}

// [SECTION] Entering a segment: posture, highlights, stretch, camera

void VideoExport::Impl::emphasise(const std::vector<std::string>& groups_or_ids) {
    world.display.emphasised.merge(scene::resolve_muscles(world.body().catalogue(), groups_or_ids));
}

void VideoExport::Impl::enter(const Segment& s, bool first_frame) {
    if (s.step >= 0) {
        enter_story_step(s, first_frame);
        return;
    }
    // A stretch video: the clip's first frame at once, no fade from standing.
    posture.set_settings(rq.posture, false);
    posture.snap();
    stretch.set_cue(rq.cue);
    show_stretch(s);
    anim::Player& player = stretch.player();
    player.pause();
    player.seek(0.0f);
    stretch.update(anim::Player::crossfade_s, posture.displayed_pose(), posture.target().tightness);
    camera.set_immediate(camera.goal_view());
}

void VideoExport::Impl::show_stretch(const Segment& s) {
    anim::Player& player = stretch.player();
    player.set_side(s.left ? anim::Side::left : anim::Side::right);
    player.set_loop(false);  // once through, then it rests at the end
    stretch.start(s.clip, current_pose());
    follower.reset();
    if (const anim::Clip* c = player.clip()) emphasise(c->info.targets);
    // The whole movement in view, from where the hold shows the targets (as the viewer and
    // `anatomy snapshot --stretch` do), the other muscles muted.
    world.display.stretch_demo = true;
    core::OrbitCamera goal = teaching_camera(renderer, world, stretch, stretch.clip_bounds(), aspect()).camera;
    if (rq.captions) frame_above_caption(goal);
    camera.set_goal(goal);
}

void VideoExport::Impl::enter_story_step(const Segment& s, bool first_frame) {
    const scene::StoryStep& st = story->steps[static_cast<std::size_t>(s.step)];
    if (const auto* p = biomech::find_preset(presets, st.preset)) posture.set_settings(p->settings, false);
    if (first_frame) posture.snap();
    // The step's scene as the viewer's presentation shows it (scene::story_step_scene).
    scene::StepScene scene_of_step = scene::story_step_scene(st, world.body().catalogue(), rq.layers);
    shown = scene_of_step.shown;
    world.display.layers = scene_of_step.layers;
    world.display.emphasised = scene_of_step.emphasised;
    world.display.stretch_demo = false;
    world.display.mute_others = scene_of_step.mute_others;
    const bool compare = shown.compare != scene::Compare::off;
    if (compare)
        after = posture.solver().solve(
            biomech::hypothetically_lengthened(posture.settings(), shown.programme.group, shown.programme.lengthen_percent), &posture.target());
    // The scripted camera: the step's view, centred on its focus in the posture it glides to.
    const scene::Body& body = world.body();
    const auto goal_world = anat::forward_kinematics(body.skeleton(), posture.solver().pose_at(posture.target().dofs));
    camera.set_goal(scene::story_camera(st, body.skeleton(), goal_world, camera.goal_view(), compare, rq.captions ? caption_room : 0.0f));
    if (s.clip >= 0) {
        stretch.set_cue(rq.cue);
        show_stretch(s);
    } else {
        stretch.stop();  // fades back to the posture
    }
    if (first_frame) camera.set_immediate(camera.goal_view());
}

// [SECTION] Advancing one frame of time

void VideoExport::Impl::advance(const Segment& s, int local_frame, bool first_frame) {
    if (first_frame) return;  // the first frame shows the state as entered
    if (s.step < 0) {
        // The clip at exactly frame / fps: no drift over thousands of frames.
        stretch.player().seek(static_cast<float>(local_frame) / static_cast<float>(rq.fps));
        stretch.update(0.0f, posture.displayed_pose(), posture.target().tightness);
    } else {
        posture.update(dt());
        stretch.update(dt(), posture.displayed_pose(), posture.target().tightness);
    }
    if (rq.follow && stretch.showing_clip()) {
        // Keep the body's middle where the framing put it as it kneels, lies down or folds.
        core::OrbitCamera goal = camera.goal_view();
        core::OrbitCamera aim = goal;
        aim.target = stretch.pose_bounds().center();
        if (rq.captions) lift_above_caption(aim);
        goal.target = follower.update(goal, aim.target, dt());  // as in the viewer
        camera.set_goal(goal);
    }
    camera.update(dt());
}

// [SECTION] Rendering: one view, or two side by side, then captions

biomech::SpinopelvicMeasures VideoExport::Impl::render_view(const scene::ViewPlan& view, bool with_labels) {
    const scene::ViewPose vp = scene::view_pose(view.pose, posture, &stretch, &after);
    gfx::FrameDesc frame;
    frame.camera = camera.current();
    scene::ViewContent content;
    content.view = view.index;
    content.pose = &vp.pose;
    content.tightness = vp.tightness;
    if (view.props) {
        content.props_of = &stretch;
        content.props = &props;
    }
    if (shown.ghost) content.ghost = posture.solver().pose_at(posture.neutral().dofs);
    content.overlays = scene::overlays_drawn(shown, stretch.on_screen());
    scene::ComposedView composed = scene::compose_view(world, content, frame);
    if (with_labels) labels = std::move(composed.labels);
    renderer.render(frame, target.fbo(), view.viewport);
    return composed.measures;
}

Caption VideoExport::Impl::caption(const Segment& s) const {
    Caption c;
    if (s.step < 0) {
        const anim::Player& player = stretch.player();
        const anim::Clip* clip = player.clip();
        if (!clip) return c;
        c.kicker = clip->info.name + (s.left ? "  \xC2\xB7  left side" : "  \xC2\xB7  right side");
        if (rq.cue) c.kicker += "  \xC2\xB7  posterior-tilt cue";
        c.title = anim::display_name(player.phase());
        if (player.phase() == anim::Phase::hold) {
            char hold[32];
            std::snprintf(hold, sizeof(hold), "  \xC2\xB7  %.0f s", static_cast<double>(clip->info.hold_s));
            c.title += hold;
        }
        c.text = player.step_text();
        // In the hold, what lengthens the targets; throughout, when to stop.
        if (player.phase() == anim::Phase::hold && !clip->info.how_it_stretches.empty()) c.text += "  " + clip->info.how_it_stretches;
        c.footer.push_back({clock(player.time_s()) + " / " + clock(player.duration_s()), IM_COL32(150, 160, 178, 255)});
        c.footer.push_back({anim::default_safety().rule_short, IM_COL32(250, 205, 115, 255)});
        return c;
    }
    const scene::StoryStep& st = story->steps[static_cast<std::size_t>(s.step)];
    c.kicker = story->title + "   \xE2\x80\x94   step " + std::to_string(s.step + 1) + " of " + std::to_string(story->steps.size());
    c.title = st.title;
    c.text = st.text;
    if (stretch.showing_clip()) c.footer.push_back({anim::default_safety().rule_short, IM_COL32(250, 205, 115, 255)});
    return c;
}

gfx::Image VideoExport::Impl::render_frame(const Segment& s) {
    labels.clear();
    // Rendered into a framebuffer whose rows run bottom-up, as the viewer's: the same viewports.
    const auto plans = scene::plan_views(shown, {0, 0, size.x, size.y});
    const bool compare = plans.size() == 2;
    biomech::SpinopelvicMeasures left_m, right_m;
    if (compare) {
        left_m = render_view(plans[0], false);
        right_m = render_view(plans[1], false);
    } else {
        left_m = render_view(plans[0], true);
    }
    Caption cap;
    if (rq.captions) {
        cap = caption(s);
        if (s.step >= 0 && !compare && scene::overlays_drawn(shown, stretch.on_screen())) {
            for (const auto& r : scene::step_readings(left_m)) cap.footer.push_back({r.text, to_u32(scene::measure_color(r.measure))});
        }
    }
    const glm::vec3 centre = world.body().world_from_bone()[0].translation;
    target.bind();
    imgui.draw([&] {
        if (!labels.empty()) draw_world_labels(ImGui::GetForegroundDrawList(), camera.current(), glm::vec2(size), 1.0f, labels, centre);
        if (compare) {
            const float w = static_cast<float>(size.x);
            draw_compare_caption(scene::compare_caption(plans[0], left_m, nullptr, shown.compare), w * 0.25f, imgui.fonts());
            draw_compare_caption(scene::compare_caption(plans[1], right_m, &left_m, shown.compare), w * 0.75f, imgui.fonts());
        }
        if (rq.captions) draw_caption(cap, size, imgui.fonts(), rq.caption_scale.value_or(default_caption_scale(size)));
    });
    // The background is opaque, so premultiplied and straight alpha agree: no conversion.
    return gfx::read_framebuffer(target.fbo(), size, false, true);
}

// [SECTION] The export, frame by frame

float default_caption_scale(glm::ivec2 size) { return size.y < 720 ? 0.75f : 1.0f; }

std::optional<float> parse_caption_size(const std::string& name) {
    if (name == "small") return 0.75f;
    if (name == "normal") return 1.0f;
    if (name == "large") return 1.3f;
    return std::nullopt;
}

VideoExport::VideoExport(const VideoRequest& request, gfx::Renderer& renderer, scene::World& world)
    : impl_(std::make_unique<Impl>(request, renderer, world)) {}

VideoExport::~VideoExport() = default;

int VideoExport::frame_count() const { return impl_->total; }
int VideoExport::frames_done() const { return impl_->done; }
const VideoRequest& VideoExport::request() const { return impl_->rq; }

void VideoExport::render_next() {
    Impl& m = *impl_;
    ANATOMY_ASSERT(m.done < m.total, "VideoExport::render_next: every frame is rendered");
    while (m.done >= m.segments[m.segment].first + m.segments[m.segment].frames) ++m.segment;
    const Segment& s = m.segments[m.segment];
    const int local = m.done - s.first;
    const bool first_frame = m.done == 0;
    if (local == 0) m.enter(s, first_frame);
    m.advance(s, local, first_frame);
    const gfx::Image image = m.render_frame(s);
    if (first_frame)
        if (const std::string errs = gfx::gl_errors(); !errs.empty()) throw core::Error("OpenGL error while rendering: " + errs);
    m.encoder->add_frame(image, m.total);
    ++m.done;
}

void VideoExport::finish() {
    ANATOMY_ASSERT(impl_->encoder && all_rendered(), "VideoExport::finish: frames are still to render");
    impl_->encoder->finish();
}

void VideoExport::begin_finish() {
    ANATOMY_ASSERT(impl_->encoder && all_rendered(), "VideoExport::begin_finish: frames are still to render");
    impl_->encoder->begin_finish();
}

bool VideoExport::poll_finish() { return impl_->encoder->poll_finish(); }

std::string VideoExport::finishing_step() const { return impl_->encoder ? impl_->encoder->finishing_step() : std::string(); }

void VideoExport::cancel() noexcept {
    if (impl_->encoder) impl_->encoder->cancel();
}

// [SECTION] The command line's export

bool export_video(const VideoRequest& request, const std::function<bool(int done, int total)>& progress) {
    OffscreenContext context;
    VideoExport job(request, context.renderer(), context.world());
    while (!job.all_rendered()) {
        job.render_next();
        if (progress && !progress(job.frames_done(), job.frame_count())) {
            job.cancel();
            return false;
        }
    }
    job.finish();
    return true;
}

}  // namespace ui
