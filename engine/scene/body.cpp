#include "scene/body.hpp"

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

bool Body::muscle_visible(std::size_t i, const Layers& layers) const {
    const anat::Muscle& m = catalogue_.muscles[i];
    if (!layers.muscles) return false;
    if (!layers.isolated_muscles.empty()) return layers.isolated_muscles.count(m.id) > 0;
    if (m.side == anat::Side::right && !layers.right) return false;
    if (m.side == anat::Side::left && !layers.left) return false;
    if (layers.hidden_groups.count(m.group)) return false;
    return !layers.hidden_muscles.count(m.id);
}

glm::vec3 Body::heat_color(float t) {
    // A perceptually even ramp for the legend: calm blue (0), teal, yellow, red (1 and beyond).
    t = std::clamp(t, 0.0f, 1.2f) / 1.2f;
    const glm::vec3 stops[] = {{0.23f, 0.36f, 0.62f}, {0.20f, 0.62f, 0.62f}, {0.93f, 0.80f, 0.30f}, {0.88f, 0.28f, 0.20f}, {0.70f, 0.10f, 0.30f}};
    const float x = t * 4.0f;
    const int i = std::min(static_cast<int>(x), 3);
    return glm::mix(stops[i], stops[i + 1], x - static_cast<float>(i));
}

glm::vec3 Body::muscle_color(std::size_t i, ColorMode mode) const {
    const anat::Muscle& m = catalogue_.muscles[i];
    switch (mode) {
        case ColorMode::anatomical: {
            // Natural muscle red, a little variation so neighbours separate.
            const float v = 0.92f + 0.08f * static_cast<float>((i / 2) % 3) / 2.0f;
            return glm::vec3(0.66f, 0.17f, 0.14f) * v;
        }
        case ColorMode::group:
            if (const auto* g = catalogue_.find_group(m.group)) return g->color;
            return glm::vec3(0.7f);
        case ColorMode::stretch: return heat_color(std::max(states_[i].relative_elongation, 0.0f));
        case ColorMode::tightness: return heat_color(tightness_[i]);
        case ColorMode::tension: {
            // Passive force relative to F_max, on a scale where 0.25 F_max is full colour.
            return heat_color(std::min(states_[i].passive_force_norm / 0.25f, 1.2f));
        }
    }
    return glm::vec3(0.7f);
}

void Body::build_frame(gfx::FrameDesc& frame, const Display& d) {
    frame.floor_y_m = floor_y();
    frame.shadow_version = pose_version_ * 4 + (d.layers.skeleton ? 1 : 0) + (d.layers.muscles ? 2 : 0);

    const bool has_focus = d.selection.kind != Selection::Kind::none || !d.emphasised.empty() || !d.layers.isolated_muscles.empty();
    const bool xray = d.layers.xray && has_focus;
    const bool demo = d.stretch_demo && !d.emphasised.empty();
    const bool mute = (d.stretch_demo || d.mute_others) && !d.emphasised.empty();
    // Which muscles are "in focus" (selected, emphasised or isolated).
    auto selected = [&](const anat::Muscle& m) {
        if (d.selection.kind == Selection::Kind::muscle && d.selection.id == m.id) return true;
        return d.selection.kind == Selection::Kind::group && m.in_group(d.selection.id);
    };
    auto focused = [&](const anat::Muscle& m) { return selected(m) || d.emphasised.count(m.id) > 0; };

    solid_.vertices.clear();
    solid_.indices.clear();
    ghost_.vertices.clear();
    ghost_.indices.clear();
    solid_ids_.clear();
    ghost_ids_.clear();
    const anat::BodyAxes axes = anat::body_axes(skeleton_, world_);
    // Ghosts: only the muscles out of focus in x-ray; every other muscle is drawn once, solid.
    anat::MuscleStyle no_ghost;
    no_ghost.visible = false;
    std::vector<anat::MuscleStyle> solid_styles(catalogue_.muscles.size()), ghost_styles(catalogue_.muscles.size(), no_ghost);
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i) {
        const anat::Muscle& m = catalogue_.muscles[i];
        anat::MuscleStyle s;
        s.visible = muscle_visible(i, d.layers);
        const bool emphasised = d.emphasised.count(m.id) > 0;
        // Emphasised muscles (a stretch's targets, highlighted groups) show their group's colour.
        if (demo && emphasised)
            s.color = muscle_color(i, ColorMode::stretch);
        else
            s.color = muscle_color(i, emphasised && d.color_mode == ColorMode::anatomical ? ColorMode::group : d.color_mode);
        s.id = muscle_id_base + static_cast<std::uint32_t>(i);
        const bool focus = focused(m);
        if (selected(m)) s.flags = gfx::vertex_flag_highlight;
        if ((xray || mute) && !focus && d.layers.isolated_muscles.empty()) {
            ghost_styles[i] = s;
            s.visible = false;
        }
        solid_styles[i] = s;
    }
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
        const float opacity = xray ? 0.22f : 1.0f;
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
