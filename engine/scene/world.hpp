// scene/world.hpp: what the viewer and the snapshot command show, turned into draw items: the
// anatomical body, or a model file the user opened instead. Plain data: no GL context needed.
#pragma once

#include "scene/body.hpp"
#include "scene/model_instance.hpp"

#include <future>
#include <memory>
#include <optional>

namespace scene {

class World {
public:
    // Loads the body from assets/ (warnings go to the log: a missing baked skeleton falls back to
    // the rig view). Throws core::Error when the anatomy data itself is broken.
    World();
    // The same on a worker thread, started now: loading the body is CPU work (the baked bones,
    // their coarser levels) that runs while the caller creates its window and GL context, which
    // is mostly the driver's own single-threaded start-up; it also samples the bone fields the
    // standing muscles meet. get() rethrows what World() threw.
    static std::future<std::unique_ptr<World>> load_in_background();

    // Loads a model file to show instead of the anatomy. On failure throws core::Error and keeps
    // what was shown before.
    void load_user_model(const core::fs::path& path);
    void clear_user_model();
    bool has_user_model() const { return user_model_.has_value(); }
    const std::string& user_model_source() const;

    // Shows another body (a patient's pelvis) from now on; the old one is released. Whoever held
    // references into the old body (posture and stretch state, draw lists) must drop them.
    void replace_body(std::unique_ptr<Body> body) { body_ = std::move(body); }

    Body& body() { return *body_; }
    const Body& body() const { return *body_; }
    Body::Display display;

    void build_frame(gfx::FrameDesc& frame, int view = 0, const anat::MuscleMeshSettings& detail = {});  // as Body::build_frame
    core::Bounds bounds() const;
    float floor_y() const;

private:
    glm::mat4 user_model_placement() const;
    std::optional<ModelInstance> user_model_;
    std::unique_ptr<Body> body_;
};

}  // namespace scene
