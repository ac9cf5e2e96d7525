// bonegen/parts.hpp: what the anatomy builders produce and the helpers they share.
//
// Every builder works in rest world coordinates (metres, +Y up, +Z anterior, +X the body's left)
// and sizes things from the rig (joint centres, landmarks, the spine's per-vertebra numbers) and
// the stature scale `k` (1 at 1.75 m), so a taller or shorter skeleton keeps its proportions.
// Bilateral builders take a Side and place lateral things at side.lat * |x|: the right side has
// lat = -1 (its bones have negative x).
#pragma once

#include "anatomy/skeleton.hpp"
#include "bonegen/sdf.hpp"

#include <string>
#include <vector>

namespace bonegen {

enum class Tissue { bone, cartilage, skin };

// One mesh to generate.
struct Part {
    std::string name;   // bone name (public convention, e.g. femur_r)
    std::string joint;  // the joint whose bone frame holds it
    Tissue tissue = Tissue::bone;
    Shape shape;             // rest world coordinates
    Shape cartilage;         // optional: where the bone's surface is articular cartilage
    float step_m = 0.0015f;  // lattice step at default detail (1.75 m stature)
    int budget = 500;        // triangles at default detail
    int mirror_of = -1;      // set by the generator for left parts copied from the right
};

struct Side {
    float lat = -1.0f;  // -1 right, +1 left: multiply lateral x offsets by it
    const char* sfx = "_r";
    bool right() const { return lat < 0.0f; }
    // A point given with lateral offset as positive x, mirrored to this side.
    glm::vec3 p(float lateral, float y, float z) const { return {lat * lateral, y, z}; }
    glm::vec3 v(const glm::vec3& right_side) const { return {-lat * right_side.x, right_side.y, right_side.z}; }
    std::string n(const std::string& base) const { return base + sfx; }
};
inline const Side right_side{-1.0f, "_r"};
inline const Side left_side{1.0f, "_l"};

// Read-only access to the rig for the builders.
class Rig {
public:
    explicit Rig(const anat::Skeleton& s);
    const anat::Skeleton& skeleton() const { return s_; }
    float k() const { return k_; }                      // stature / 1.75 m
    float mm(float v) const { return v * 1e-3f * k_; }  // a millimetre size at 1.75 m, scaled
    glm::vec3 joint(const std::string& name) const;     // rest world position; asserts it exists
    glm::vec3 landmark(const std::string& name) const;  // rest world position; asserts it exists
    bool has_landmark(const std::string& name) const { return s_.find_landmark(name) >= 0; }
    const anat::Vertebra& vertebra(const std::string& name) const;  // "L5" ... "C1"

private:
    const anat::Skeleton& s_;
    float k_ = 1.0f;
};

// Helpers for curves.
// A Catmull-Rom spline through `pts`, sampled with `per_segment` points per span (ends included).
std::vector<glm::vec3> catmull_rom(const std::vector<glm::vec3>& pts, int per_segment);
// Sweep nodes along a Catmull-Rom spline through `ctrl`, radii eased between the values given at
// the control points (one per control point, or a single value for all).
std::vector<SweepNode> tube(const std::vector<glm::vec3>& ctrl, const std::vector<float>& ra, const std::vector<float>& rb, const glm::vec3& up,
                            int per_segment = 6);
inline std::vector<SweepNode> tube(const std::vector<glm::vec3>& ctrl, const std::vector<float>& r, int per_segment = 6) {
    return tube(ctrl, r, r, glm::vec3(0.0f, 0.0f, 1.0f), per_segment);
}

// The builders (one file each).
void build_pelvis(const Rig& rig, std::vector<Part>& out);  // hip bones, sacrum, coccyx
void build_hip_bone(const Rig& rig, const Side& side, std::vector<Part>& out);
void build_spine(const Rig& rig, std::vector<Part>& out);                     // vertebrae and discs
void build_thorax(const Rig& rig, const Side& side, std::vector<Part>& out);  // one side's ribs and cartilages
void build_sternum(const Rig& rig, std::vector<Part>& out);
void build_skull(const Rig& rig, std::vector<Part>& out);
void build_upper_limb(const Rig& rig, const Side& side, std::vector<Part>& out);  // clavicle to hand
void build_lower_limb(const Rig& rig, const Side& side, std::vector<Part>& out);  // femur to toes
void build_skin(const Rig& rig, std::vector<Part>& out);

}  // namespace bonegen
