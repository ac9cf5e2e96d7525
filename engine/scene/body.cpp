#include "scene/body.hpp"

#include "scene/muscle_styles.hpp"

#include "bonegen/generator.hpp"
#include "bonegen/model_layout.hpp"

#include "anatomy/skeleton_builder.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"

#include <algorithm>
#include <atomic>

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
    : skeleton_(std::move(skeleton)),
      catalogue_(std::move(catalogue)),
      bones_(std::move(bones)),
      rig_(skeleton_),
      clearance_(std::make_shared<const BoneClearance>(skeleton_)) {
    owner_ = gfx::new_mesh_owner();
    set_pose(anat::rest_pose(skeleton_), {});
}

std::unique_ptr<Body> Body::load_default(std::vector<std::string>& warnings) {
    anat::Skeleton sk = anat::build_default_skeleton();
    anat::MuscleCatalogue cat = anat::load_default_muscle_catalogue(sk);
    std::unique_ptr<BoneSet> bones;
    const auto model_path = core::generated_asset_dir() / "skeleton.glb";
    std::error_code ec;
    if (core::fs::exists(model_path, ec)) {
        try {
            bones = std::make_unique<BoneSet>(sk, assets::load_model(model_path, assets::ModelSource::own_bake), warnings);
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

void Body::set_pose(const anat::Pose& pose, std::span<const float> tightness) {
    pose_body(skeleton_, rig_, catalogue_, pose, tightness, posed_);
    ++pose_version_;
}

bool Body::muscle_visible(std::size_t i, const Layers& layers) const { return scene::muscle_visible(catalogue_.muscles[i], layers); }

glm::vec3 Body::heat_color(float t) { return scene::heat_color(t); }

glm::vec3 Body::muscle_color(std::size_t i, ColorMode mode) const {
    return scene::muscle_color(catalogue_, i, mode, posed_.states, posed_.tightness);
}

void Body::build_frame(gfx::FrameDesc& frame, const Display& d, int view, const anat::MuscleMeshSettings& detail) {
    frame.floor_y_m = floor_y();

    // The muscles as CPU meshes the renderer uploads (gfx::CpuMesh), per view. A frame kept from
    // before (the viewer picks in last frame's) still holds its set, which must not change under
    // it: two sets a view take turns, reusing their storage, and a third is made only when both
    // are held.
    if (static_cast<std::size_t>(view) >= geometry_.size()) geometry_.resize(static_cast<std::size_t>(view) + 1);
    auto& sets = geometry_[static_cast<std::size_t>(view)];
    auto free_set = std::find_if(sets.begin(), sets.end(), [](const auto& g) { return g && g.use_count() == 1; });
    if (free_set == sets.end()) free_set = std::find_if(sets.begin(), sets.end(), [](const auto& g) { return !g; });
    if (free_set == sets.end()) {
        free_set = sets.begin();  // both still held: a fresh one
        *free_set = nullptr;
    }
    if (!*free_set) *free_set = std::make_shared<MuscleGeometry>();
    const std::shared_ptr<MuscleGeometry> geometry = *free_set;
    muscle_geometry(skeleton_, catalogue_, posed_, d, *geometry, detail, clearance_.get());
    const std::uint64_t revision = gfx::new_mesh_revision();
    auto cpu_mesh = [&](bool ghost) {
        gfx::CpuMesh m;
        m.key = gfx::mesh_key(owner_, (static_cast<std::uint64_t>(view) << 1) | (ghost ? 1u : 0u));
        m.revision = revision;
        m.mesh = std::shared_ptr<const core::MeshData>(geometry, ghost ? &geometry->ghost : &geometry->solid);
        m.ids = std::shared_ptr<const std::vector<std::uint32_t>>(geometry, ghost ? &geometry->ghost_ids : &geometry->solid_ids);
        return m;
    };

    // The skin doubles as the shadow caster, so it is posed even when hidden. Each view's discs
    // and skin are its own (slot 2 * view; its ghost is 2 * view + 1).
    const BoneSet::Posed bones_posed = bones_->pose(posed_.world, true, 2 * view);
    bones_->append_shadow_caster(frame.shadow_casters, bones_posed);
    if (d.layers.skeleton) {
        int highlight = -1;
        if (d.selection.kind == Selection::Kind::bone) highlight = bones_->find_bone(d.selection.id);
        const float opacity = xray_in_effect(d) ? 0.22f : 1.0f;
        bones_->append_bone_items(frame.items, posed_.world, &bones_posed, opacity, highlight, !d.layers.arms);
    }
    if (!geometry->solid.indices.empty()) {
        gfx::DrawItem item;
        item.cpu = cpu_mesh(false);
        item.shading = gfx::Shading::muscle;
        item.per_vertex_ids = true;
        frame.items.push_back(item);
    }
    if (!geometry->ghost.indices.empty()) {
        gfx::DrawItem item;
        item.cpu = cpu_mesh(true);
        item.shading = gfx::Shading::muscle;
        item.color.a = 0.16f;
        item.casts_shadow = false;
        frame.items.push_back(item);
    }
    if (d.layers.skin) bones_->append_skin_item(frame.items, bones_posed, 0.5f);
}

Selection Body::decode_pick(std::uint32_t id) const {
    if (id >= muscle_id_base && id - muscle_id_base < catalogue_.muscles.size())
        return {Selection::Kind::muscle, catalogue_.muscles[id - muscle_id_base].id};
    if (id >= 1 && id <= bones_->bones().size()) return {Selection::Kind::bone, bones_->bones()[id - 1].name};
    return {};
}

core::Bounds Body::bounds() const {
    core::Bounds b;
    for (const auto& w : posed_.world) b.add(w.translation);
    // The joints stop short of the skull's top and the toes: grow by a little.
    b.min -= glm::vec3(0.12f, 0.07f, 0.12f);
    b.max += glm::vec3(0.12f, 0.16f, 0.14f);
    b.min.y = std::min(b.min.y, floor_y());
    return b;
}

}  // namespace scene
