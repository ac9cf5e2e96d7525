#include "scene/body.hpp"

#include "scene/muscle_styles.hpp"

#include "bonegen/generator.hpp"
#include "bonegen/model_layout.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"

#include <algorithm>

namespace scene {

const char* color_mode_name(ColorMode m) {
    switch (m) {
        case ColorMode::anatomical: return "Anatomical";
        case ColorMode::group: return "By group";
        case ColorMode::stretch: return "By stretch";
        case ColorMode::tightness: return "By tightness";
        case ColorMode::tension: return "By passive tension";
    }
    return "";
}

Body::Body(anat::Skeleton skeleton, anat::MuscleCatalogue catalogue, std::unique_ptr<BoneSet> bones)
    : skeleton_(std::move(skeleton)), catalogue_(std::move(catalogue)), bones_(std::move(bones)), rig_(skeleton_) {
    tightness_.assign(catalogue_.muscles.size(), 0.0f);
    styles_.resize(catalogue_.muscles.size());
    set_pose(anat::rest_pose(skeleton_));
}

std::unique_ptr<Body> Body::load_default(std::vector<std::string>& warnings) {
    anat::Skeleton sk = anat::build_default_skeleton();
    anat::MuscleCatalogue cat = anat::load_default_muscle_catalogue(sk);
    std::unique_ptr<BoneSet> bones;
    const auto model_path = core::generated_asset_dir() / "skeleton.glb";
    std::error_code ec;
    if (core::fs::exists(model_path, ec)) {
        try {
            bones = std::make_unique<BoneSet>(sk, assets::load_model(model_path), warnings);
        } catch (const core::Error& e) {
            warnings.push_back(std::string(e.what()) + "; showing the rig instead");
        }
    } else {
        warnings.push_back(model_path.string() + " not found (run `anatomy bake-skeleton`); showing the rig instead");
    }
    if (!bones) bones = BoneSet::rig_view(sk);
    return std::make_unique<Body>(std::move(sk), std::move(cat), std::move(bones));
}

Body::Parts Body::make_parts(const anat::SkeletonParams& params, const std::vector<std::string>& only_bones) {
    Parts parts{anat::build_default_skeleton(params), {}, {}};
    parts.catalogue = anat::load_default_muscle_catalogue(parts.skeleton);
    // The bones shaped for this skeleton, as `anatomy bake-skeleton` makes them for the default.
    bonegen::Options options;
    options.only = only_bones;
    parts.bones = bonegen::to_model(bonegen::generate_skeleton(bonegen::skeleton_for_bake(params), options));
    return parts;
}

std::unique_ptr<Body> Body::from_parts(Parts parts, std::vector<std::string>& warnings) {
    auto bones = std::make_unique<BoneSet>(parts.skeleton, parts.bones, warnings);
    return std::make_unique<Body>(std::move(parts.skeleton), std::move(parts.catalogue), std::move(bones));
}

void Body::set_pose(const anat::Pose& pose) {
    pose_ = pose;
    if (pose_.translation.size() != pose_.local.size()) pose_.translation.assign(pose_.local.size(), glm::vec3(0.0f));
    world_.resize(skeleton_.joints.size());
    anat::forward_kinematics(skeleton_, pose_, world_);
    coords_ = anat::path_coordinates(rig_, pose_);
    anat::evaluate_paths(catalogue_, world_, coords_, paths_);
    states_.resize(catalogue_.muscles.size());
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
        states_[i] = biomech::muscle_state(catalogue_.muscles[i], paths_.length_m[i], tightness_[i], catalogue_);
    ++pose_version_;
}

bool Body::muscle_visible(std::size_t i, const Layers& layers) const { return scene::muscle_visible(catalogue_.muscles[i], layers); }

glm::vec3 Body::heat_color(float t) { return scene::heat_color(t); }

glm::vec3 Body::muscle_color(std::size_t i, ColorMode mode) const { return scene::muscle_color(catalogue_, i, mode, states_, tightness_); }

void Body::build_frame(gfx::FrameDesc& frame, const Display& d) {
    frame.floor_y_m = floor_y();

    solid_.vertices.clear();
    solid_.indices.clear();
    ghost_.vertices.clear();
    ghost_.indices.clear();
    solid_ids_.clear();
    ghost_ids_.clear();
    const anat::BodyAxes axes = anat::body_axes(skeleton_, world_);
    // Each muscle drawn once: solid, or a ghost out of focus (scene::muscle_styles).
    const MuscleStyles styles = muscle_styles(catalogue_, states_, tightness_, d);
    const auto& solid_styles = styles.solid;
    const auto& ghost_styles = styles.ghost;
    anat::build_muscle_mesh(catalogue_, paths_, solid_styles, axes, {}, solid_, solid_ids_);
    anat::build_muscle_mesh(catalogue_, paths_, ghost_styles, axes, {}, ghost_, ghost_ids_);
    auto upload = [](std::unique_ptr<gfx::GpuMesh>& gpu, const core::MeshData& m, const std::vector<std::uint32_t>& ids) {
        if (!gpu)
            gpu = std::make_unique<gfx::GpuMesh>(m, true, ids);
        else
            gpu->update(m, ids);
    };
    upload(solid_mesh_, solid_, solid_ids_);
    upload(ghost_mesh_, ghost_, ghost_ids_);

    // The skin doubles as the shadow caster, so it is posed even when hidden.
    bones_->update(world_, d.layers.skin || bones_->has_skin());
    bones_->append_shadow_caster(frame.shadow_casters);
    if (d.layers.skeleton) {
        int highlight = -1;
        if (d.selection.kind == Selection::Kind::bone) highlight = bones_->find_bone(d.selection.id);
        const float opacity = xray_in_effect(d) ? 0.22f : 1.0f;
        bones_->append_bone_items(frame.items, world_, opacity, 1, highlight, !d.layers.arms);
    }
    if (!solid_.indices.empty()) {
        gfx::DrawItem item;
        item.mesh = solid_mesh_.get();
        item.shading = gfx::Shading::muscle;
        item.per_vertex_ids = true;
        frame.items.push_back(item);
    }
    if (!ghost_.indices.empty()) {
        gfx::DrawItem item;
        item.mesh = ghost_mesh_.get();
        item.shading = gfx::Shading::muscle;
        item.color.a = 0.16f;
        item.casts_shadow = false;
        frame.items.push_back(item);
    }
    if (d.layers.skin) bones_->append_skin_item(frame.items, 0.5f);
}

Selection Body::decode_pick(std::uint32_t id) const {
    if (id >= muscle_id_base && id - muscle_id_base < catalogue_.muscles.size())
        return {Selection::Kind::muscle, catalogue_.muscles[id - muscle_id_base].id};
    if (id >= 1 && id <= bones_->bones().size()) return {Selection::Kind::bone, bones_->bones()[id - 1].name};
    return {};
}

core::Bounds Body::bounds() const {
    core::Bounds b;
    for (const auto& w : world_) b.add(w.translation);
    // The joints stop short of the skull's top and the toes: grow by a little.
    b.min -= glm::vec3(0.12f, 0.07f, 0.12f);
    b.max += glm::vec3(0.12f, 0.16f, 0.14f);
    b.min.y = std::min(b.min.y, floor_y());
    return b;
}

}  // namespace scene
