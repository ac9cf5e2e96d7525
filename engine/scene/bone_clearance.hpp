// scene/bone_clearance.hpp: muscle surfaces kept out of the bones.
//
// A muscle's path clears the bones (the catalogue's wraps and points see to that), but its belly
// has a thickness, and where it passes close to a bone (soleus on the tibia, gluteus maximus over
// the greater trochanter as the hip flexes) part of the surface would sink into it. Each frame the
// vertices inside a bone move out along the bone's distance field to just outside its surface:
// the muscle lies flat on the bone there, as real muscle does.
//
// The fields are the bone generator's own signed distance functions (bonegen::Part::shape), for
// the bones the muscles meet: the pelvis and the lower limbs above the ankle. They are exact but
// costly to evaluate, so each bone keeps a cache of sampled bricks (3 mm cells), made the first
// time a vertex needs one: a brick far from the surface holds one value, a brick across it
// 9 x 9 x 9 samples. The vertices move along the samples' trilinear gradient (the exact one deep
// inside a bone), so a frame evaluates the exact functions only for bricks it has not met before.
#pragma once

#include "anatomy/skeleton.hpp"
#include "core/math.hpp"
#include "core/mesh.hpp"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace scene {

class BoneClearance {
public:
    // The bones of `skeleton` (its parameters: stature, pelvic incidence) as the bake makes them.
    explicit BoneClearance(const anat::Skeleton& skeleton);
    ~BoneClearance();
    BoneClearance(const BoneClearance&) = delete;
    BoneClearance& operator=(const BoneClearance&) = delete;

    // How far outside the surface a moved vertex ends up.
    static constexpr float clearance_m = 0.0005f;

    // Moves every vertex of `mesh` from `first_vertex` on that lies inside a bone (posed by
    // `world_from_bone`, per joint of the skeleton) out to clearance_m outside it. Returns how
    // many moved. Safe to call from several threads at once.
    std::size_t push_out(core::MeshData& mesh, std::span<const core::Rigid> world_from_bone, std::size_t first_vertex = 0) const;

    // The signed distance from a world point to the nearest of these bones (negative inside), exact.
    float distance(const glm::vec3& world_point, std::span<const core::Rigid> world_from_bone, std::string* bone = nullptr) const;

    // The bones it keeps muscles out of, by name.
    std::vector<std::string> bone_names() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace scene
