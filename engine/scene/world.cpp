#include "scene/world.hpp"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>

namespace scene {

namespace {
// A neutral standing figure from primitives, shown until the anatomical model is available.
assets::Model make_placeholder() {
    assets::Model m;
    m.source = "placeholder";
    auto add = [&](core::MeshData mesh, const glm::mat4& at, const char* name) {
        mesh.name = name;
        m.meshes.push_back(std::move(mesh));
        assets::Node n;
        n.name = name;
        n.parent = 0;
        n.parent_from_node = at;
        n.meshes.push_back(static_cast<int>(m.meshes.size() - 1));
        m.nodes.push_back(n);
    };
    m.nodes.push_back({"root", -1, glm::mat4(1.0f), {}});
    auto T = [](float x, float y, float z) { return glm::translate(glm::mat4(1.0f), glm::vec3(x, y, z)); };
    add(core::make_uv_sphere(0.1f, 32, 16), T(0, 1.64f, 0), "head");
    add(core::make_box({0.16f, 0.26f, 0.09f}), T(0, 1.22f, 0), "trunk");
    add(core::make_box({0.15f, 0.07f, 0.09f}), T(0, 0.93f, 0), "pelvis");
    for (float s : {-1.0f, 1.0f}) {
        add(core::make_cylinder(0.06f, 0.42f, 24), T(s * 0.09f, 0.70f, 0), s < 0 ? "thigh_r" : "thigh_l");
        add(core::make_cylinder(0.045f, 0.42f, 24), T(s * 0.09f, 0.27f, 0), s < 0 ? "shank_r" : "shank_l");
        add(core::make_box({0.045f, 0.03f, 0.12f}), T(s * 0.09f, 0.03f, 0.05f), s < 0 ? "foot_r" : "foot_l");
        add(core::make_cylinder(0.04f, 0.56f, 24), T(s * 0.21f, 1.18f, 0), s < 0 ? "arm_r" : "arm_l");
    }
    for (auto& mesh : m.meshes)
        for (auto& v : mesh.vertices) v.color = {235, 226, 205, 255};  // ivory
    return m;
}
}  // namespace

World::World() : placeholder_(make_placeholder()) {}

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

void World::build_frame(gfx::FrameDesc& frame) const {
    frame.floor_y_m = floor_y();
    if (user_model_) {
        user_model_->append_items(frame.items, user_model_placement(), gfx::Shading::plain, 1);
        return;
    }
    placeholder_.append_items(frame.items, glm::mat4(1.0f), gfx::Shading::bone, 1);
}

core::Bounds World::bounds() const {
    if (user_model_) return user_model_->bounds().transformed(user_model_placement());
    return placeholder_.bounds();
}

float World::floor_y() const { return 0.0f; }

}  // namespace scene
