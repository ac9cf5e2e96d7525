// anim/clip.cpp
//
// [SECTION] Names of enums, easing
// [SECTION] Surfaces from props
// [SECTION] Reading and validating a clip
// [SECTION] Mirroring
#include "anim/stretch_groups.hpp"
#include "anim/clip.hpp"

#include "anatomy/muscle_catalogue.hpp"
#include "anim/contact_solver.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <sstream>

namespace anim {

namespace {
using core::check_keys;
std::size_t idx(int i) { return static_cast<std::size_t>(i); }
}  // namespace

// [SECTION] Names of enums, easing

const char* to_string(Phase p) {
    switch (p) {
        case Phase::setup: return "setup";
        case Phase::move: return "move";
        case Phase::hold: return "hold";
        case Phase::returning: return "return";
    }
    return "?";
}
const char* display_name(Phase p) {
    switch (p) {
        case Phase::setup: return "Set up";
        case Phase::move: return "Move into the stretch";
        case Phase::hold: return "Hold";
        case Phase::returning: return "Return";
    }
    return "";
}
const char* to_string(Easing e) {
    switch (e) {
        case Easing::linear: return "linear";
        case Easing::ease_in: return "ease_in";
        case Easing::ease_out: return "ease_out";
        case Easing::ease_in_out: return "ease_in_out";
    }
    return "?";
}
const char* to_string(Position p) {
    switch (p) {
        case Position::standing: return "standing";
        case Position::kneeling: return "kneeling";
        case Position::supine: return "supine";
        case Position::seated: return "seated";
        case Position::prone: return "prone";
    }
    return "?";
}
const char* to_string(PropType t) {
    switch (t) {
        case PropType::mat: return "mat";
        case PropType::step: return "step";
        case PropType::table: return "table";
        case PropType::wall: return "wall";
        case PropType::strap: return "strap";
    }
    return "?";
}
const char* to_string(ClipSide s) { return s == ClipSide::right ? "right" : "both"; }

float ease(Easing e, float u) {
    u = std::clamp(u, 0.0f, 1.0f);
    switch (e) {
        case Easing::linear: return u;
        case Easing::ease_in: return u * u;
        case Easing::ease_out: return 1.0f - (1.0f - u) * (1.0f - u);
        case Easing::ease_in_out: return u * u * (3.0f - 2.0f * u);  // smoothstep: zero slope at both ends
    }
    return u;
}

namespace {

template <typename E, std::size_t N>
std::vector<std::string> names_of(const std::array<E, N>& values) {
    std::vector<std::string> out;
    for (E v : values) out.emplace_back(to_string(v));
    return out;
}
template <typename E, std::size_t N>
E from_string(const std::array<E, N>& values, const std::string& s) {
    for (E v : values)
        if (s == to_string(v)) return v;
    return values[0];
}
constexpr std::array phases{Phase::setup, Phase::move, Phase::hold, Phase::returning};
constexpr std::array easings{Easing::linear, Easing::ease_in, Easing::ease_out, Easing::ease_in_out};
constexpr std::array positions{Position::standing, Position::kneeling, Position::supine, Position::seated, Position::prone};
constexpr std::array prop_types{PropType::mat, PropType::step, PropType::table, PropType::wall, PropType::strap};
constexpr std::array sides{ClipSide::right, ClipSide::both};

bool is_snake_id(const std::string& s) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string fmt(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// [SECTION] Surfaces from props

void build_surfaces(Clip& clip) {
    clip.surfaces.clear();
    clip.surfaces.push_back(Surface{"floor", -1, {0.0f, 1.0f, 0.0f}, 0.0f, glm::vec3(0.0f), {1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 1.0f}, {1e6f, 1e6f}});
    for (std::size_t i = 0; i < clip.props.size(); ++i) {
        const Prop& p = clip.props[i];
        Surface s;
        s.name = p.id;
        s.prop = static_cast<int>(i);
        if (p.type == PropType::strap) continue;
        if (p.type == PropType::wall) {
            s.normal = p.normal;
            s.offset_m = glm::dot(p.normal, p.position_m);
            s.center = p.position_m;
            s.v = {0.0f, 1.0f, 0.0f};
            s.u = glm::normalize(glm::cross(s.v, s.normal));
            s.half_extent = {p.size_m.x * 0.5f, p.size_m.y * 0.5f};
        } else {
            s.normal = {0.0f, 1.0f, 0.0f};
            s.offset_m = p.position_m.y + p.size_m.y;
            s.center = p.position_m + glm::vec3(0.0f, p.size_m.y, 0.0f);
            s.u = {1.0f, 0.0f, 0.0f};
            s.v = {0.0f, 0.0f, 1.0f};
            s.half_extent = {p.size_m.x * 0.5f, p.size_m.z * 0.5f};
        }
        clip.surfaces.push_back(s);
    }
}

void build_segments(Clip& clip) {
    clip.segments.assign(clip.keys.empty() ? 0 : clip.keys.size() - 1, {});
    auto find = [](const Keyframe& k, const ContactRef& c) {
        const auto it = std::find(k.contacts.begin(), k.contacts.end(), c);
        return it == k.contacts.end() ? -1 : static_cast<int>(it - k.contacts.begin());
    };
    for (std::size_t i = 0; i + 1 < clip.keys.size(); ++i) {
        const Keyframe& a = clip.keys[i];
        const Keyframe& b = clip.keys[i + 1];
        auto& seg = clip.segments[i];
        for (std::size_t c = 0; c < a.contacts.size(); ++c)
            seg.push_back({a.contacts[c], a.anchors[c], 1.0f, find(b, a.contacts[c]) >= 0 ? 1.0f : 0.0f});
        for (std::size_t c = 0; c < b.contacts.size(); ++c)
            if (find(a, b.contacts[c]) < 0) seg.push_back({b.contacts[c], b.anchors[c], 0.0f, 1.0f});
    }
}

// Anchors: a contact continuing from the keyframe before keeps that keyframe's anchor; a new one
// is solved onto its plane in this keyframe's pose and holds the point it lands on.
void compute_anchors(const Rig& rig, Clip& clip) {
    std::vector<core::Rigid> world;
    std::vector<ActiveContact> active;
    for (std::size_t i = 0; i < clip.keys.size(); ++i) {
        Keyframe& k = clip.keys[i];
        k.anchors.assign(k.contacts.size(), glm::vec3(0.0f));
        active.clear();
        std::vector<bool> inherited(k.contacts.size(), false);
        for (std::size_t c = 0; c < k.contacts.size(); ++c) {
            ActiveContact ac{k.contacts[c].point, k.contacts[c].surface, 1.0f, false, glm::vec3(0.0f), true};
            if (i > 0) {
                const Keyframe& prev = clip.keys[i - 1];
                const auto it = std::find(prev.contacts.begin(), prev.contacts.end(), k.contacts[c]);
                if (it != prev.contacts.end()) {
                    ac.anchored = true;
                    ac.anchor = prev.anchors[static_cast<std::size_t>(it - prev.contacts.begin())];
                    k.anchors[c] = ac.anchor;
                    inherited[c] = true;
                }
            }
            active.push_back(ac);
        }
        anat::Pose pose = k.pose;
        solve_contacts(rig, clip.surfaces, active, pose, world);
        for (std::size_t c = 0; c < k.contacts.size(); ++c) {
            if (inherited[c]) continue;
            const Surface& s = clip.surfaces[idx(k.contacts[c].surface)];
            const glm::vec3 p = rig.point_world(k.contacts[c].point, world);
            k.anchors[c] = p - s.distance(p) * s.normal;
        }
    }
}

// [SECTION] Reading and validating a clip

std::vector<std::string> text_list(const core::JsonNode& node, bool required_non_empty) {
    std::vector<std::string> out;
    for (const auto& item : node.items()) {
        std::string s = item.string();
        if (item.is_string() && s.empty()) item.problem("empty text");
        out.push_back(std::move(s));
    }
    if (required_non_empty && node.present() && node.is_array() && out.empty()) node.problem("expected at least one entry");
    return out;
}

std::vector<std::string> muscle_list(const core::JsonNode& node, const std::set<std::string>& known, bool required_non_empty) {
    std::vector<std::string> out;
    for (const auto& item : node.items()) {
        const std::string id = item.string();
        if (item.is_string() && !known.count(id)) item.problem("unknown muscle id \"" + id + "\" (ids come from the muscle catalogue, e.g. psoas_r)");
        out.push_back(id);
    }
    if (required_non_empty && node.present() && node.is_array() && out.empty()) node.problem("expected at least one muscle id");
    return out;
}

std::vector<Precaution> read_precautions(const core::JsonNode& node, const std::vector<std::string>& conditions) {
    std::vector<Precaution> out;
    std::set<std::string> seen;
    for (const auto& pn : node.items()) {
        check_keys(pn, {"condition", "action", "text"});
        Precaution p;
        p.condition = pn["condition"].string();
        if (pn["condition"].is_string() && std::find(conditions.begin(), conditions.end(), p.condition) == conditions.end()) {
            std::string list;
            for (const auto& c : conditions) list += (list.empty() ? "" : ", ") + c;
            pn["condition"].problem("unknown condition \"" + p.condition + "\" (known: " + list + ")");
        } else if (pn["condition"].is_string() && !seen.insert(p.condition).second) {
            pn["condition"].problem("a second precaution for \"" + p.condition + "\" (give one, saying everything)");
        }
        p.action = parse_precaution_action(pn["action"].string_one_of({"skip", "modify", "ask"}, "ask")).value_or(PrecautionAction::ask);
        p.text = pn["text"].string();
        if (pn["text"].is_string() && p.text.empty()) pn["text"].problem("empty text");
        out.push_back(std::move(p));
    }
    return out;
}

Prop read_prop(const core::JsonNode& pn, const Rig& rig) {
    Prop p;
    p.id = pn["id"].string();
    if (pn["id"].is_string() && (!is_snake_id(p.id) || p.id == "floor"))
        pn["id"].problem("expected a lower-case id (a-z, 0-9, _) other than \"floor\"");
    p.type = from_string(prop_types, pn["type"].string_one_of(names_of(prop_types), "mat"));
    p.optional = pn.get("optional").boolean(false);
    if (p.type == PropType::strap) {
        check_keys(pn, {"id", "type", "attach", "length_m", "optional", "what"});
        p.attach = pn["attach"].strings();
        const auto items = pn["attach"].items();
        for (std::size_t i = 0; i < p.attach.size() && i < items.size(); ++i)
            if (rig.find_point(p.attach[i]) < 0) items[i].problem("unknown contact point \"" + p.attach[i] + "\"");
        if (pn["attach"].is_array() && p.attach.size() < 2) pn["attach"].problem("a strap runs between at least 2 contact points");
        p.length_m = static_cast<float>(pn["length_m"].number(0.3, 4.0, 1.8));
        return p;
    }
    check_keys(pn, {"id", "type", "position_m", "size_m", "normal", "optional", "what"});
    p.position_m = pn["position_m"].vec3(10.0f);
    p.size_m = pn["size_m"].vec3(10.0f, glm::vec3(1.0f));
    if (pn["size_m"].is_array() && (p.size_m.x <= 0.0f || p.size_m.y <= 0.0f || p.size_m.z <= 0.0f)) pn["size_m"].problem("sizes must be positive");
    if (p.type == PropType::wall) {
        p.normal = pn["normal"].vec3(1.0f, glm::vec3(0.0f, 0.0f, 1.0f));
        if (std::abs(p.normal.y) > 1e-6f || std::abs(glm::length(p.normal) - 1.0f) > 1e-3f)
            pn["normal"].problem("a wall's normal must be a horizontal unit vector pointing into the room");
        else
            p.normal = glm::normalize(p.normal);
    } else if (pn.has("normal")) {
        pn["normal"].problem("only walls have a normal (a box's contact face is its top)");
    }
    if (p.type != PropType::wall && pn["position_m"].is_array() && p.position_m.y < 0.0f)
        pn["position_m"].problem("a box stands on the floor or above it (y >= 0)");
    return p;
}

int surface_index(const Clip& clip, const std::string& name) { return clip.find_surface(name); }

// The range of one DOF, for messages.
std::string range_text(const JointGroup& g, const Dof& d) {
    return g.name + " " + d.name + "'s range [" + fmt(std::round(core::rad_to_deg(d.min_rad))) + ", " + fmt(std::round(core::rad_to_deg(d.max_rad))) +
           "] deg";
}

}  // namespace

float Surface::outside_face(const glm::vec3& p) const {
    const glm::vec3 d = p - center;
    const float a = std::max(0.0f, std::abs(glm::dot(d, u)) - half_extent.x);
    const float b = std::max(0.0f, std::abs(glm::dot(d, v)) - half_extent.y);
    return std::sqrt(a * a + b * b);
}

int Clip::find_surface(std::string_view name) const {
    for (std::size_t i = 0; i < surfaces.size(); ++i) {
        const Surface& s = surfaces[i];
        if (s.name == name) return static_cast<int>(i);
        if (s.prop < 0) continue;
        const bool wall = props[idx(s.prop)].type == PropType::wall;
        if (name == s.name + (wall ? "_front" : "_top")) return static_cast<int>(i);
    }
    return -1;
}

const ClipVocabulary& default_clip_vocabulary(const Rig& rig) {
    static const ClipVocabulary v = [&] {
        ClipVocabulary out;
        for (const auto& m : anat::load_default_muscle_catalogue(rig.skeleton).muscles) out.muscle_ids.push_back(m.id);
        out.condition_ids = default_safety().condition_ids();
        out.group_ids = stretch_group_ids(default_stretch_groups());
        return out;
    }();
    return v;
}

Clip parse_clip(const Rig& rig, const std::string& json_text, const std::string& file, const ClipOptions& options) {
    core::JsonReader r(file, json_text);
    auto root = r.root();
    Clip clip;
    clip.file = file;
    check_keys(root,
               {"format", "id",       "name",  "group", "position", "side",    "targets",          "secondary",   "difficulty", "hold_s",   "reps",
                "dosage", "evidence", "steps", "cues",  "mistakes", "sources", "how_it_stretches", "precautions", "props",      "keyframes"});
    if (root["format"].string() != "anatomy-stretch-1") root["format"].problem("expected \"anatomy-stretch-1\"");

    // Metadata.
    StretchInfo& info = clip.info;
    info.id = root["id"].string();
    if (root["id"].is_string() && !is_snake_id(info.id)) root["id"].problem("expected a lower-case id (a-z, 0-9, _)");
    if (!options.expected_id.empty() && root["id"].is_string() && info.id != options.expected_id)
        root["id"].problem("the id \"" + info.id + "\" must match the file name (\"" + options.expected_id + "\")");
    info.name = root["name"].string();
    if (root["name"].is_string() && info.name.empty()) root["name"].problem("empty text");
    const auto& groups = options.group_ids.empty() ? default_clip_vocabulary(rig).group_ids : options.group_ids;
    info.group = root["group"].string_one_of(groups, groups.empty() ? std::string() : groups.front());
    info.position = from_string(positions, root["position"].string_one_of(names_of(positions), "standing"));
    info.side = from_string(sides, root["side"].string_one_of(names_of(sides), "right"));
    const auto& ids = options.muscle_ids.empty() ? default_clip_vocabulary(rig).muscle_ids : options.muscle_ids;
    const std::set<std::string> known(ids.begin(), ids.end());
    info.targets = muscle_list(root["targets"], known, true);
    info.secondary = muscle_list(root.get("secondary"), known, false);
    for (const auto& s : info.secondary)
        if (std::find(info.targets.begin(), info.targets.end(), s) != info.targets.end())
            root["secondary"].problem("\"" + s + "\" is already a target");
    info.difficulty = root["difficulty"].integer(1, 3, 1);
    info.hold_s = static_cast<float>(root["hold_s"].number(1.0, 300.0, 30.0));
    auto reps = root["reps"];
    check_keys(reps, {"min", "max"});
    info.reps.min = reps["min"].integer(1, 30, 1);
    info.reps.max = reps["max"].integer(1, 30, 1);
    if (info.reps.min > info.reps.max) reps["max"].problem("max is below min");
    info.dosage = root["dosage"].string();
    info.evidence = root["evidence"].string();
    info.steps = text_list(root["steps"], true);
    info.cues = text_list(root["cues"], true);
    info.mistakes = text_list(root["mistakes"], true);
    info.sources = text_list(root["sources"], true);
    info.how_it_stretches = root.get("how_it_stretches").string();
    if (root.has("how_it_stretches") && root["how_it_stretches"].is_string() && info.how_it_stretches.empty())
        root["how_it_stretches"].problem("empty text");
    info.precautions =
        read_precautions(root.get("precautions"), options.condition_ids.empty() ? default_clip_vocabulary(rig).condition_ids : options.condition_ids);

    // Props.
    std::set<std::string> prop_ids;
    for (const auto& pn : root.get("props").items()) {
        Prop p = read_prop(pn, rig);
        if (!p.id.empty() && !prop_ids.insert(p.id).second) pn["id"].problem("prop \"" + p.id + "\" is defined twice");
        clip.props.push_back(std::move(p));
    }
    build_surfaces(clip);

    // Keyframes.
    std::vector<float> angles = rig.rest_angles();
    glm::vec3 root_m = rig.skeleton.joints[0].rest_world;
    const auto keys = root["keyframes"].items();
    if (root["keyframes"].is_array() && keys.size() < 2) root["keyframes"].problem("expected at least 2 keyframes");
    std::vector<bool> step_used(info.steps.size(), false);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto& kn = keys[i];
        check_keys(kn, {"t_s", "phase", "easing", "step", "root_m", "angles", "contacts", "note"});
        Keyframe k;
        k.t_s = static_cast<float>(kn["t_s"].number(0.0, 3600.0, 0.0));
        if (i == 0 && kn["t_s"].is_number() && k.t_s != 0.0f) kn["t_s"].problem("the first keyframe must be at t_s = 0");
        if (i > 0 && kn["t_s"].is_number() && !clip.keys.empty() && k.t_s <= clip.keys.back().t_s)
            kn["t_s"].problem("times must increase (" + fmt(k.t_s) + " s follows " + fmt(clip.keys.back().t_s) + " s)");
        k.phase = from_string(phases, kn["phase"].string_one_of(names_of(phases), "setup"));
        if (i == 0 && kn["phase"].is_string() && k.phase != Phase::setup) kn["phase"].problem("a clip starts with the setup phase");
        k.easing = from_string(easings, kn.get("easing").string_one_of(names_of(easings), "ease_in_out"));
        if (kn.has("step")) {
            k.step = kn["step"].integer(0, std::max(0, static_cast<int>(info.steps.size()) - 1), -1);
            if (k.step >= 0 && idx(k.step) >= step_used.size()) {
                kn["step"].problem("there is no step " + std::to_string(k.step) + " (the clip has " + std::to_string(info.steps.size()) + " steps)");
                k.step = -1;
            }
            if (k.step >= 0) step_used[idx(k.step)] = true;
        } else if (i == 0) {
            kn.problem("missing required field \"step\" (the first keyframe says which step text to show)");
        }
        if (kn.has("root_m")) root_m = kn["root_m"].vec3(10.0f, root_m);
        k.root_m = root_m;
        for (const auto& [group, gn] : kn.get("angles").members()) {
            const int g = rig.find_group(group);
            if (g < 0) {
                gn.problem("unknown joint \"" + group +
                           "\" (joints: pelvis, lumbar, thoracic, neck, head, hip_r, knee_r, ankle_r, mtp_r, sternoclavicular_r, shoulder_r, "
                           "elbow_r, wrist_r and the _l side)");
                continue;
            }
            const JointGroup& grp = rig.groups[idx(g)];
            for (const auto& [dof, dn] : gn.members()) {
                int k_dof = -1;
                for (int d = 0; d < 3; ++d)
                    if (grp.dofs[idx(d)].name == dof) k_dof = d;
                if (k_dof < 0) {
                    dn.problem("unknown motion \"" + dof + "\" for " + group + " (expected " + grp.dofs[0].name + ", " + grp.dofs[1].name + " or " +
                               grp.dofs[2].name + ")");
                    continue;
                }
                const Dof& d = grp.dofs[idx(k_dof)];
                if (d.locked) {
                    dn.problem(group + " " + dof + " is not a movable degree of freedom in this rig");
                    continue;
                }
                if (!dn.is_number()) {
                    (void)dn.number(-360, 360);  // reports the type
                    continue;
                }
                const float v = core::deg_to_rad(static_cast<float>(dn.number(-360, 360)));
                if (v < d.min_rad - 1e-5f || v > d.max_rad + 1e-5f)
                    dn.problem("value " + fmt(core::rad_to_deg(static_cast<double>(v))) + " is outside " + range_text(grp, d));
                angles[idx(g) * 3 + idx(k_dof)] = v;
            }
        }
        k.angles = angles;
        for (const auto& [point, sn] : kn.get("contacts").members()) {
            const int p = rig.find_point(point);
            if (p < 0) sn.problem("unknown contact point \"" + point + "\"");
            const std::string surface = sn.string();
            const int s = sn.is_string() ? surface_index(clip, surface) : -1;
            if (sn.is_string() && s < 0) sn.problem("unknown surface \"" + surface + "\" (the floor or a prop: mat, step, table, wall)");
            if (p >= 0 && s >= 0) k.contacts.push_back({p, s});
        }
        clip.keys.push_back(std::move(k));
    }
    for (std::size_t s = 0; s < step_used.size(); ++s)
        if (!step_used[s]) root["steps"].problem("step " + std::to_string(s) + " is not shown by any keyframe (set \"step\" on one)");

    // Hold phases: each lasts hold_s, so the hold timer and the metadata agree.
    bool any_hold = false;
    for (std::size_t i = 0; i < clip.keys.size();) {
        if (clip.keys[i].phase != Phase::hold) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < clip.keys.size() && clip.keys[j].phase == Phase::hold) ++j;
        any_hold = true;
        if (j == clip.keys.size()) {
            keys[i]["phase"].problem("a hold phase must end before the last keyframe");
            break;
        }
        const float span = clip.keys[j].t_s - clip.keys[i].t_s;
        if (std::abs(span - info.hold_s) > 0.01f)
            keys[i]["phase"].problem("this hold lasts " + fmt(span) + " s (to the keyframe at " + fmt(clip.keys[j].t_s) + " s) but hold_s is " +
                                     fmt(info.hold_s));
        i = j;
    }
    if (!any_hold && root["keyframes"].is_array() && keys.size() >= 2) root["keyframes"].problem("a clip needs at least one hold phase");
    r.finish();

    for (auto& k : clip.keys) {
        k.pose = anat::rest_pose(rig.skeleton);
        rig.apply_angles(k.angles, k.pose);
        k.pose.root_translation = k.root_m;
    }
    compute_anchors(rig, clip);
    build_segments(clip);
    return clip;
}

// [SECTION] Mirroring

Clip mirror_clip(const Rig& rig, const Clip& clip) {
    Clip m = clip;
    m.mirrored = !clip.mirrored;
    for (auto& id : m.info.targets) id = mirror_name(id);
    for (auto& id : m.info.secondary) id = mirror_name(id);
    for (auto& p : m.props) {
        p.position_m = mirror_point(p.position_m);
        p.normal = mirror_point(p.normal);
        for (auto& a : p.attach) a = mirror_name(a);
    }
    build_surfaces(m);
    auto mirror_contact = [&](ContactRef c) { return ContactRef{rig.points[idx(c.point)].mirror, c.surface}; };
    for (std::size_t i = 0; i < m.keys.size(); ++i) {
        Keyframe& k = m.keys[i];
        rig.mirror_angles(clip.keys[i].angles, k.angles);
        k.root_m = mirror_point(k.root_m);
        for (auto& c : k.contacts) c = mirror_contact(c);
        for (auto& a : k.anchors) a = mirror_point(a);
        k.pose = rig.mirror_pose(clip.keys[i].pose);
    }
    for (auto& seg : m.segments)
        for (auto& sc : seg) {
            sc.contact = mirror_contact(sc.contact);
            sc.anchor = mirror_point(sc.anchor);
        }
    return m;
}

}  // namespace anim
