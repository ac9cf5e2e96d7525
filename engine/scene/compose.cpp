#include "scene/compose.hpp"

#include "anatomy/skeleton.hpp"
#include "scene/stretch_state.hpp"

namespace scene {

void append_ghost(gfx::FrameDesc& frame, const Body& body, const anat::Pose& pose, int view) {
    const auto ghost_world = anat::forward_kinematics(body.skeleton(), pose);
    const std::size_t before = frame.items.size();
    const BoneSet::Posed discs = body.bones().pose(ghost_world, false, 2 * view + 1);  // the ghost's own discs
    body.bones().append_bone_items(frame.items, ghost_world, &discs, 0.28f, -1);
    for (std::size_t i = before; i < frame.items.size(); ++i) {
        frame.items[i].color = glm::vec4(0.55f, 0.75f, 1.0f, 0.28f);
        frame.items[i].casts_shadow = false;
        frame.items[i].per_vertex_ids = false;
    }
}

ComposedView compose_view(World& world, const ViewContent& content, gfx::FrameDesc& frame) {
    ComposedView out;
    Body& body = world.body();
    if (content.pose || content.tightness) {
        const anat::Pose pose = content.pose ? *content.pose : body.pose();
        body.set_pose(pose, content.tightness ? std::span<const float>(*content.tightness) : std::span<const float>(body.tightness()));
    }
    const bool close_up = content.close_up.value_or(frame.camera.distance_m < close_up_distance_m);
    world.build_frame(frame, content.view, close_up ? anat::close_up_muscles : anat::MuscleMeshSettings{});
    if (world.has_user_model()) return out;
    if (content.props_of && content.props && content.props_of->showing_clip()) {
        content.props->append(frame, content.props_of->prop_boxes(), content.props_of->strap_points(body.world_from_bone()));
    }
    if (content.ghost) append_ghost(frame, body, *content.ghost, content.view);
    out.measures = biomech::measure(body.skeleton(), body.pose(), body.world_from_bone());
    if (content.overlays) {
        auto set = posture_overlays(body.skeleton(), body.world_from_bone(), out.measures, *content.overlays);
        frame.lines.insert(frame.lines.end(), set.lines.begin(), set.lines.end());
        out.labels = std::move(set.labels);
    }
    return out;
}

}  // namespace scene
