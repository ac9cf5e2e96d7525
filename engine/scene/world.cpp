#include "scene/world.hpp"

#include "core/log.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>

namespace scene {

World::World() {
    std::vector<std::string> warnings;
    body_ = Body::load_default(warnings);
    for (const auto& w : warnings) core::log_warning(w);
}

std::future<std::unique_ptr<World>> World::load_in_background() {
    return std::async(std::launch::async, [] {
        auto world = std::make_unique<World>();
        // The muscles once, standing: the bone fields they meet are sampled here rather than in
        // the first frame (scene::BoneClearance).
        const Body& body = world->body();
        MuscleGeometry standing;
        muscle_geometry(body.skeleton(), body.catalogue(), body.posed(), world->display, standing, {}, &body.clearance());
        return world;
    });
}

void World::load_user_model(const core::fs::path& path) {
    assets::Model model = assets::load_model(path);  // throws; nothing changes on failure
    user_model_.emplace(model);
}

void World::clear_user_model() { user_model_.reset(); }

const std::string& World::user_model_source() const {
    static const std::string none;
    return user_model_ ? user_model_->source() : none;
}

glm::mat4 World::user_model_placement() const {
    // Stand the model on the floor, centred, scaled to about human size when it is far off.
    const core::Bounds b = user_model_->bounds();
    const float height = std::max(b.max.y - b.min.y, 1e-6f);
    const float extent = std::max({b.max.x - b.min.x, height, b.max.z - b.min.z});
    float s = 1.0f;
    if (extent > 20.0f || extent < 0.05f) s = 1.75f / extent;  // millimetres or kilometres: show at 1.75 m
    const glm::vec3 c = b.center();
    return glm::scale(glm::mat4(1.0f), glm::vec3(s)) * glm::translate(glm::mat4(1.0f), glm::vec3(-c.x, -b.min.y, -c.z));
}

void World::build_frame(gfx::FrameDesc& frame, int view, const anat::MuscleMeshSettings& detail) {
    frame.floor_y_m = floor_y();
    if (user_model_) {
        user_model_->append_items(frame.items, user_model_placement(), gfx::Shading::plain, 1);
        return;
    }
    body_->build_frame(frame, display, view, detail);
}

core::Bounds World::bounds() const {
    if (user_model_) return user_model_->bounds().transformed(user_model_placement());
    return body_->bounds();
}

float World::floor_y() const { return 0.0f; }

}  // namespace scene
