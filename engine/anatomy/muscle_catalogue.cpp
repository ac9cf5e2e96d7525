// anatomy/muscle_catalogue.cpp
//
// [SECTION] Parsing one path point
// [SECTION] Wrap surfaces
// [SECTION] Parsing one muscle, for one side
// [SECTION] The catalogue
// [SECTION] Attachment landmarks
#include "anatomy/muscle_catalogue.hpp"

#include "anatomy/muscle_mesh.hpp"

#include "anatomy/muscle_path.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace anat {

bool Muscle::in_group(const std::string& g) const {
    if (group == g) return true;
    for (const auto& a : also_in)
        if (a == g) return true;
    return false;
}

int MuscleCatalogue::find(const std::string& id) const {
    for (std::size_t i = 0; i < muscles.size(); ++i)
        if (muscles[i].id == id) return static_cast<int>(i);
    return -1;
}

const MuscleGroup* MuscleCatalogue::find_group(const std::string& id) const {
    for (const auto& g : groups)
        if (g.id == id) return &g;
    return nullptr;
}

const PostureGroupMembers* MuscleCatalogue::find_posture_group(const std::string& id) const {
    for (const auto& g : posture_groups)
        if (g.id == id) return &g;
    return nullptr;
}

namespace {

const std::regex id_pattern("^[a-z][a-z0-9_]*$");

// Bones without a side: the axial skeleton.
bool unsided_bone(const std::string& b) {
    return b == "sacrum" || b == "coccyx" || b == "sternum" || b == "skull" || b == "mandible" || b.rfind("vertebra_", 0) == 0 ||
           b.rfind("disc_", 0) == 0;
}

std::string suffix(Side s) { return s == Side::right ? "_r" : "_l"; }

// Joints named without a side in the file get the muscle's side when the rig has both.
int resolve_joint(const Skeleton& sk, const std::string& name, Side side) {
    if (int j = sk.find_joint(name); j >= 0) return j;
    return sk.find_joint(name + suffix(side));
}

// [SECTION] Parsing one path point

const char* default_joint(const std::string& frame) {
    if (frame == "pelvis") return "pelvis";
    if (frame == "femur") return "hip";
    if (frame == "tibia") return "knee";
    if (frame == "talus" || frame == "calcn") return "ankle";
    if (frame == "toes") return "mtp";
    return nullptr;  // torso: the file must say which vertebra carries the point
}

PathCoordinate parse_coordinate(const core::JsonNode& n) {
    const std::string c = n.string_one_of({"hip_flexion", "knee_angle", "ankle_angle"}, "knee_angle");
    if (c == "hip_flexion") return PathCoordinate::hip_flexion;
    if (c == "ankle_angle") return PathCoordinate::ankle_angle;
    return PathCoordinate::knee_angle;
}

core::NaturalSpline parse_spline(const core::JsonNode& n) {
    const auto knots = n["knots"].numbers(-10.0, 10.0);
    const auto values = n["values"].numbers(-2.0, 2.0);
    try {
        return core::NaturalSpline(knots, values);
    } catch (const core::Error& e) {
        if (n.present()) n.problem(e.what());
        return core::NaturalSpline::constant(0.0);
    }
}

// The published model frame ("frame") a point or surface is given in, and the rig joint it
// hangs on ("joint", or the frame's usual joint). Null after a problem (and joint 0).
const ReferenceFrame* resolve_frame(const core::JsonNode& n, const Skeleton& sk, Side side, int& joint) {
    joint = 0;
    const std::string frame = n["frame"].string_one_of({"pelvis", "femur", "tibia", "talus", "calcn", "toes", "torso"}, "pelvis");
    const std::string frame_name = frame == "pelvis" || frame == "torso" ? frame : frame + suffix(side);
    const ReferenceFrame* ref = sk.find_frame(frame_name);
    if (!ref) {
        n["frame"].problem("the rig has no model frame \"" + frame_name + "\"");
        return nullptr;
    }
    std::string joint_name;
    if (n.has("joint"))
        joint_name = n.get("joint").string();
    else if (const char* d = default_joint(frame))
        joint_name = d;
    else
        n.problem("a point in the torso frame needs \"joint\" (the vertebra that carries it)");
    const int j = joint_name.empty() ? -1 : resolve_joint(sk, joint_name, side);
    if (!joint_name.empty() && j < 0) n.get("joint").problem("the rig has no joint \"" + joint_name + "\"");
    if (j < 0) return nullptr;
    joint = j;
    return ref;
}

// `published` receives the point in the published model's own layout at its default pose
// (nullopt for a conditional point that is absent there).
PathPoint parse_point(const core::JsonNode& n, const Skeleton& sk, Side side, std::optional<glm::vec3>& published) {
    PathPoint p;
    published.reset();
    const float mirror = side == Side::right ? 1.0f : -1.0f;
    const ReferenceFrame* ref = resolve_frame(n, sk, side, p.joint);
    if (!ref) return p;
    const glm::vec3 joint_rest = sk.joints[static_cast<std::size_t>(p.joint)].rest_world;

    if (n.has("moving")) {
        const auto mv = n.get("moving");
        p.kind = PathPoint::Kind::moving;
        p.coordinate = parse_coordinate(mv["coordinate"]);
        p.moving = {parse_spline(mv["x"]), parse_spline(mv["y"]), parse_spline(mv["z"])};
        p.frame_origin_in_bone = ref->origin_world - joint_rest;
        p.frame_scale = ref->scale.x;
        p.mirror_z = mirror;
        const glm::vec3 at0{static_cast<float>(p.moving[0](0.0)), static_cast<float>(p.moving[1](0.0)),
                            static_cast<float>(p.moving[2](0.0)) * mirror};
        published = ref->published_origin + osim_axes(at0);
        if (n.has("osim")) n.get("osim").problem("a moving point takes \"moving\", not \"osim\"");
    } else {
        glm::vec3 o = n["osim"].vec3(1.0f);
        o.z *= mirror;
        p.position = sk.osim_to_world(*ref, o) - joint_rest;
        published = ref->published_origin + osim_axes(o);
    }
    if (n.has("slide")) {
        const auto sl = n.get("slide");
        for (const auto& [k, v] : sl.members())
            if (k != "coordinate" && k != "from_deg" && k != "to_deg" && k != "osim" && k != "source") v.problem("unknown field \"" + k + "\"");
        if (p.kind == PathPoint::Kind::moving) sl.problem("a point cannot both move and slide");
        if (n.has("when")) sl.problem("a point cannot both slide and be conditional");
        p.kind = PathPoint::Kind::sliding;
        p.coordinate = parse_coordinate(sl["coordinate"]);
        p.slide_from_rad = core::deg_to_rad(static_cast<float>(sl["from_deg"].number(-360.0, 360.0)));
        p.slide_end_rad = core::deg_to_rad(static_cast<float>(sl["to_deg"].number(-360.0, 360.0)));
        if (sl.has("from_deg") && sl.has("to_deg") && p.slide_from_rad == p.slide_end_rad) sl.problem("from_deg and to_deg must differ");
        // The published place must hold in the default pose: the slide starts away from 0.
        if (p.slide_from_rad * p.slide_end_rad < 0.0f || p.slide_from_rad == 0.0f)
            sl.problem("the slide must lie on one side of the default pose (from_deg and to_deg both above or both below 0, from_deg nearer 0)");
        else if (std::abs(p.slide_from_rad) > std::abs(p.slide_end_rad))
            sl.problem("from_deg (where the slide starts) must be nearer the default pose than to_deg");
        if (sl.has("source") && sl.get("source").string().empty()) sl.get("source").problem("every number needs its source");
        glm::vec3 o = sl["osim"].vec3(1.0f);
        o.z *= mirror;
        p.slide_to = sk.osim_to_world(*ref, o) - joint_rest;
    }
    if (n.has("when")) {
        if (p.kind == PathPoint::Kind::moving) n.get("when").problem("a point cannot both move and be conditional");
        const auto w = n.get("when");
        p.kind = PathPoint::Kind::conditional;
        p.coordinate = parse_coordinate(w["coordinate"]);
        p.min_rad = core::deg_to_rad(static_cast<float>(w["min_deg"].number(-360.0, 360.0)));
        p.max_rad = core::deg_to_rad(static_cast<float>(w["max_deg"].number(-360.0, 360.0)));
        if (p.min_rad >= p.max_rad) w.problem("min_deg must be below max_deg");
        if (!(p.min_rad <= 0.0f && p.max_rad >= 0.0f)) published.reset();  // absent in the default pose
    }
    if (n.has("role")) {
        n.get("role").string_one_of({"origin", "insertion"}, "origin");
        p.is_attachment = true;
    }
    if (n.has("bone")) {
        std::string b = n.get("bone").string();
        if (!std::regex_match(b, id_pattern)) n.get("bone").problem("bone names are snake_case");
        p.bone = unsided_bone(b) ? b : b + suffix(side);
    }
    return p;
}

// [SECTION] Wrap surfaces

// One file surface, resolved for each side (the left mirrors the right: osim z negated).
struct SurfaceDef {
    WrapSurface surface;
    int joint = 0;
};
using SurfaceTable = std::map<std::string, std::array<SurfaceDef, 2>>;

// A direction in the file (osim axes), mirrored for the side, in our axes; zero if absent.
glm::vec3 file_direction(const core::JsonNode& n, float mirror) {
    glm::vec3 d = n.vec3(1.0f);
    d.z *= mirror;
    return osim_axes(d);
}

SurfaceDef parse_wrap_surface(const core::JsonNode& n, const Skeleton& sk, Side side) {
    SurfaceDef d;
    WrapSurface& w = d.surface;
    for (const auto& [k, v] : n.members())
        if (k != "id" && k != "type" && k != "frame" && k != "joint" && k != "osim" && k != "axis" && k != "radius_m" && k != "side" && k != "source")
            v.problem("unknown field \"" + k + "\"");
    w.kind = n["type"].string_one_of({"cylinder", "sphere"}, "cylinder") == "sphere" ? WrapSurface::Kind::sphere : WrapSurface::Kind::cylinder;
    const float mirror = side == Side::right ? 1.0f : -1.0f;
    const ReferenceFrame* ref = resolve_frame(n, sk, side, d.joint);
    if (!ref) return d;
    glm::vec3 o = n["osim"].vec3(1.0f);
    o.z *= mirror;
    w.centre = sk.osim_to_world(*ref, o) - sk.joints[static_cast<std::size_t>(d.joint)].rest_world;
    // Scaled like the frame's points (uniformly with the skeleton).
    w.radius_m = static_cast<float>(n["radius_m"].number(0.002, 0.2, 0.02)) * ref->scale.x;
    if (w.kind == WrapSurface::Kind::cylinder) {
        const glm::vec3 axis = file_direction(n["axis"], mirror);
        if (n.has("axis") && glm::length(axis) < 1e-6f)
            n["axis"].problem("the axis must not be zero");
        else if (n.has("axis"))
            w.axis = glm::normalize(axis);
    } else if (n.has("axis")) {
        n.get("axis").problem("a sphere has no axis");
    }
    if (n.has("side")) {
        glm::vec3 s = file_direction(n.get("side"), mirror);
        if (w.kind == WrapSurface::Kind::cylinder) s -= w.axis * glm::dot(s, w.axis);  // only the part across the axis counts
        if (glm::length(s) < 1e-6f)
            n.get("side").problem("the side must point away from the axis");
        else
            w.side = glm::normalize(s);
    }
    if (n["source"].string().empty() && n.has("source")) n["source"].problem("say where the surface comes from");
    return d;
}

SurfaceTable parse_wrap_surfaces(const core::JsonNode& list, const Skeleton& sk) {
    SurfaceTable table;
    for (const auto& entry : list.items()) {
        const std::string id = entry["id"].string();
        const core::JsonNode n = id.empty() ? entry : entry.labelled(id);
        if (!id.empty() && !std::regex_match(id, id_pattern)) n["id"].problem("ids are snake_case (a-z, 0-9, _)");
        if (table.count(id)) n["id"].problem("duplicate wrap surface \"" + id + "\"");
        table[id] = {parse_wrap_surface(n, sk, Side::right), parse_wrap_surface(n, sk, Side::left)};
    }
    return table;
}

// Where a path point is at rest, in the world (moving points at their default; conditional
// points absent at rest give nothing).
std::optional<glm::vec3> rest_position(const PathPoint& p, const Skeleton& sk) {
    const glm::vec3 joint_rest = sk.joints[static_cast<std::size_t>(p.joint)].rest_world;
    switch (p.kind) {
        case PathPoint::Kind::fixed: return joint_rest + p.position;
        case PathPoint::Kind::conditional:
            if (p.min_rad <= 0.0f && p.max_rad >= 0.0f) return joint_rest + p.position;
            return std::nullopt;
        case PathPoint::Kind::moving: return joint_rest + p.moving_position(0.0f);
        case PathPoint::Kind::sliding: return joint_rest + p.sliding_position(0.0f);
    }
    return std::nullopt;
}

// A muscle's "wrap": the surfaces its path bends over, with the path points each applies to.
void parse_muscle_wraps(const core::JsonNode& list, const Skeleton& sk, Side side, const SurfaceTable& surfaces, Muscle& m) {
    const int last = static_cast<int>(m.path.size()) - 1;
    // muscle_path marks the surfaces a segment has used in a 32-bit mask.
    if (list.items().size() > 32) list.problem("at most 32 wrap surfaces per muscle");
    for (const auto& n : list.items()) {
        for (const auto& [k, v] : n.members())
            if (k != "surface" && k != "points" && k != "source") v.problem("unknown field \"" + k + "\"");
        MuscleWrap w;
        w.surface_id = n["surface"].string();
        const auto found = surfaces.find(w.surface_id);
        if (found == surfaces.end()) {
            if (n.has("surface")) n["surface"].problem("unknown wrap surface \"" + w.surface_id + "\" (see \"wrap_surfaces\")");
            continue;
        }
        const SurfaceDef& def = found->second[static_cast<std::size_t>(side)];
        w.joint = def.joint;
        w.surface = def.surface;
        w.first_point = 0;
        w.last_point = last;
        if (n.has("points")) {
            const auto range = n.get("points");
            const auto pts = range.numbers(0.0, static_cast<double>(std::max(last, 0)));
            if (pts.size() != 2 || !(pts[0] < pts[1]) || pts[0] != std::floor(pts[0]) || pts[1] != std::floor(pts[1]))
                range.problem("expected [first, last]: two path point indices, first below last, up to " + std::to_string(last));
            else {
                w.first_point = static_cast<int>(pts[0]);
                w.last_point = static_cast<int>(pts[1]);
            }
        }
        // A path cannot bend round a surface from inside it: every point it covers starts outside.
        const glm::vec3 surface_rest = sk.joints[static_cast<std::size_t>(w.joint)].rest_world;
        WrapSurface at_rest = w.surface;
        at_rest.centre += surface_rest;
        for (int i = w.first_point; i <= w.last_point && i <= last; ++i) {
            const auto p = rest_position(m.path[static_cast<std::size_t>(i)], sk);
            if (p && wrap_signed_distance(at_rest, *p) <= 0.0f)
                n.problem("path point " + std::to_string(i) + " lies inside \"" + w.surface_id + "\" at rest; the path cannot wrap from there");
        }
        m.wraps.push_back(w);
    }
}

// [SECTION] Parsing one muscle, for one side

void parse_end_range(const core::JsonNode& n, Side side, EndRange& out) {
    Coordinates& c = out.pose;
    LegAngles& leg = c.legs[static_cast<std::size_t>(side)];
    const std::set<std::string> known = {"hip_flexion",        "hip_adduction",    "hip_rotation",   "knee_flexion",
                                         "ankle_dorsiflexion", "lumbar_extension", "lumbar_bending", "source"};
    for (const auto& [k, v] : n.members()) {
        if (!known.count(k)) {
            v.problem("unknown coordinate \"" + k + "\"");
            continue;
        }
        if (k == "source") {
            out.source = v.string();
            continue;
        }
        const float deg = static_cast<float>(v.number(-180.0, 180.0));
        if (k == "hip_flexion")
            leg.hip_flexion_deg = deg;
        else if (k == "hip_adduction")
            leg.hip_adduction_deg = deg;
        else if (k == "hip_rotation")
            leg.hip_rotation_deg = deg;
        else if (k == "knee_flexion")
            leg.knee_flexion_deg = deg;
        else if (k == "ankle_dorsiflexion")
            leg.ankle_dorsiflexion_deg = deg;
        else if (k == "lumbar_extension")
            c.lumbar_extension_deg = deg;
        else if (k == "lumbar_bending")
            c.lumbar_bending_deg = side == Side::right ? deg : -deg;
    }
    if (out.source.empty()) n.problem("the end range needs a \"source\"");
}

Muscle parse_muscle(const core::JsonNode& entry, const Skeleton& sk, Side side, const std::set<std::string>& group_ids,
                    const SurfaceTable& surfaces) {
    Muscle m;
    m.side = side;
    m.base_id = entry["id"].string();
    // Problems name the muscle as well as its place: "/muscles/3 (psoas)/params/f_max_n".
    const core::JsonNode n = m.base_id.empty() ? entry : entry.labelled(m.base_id);
    if (!m.base_id.empty() && !std::regex_match(m.base_id, id_pattern)) n["id"].problem("ids are snake_case (a-z, 0-9, _)");
    m.id = m.base_id + suffix(side);
    m.name = n["name"].string();
    m.group = n["group"].string();
    if (!m.group.empty() && !group_ids.count(m.group)) n["group"].problem("unknown group \"" + m.group + "\"");
    if (n.has("also_in"))
        for (const auto& g : n.get("also_in").items()) {
            m.also_in.push_back(g.string());
            if (!group_ids.count(m.also_in.back())) g.problem("unknown group \"" + m.also_in.back() + "\"");
        }
    for (auto [field, target] :
         {std::pair{"origin", &m.origin}, {"insertion", &m.insertion}, {"action", &m.action}, {"innervation", &m.innervation}, {"note", &m.note}}) {
        *target = n[field].string();
        if (n.has(field) && target->empty()) n[field].problem("text must not be empty");
    }
    auto pr = n["params"];
    m.params.f_max_n = static_cast<float>(pr["f_max_n"].number(1.0, 20000.0, 100.0));
    m.params.l_opt_m = static_cast<float>(pr["l_opt_m"].number(0.005, 1.0, 0.1));
    m.params.l_ts_m = static_cast<float>(pr["l_ts_m"].number(0.0, 1.0, 0.1));
    m.params.pennation_rad = core::deg_to_rad(static_cast<float>(pr["pennation_deg"].number(0.0, 60.0)));
    m.params.source = pr["source"].string();
    if (pr.has("source") && m.params.source.empty()) pr["source"].problem("every number needs its source");

    const auto pts = n["path"].items();
    std::vector<glm::vec3> published_points;
    if (n.has("path") && pts.size() < 2) n["path"].problem("a path needs at least an origin and an insertion");
    for (const auto& pn : pts) {
        for (const auto& [k, v] : pn.members())
            if (k != "frame" && k != "osim" && k != "moving" && k != "slide" && k != "when" && k != "joint" && k != "role" && k != "bone" &&
                k != "source")
                v.problem("unknown field \"" + k + "\"");
        std::optional<glm::vec3> pub;
        m.path.push_back(parse_point(pn, sk, side, pub));
        if (pub) published_points.push_back(*pub);
    }
    m.params.published_neutral_length_m = 0.0f;
    for (std::size_t i = 1; i < published_points.size(); ++i)
        m.params.published_neutral_length_m += glm::distance(published_points[i - 1], published_points[i]);
    if (pts.size() >= 2) {
        if (!pts.front().has("role") || pts.front().get("role").string() != "origin")
            pts.front().problem("the first point must have \"role\": \"origin\"");
        if (!pts.back().has("role") || pts.back().get("role").string() != "insertion")
            pts.back().problem("the last point must have \"role\": \"insertion\"");
        if (m.path.front().kind == PathPoint::Kind::conditional || m.path.back().kind == PathPoint::Kind::conditional)
            n["path"].problem("the origin and insertion cannot be conditional");
        for (const auto* end : {&pts.front(), &pts.back()})
            if (!end->has("bone")) end->problem("an origin or insertion needs \"bone\" (the bone it lies on)");
    }
    if (n.has("wrap")) parse_muscle_wraps(n.get("wrap"), sk, side, surfaces, m);
    parse_end_range(n["end_range"], side, m.end_range);
    static const std::set<std::string> known = {"id",   "name",   "group", "also_in", "origin",    "insertion", "action", "innervation",
                                                "note", "params", "path",  "wrap",    "end_range", "shape",     "volume"};
    for (const auto& [k, v] : n.members())
        if (!known.count(k)) v.problem("unknown field \"" + k + "\"");
    if (n.has("shape")) {
        auto sh = n.get("shape");
        for (const auto& [k, v] : sh.members())
            if (k == "radius_scale")
                v.problem("\"radius_scale\" is no longer used: a belly is as thick as its volume (\"volume\")");
            else if (k != "flatten" && k != "architecture" && k != "intersections" && k != "source")
                v.problem("unknown field \"" + k + "\"");
        if (sh.has("flatten")) m.shape.flatten = static_cast<float>(sh.get("flatten").number(0.1, 1.0, 1.0));
        if (sh.has("architecture")) {
            const auto a = sh.get("architecture");
            const std::string name = a.string();
            if (name == "strap")
                m.shape.architecture = MuscleShape::Architecture::strap;
            else if (name != "fusiform" && a.is_string())
                a.problem("unknown architecture \"" + name + "\" (fusiform or strap)");
        }
        float last = 0.0f;
        for (const auto& item : sh.get("intersections").items()) {
            const auto f = static_cast<float>(item.number(0.05, 0.95, 0.5));
            if (f <= last + 0.04f) item.problem("intersections go from origin to insertion, at least 0.04 of the length apart");
            m.shape.intersections.push_back(f);
            last = f;
        }
        m.shape.source = sh.get("source").string();
        if ((sh.has("architecture") || sh.has("intersections")) && m.shape.source.empty())
            sh.problem("an architecture or intersections need a \"source\"");
    }
    if (n.has("volume")) {
        auto vn = n.get("volume");
        for (const auto& [k, v] : vn.members())
            if (k != "regression" && k != "share" && k != "source") v.problem("unknown field \"" + k + "\"");
        const auto reg = vn["regression"].items();
        if (reg.size() != 2)
            vn["regression"].problem("expected [b1, b2]: the muscle's volume in cm3 is b1 * V_total + b2");
        else {
            m.volume.regression = true;
            m.volume.b1 = static_cast<float>(reg[0].number(0.0, 1.0));
            m.volume.b2 = static_cast<float>(reg[1].number(-500.0, 500.0));
        }
        if (vn.has("share")) m.volume.share = static_cast<float>(vn.get("share").number(0.01, 1.0));
        m.volume.source = vn["source"].string();
        if (m.volume.source.empty()) vn["source"].problem("every number needs its source");
    }
    return m;
}

// [SECTION] The catalogue

struct Parsed {
    MuscleCatalogue catalogue;
    std::vector<std::string> problems;
};

Parsed parse(const std::string& text, const std::string& file, const Skeleton& sk) {
    Parsed out;
    out.catalogue.file = file;
    core::JsonReader r(file, text);  // syntax errors throw with line:column
    auto root = r.root();
    if (root["format"].string() != "anatomy-muscles-1") root["format"].problem("expected \"anatomy-muscles-1\"");
    auto pc = root["passive_curve"];
    out.catalogue.passive_k = static_cast<float>(pc["k_pe"].number(0.5, 20.0, 4.0));
    out.catalogue.passive_e0 = static_cast<float>(pc["e0_m"].number(0.05, 2.0, 0.6));
    out.catalogue.specific_tension_n_per_m2 = static_cast<float>(root["specific_tension_n_per_cm2"].number(5.0, 200.0, 60.0)) * 1e4f;
    std::set<std::string> group_ids;
    for (const auto& g : root["groups"].items()) {
        MuscleGroup mg;
        mg.id = g["id"].string();
        mg.name = g["name"].string();
        mg.plain = g.get("plain").string();
        mg.color = g["color"].vec3(1.0f, glm::vec3(0.8f));
        if (!group_ids.insert(mg.id).second) g["id"].problem("duplicate group \"" + mg.id + "\"");
        out.catalogue.groups.push_back(mg);
    }
    SurfaceTable surfaces;
    if (root.has("wrap_surfaces")) surfaces = parse_wrap_surfaces(root.get("wrap_surfaces"), sk);
    std::set<std::string> ids;
    for (const auto& mn : root["muscles"].items()) {
        for (Side side : {Side::right, Side::left}) {
            Muscle m = parse_muscle(mn, sk, side, group_ids, surfaces);
            if (side == Side::left) {
                // Problems of the left copy repeat the right's; keep only the right's report.
            }
            if (side == Side::right && !m.base_id.empty() && !ids.insert(m.base_id).second)
                mn["id"].problem("duplicate muscle id \"" + m.base_id + "\"");
            out.catalogue.muscles.push_back(std::move(m));
        }
    }
    std::set<std::string> posture_ids;
    for (const auto& pg : root.get("posture_groups").items()) {
        core::check_keys(pg, {"id", "muscles", "why"});
        PostureGroupMembers g;
        g.id = pg["id"].string();
        if (!g.id.empty() && !posture_ids.insert(g.id).second) pg["id"].problem("duplicate posture group \"" + g.id + "\"");
        const auto items = pg["muscles"].items();
        for (const auto& item : items) {
            const std::string base = item.string();
            if (item.is_string() && !ids.count(base)) item.problem("unknown muscle \"" + base + "\" (base ids, without the side)");
            g.muscles.push_back(base);
        }
        if (pg["muscles"].is_array() && items.empty()) pg["muscles"].problem("expected at least one muscle");
        out.catalogue.posture_groups.push_back(std::move(g));
    }
    std::set<std::string> body_ids, in_a_body;
    for (const auto& bn : root.get("bodies").items()) {
        core::check_keys(bn, {"id", "name", "parts", "source"});
        MuscleBody b;
        b.id = bn["id"].string();
        b.name = bn["name"].string();
        b.source = bn["source"].string();
        if (!b.id.empty() && !body_ids.insert(b.id).second) bn["id"].problem("duplicate body \"" + b.id + "\"");
        const auto items = bn["parts"].items();
        for (const auto& item : items) {
            const std::string base = item.string();
            if (!item.is_string()) continue;
            if (!ids.count(base))
                item.problem("unknown muscle \"" + base + "\" (base ids, without the side)");
            else if (!in_a_body.insert(base).second)
                item.problem("muscle \"" + base + "\" is already a part of another body");
            b.parts.push_back(base);
        }
        if (bn["parts"].is_array() && items.size() < 2) bn["parts"].problem("expected at least two lines to loft a body across");
        out.catalogue.bodies.push_back(std::move(b));
    }
    for (const auto& ln : root.get("layers").items()) {
        core::check_keys(ln, {"over", "under", "source"});
        MuscleLayer layer;
        layer.over = ln["over"].string();
        layer.source = ln["source"].string();
        if (ln["over"].is_string() && !ids.count(layer.over))
            ln["over"].problem("unknown muscle \"" + layer.over + "\" (base ids, without the side)");
        if (layer.source.empty()) ln.problem("a layer needs a \"source\"");
        const auto items = ln["under"].items();
        for (const auto& item : items) {
            const std::string base = item.string();
            if (!item.is_string()) continue;
            if (!ids.count(base))
                item.problem("unknown muscle \"" + base + "\" (base ids, without the side)");
            else if (base == layer.over)
                item.problem("a muscle cannot lie over itself");
            layer.under.push_back(base);
        }
        if (ln["under"].is_array() && items.empty()) ln["under"].problem("expected at least one muscle");
        out.catalogue.layers.push_back(std::move(layer));
    }
    // Each muscle was parsed twice (both sides): drop the repeated problem lines.
    std::vector<std::string> unique;
    std::set<std::string> seen;
    for (const auto& p : r.problems())
        if (seen.insert(p).second) unique.push_back(p);
    out.problems = unique;
    return out;
}

// Each belly's radius so that its mesh at neutral standing holds the reference volume (the mesh's
// own volume, measured: the cross-section is a polygon and the profile tapers into the tendons).
void size_bellies(MuscleCatalogue& c, const Skeleton& sk, std::span<const core::Rigid> world, const PathCoordinates& pc) {
    MusclePaths paths;
    evaluate_paths(c, world, pc, paths);
    const BodyAxes axes = body_axes(sk, world);
    std::vector<MuscleStyle> styles(c.muscles.size());
    for (auto& st : styles) st.visible = false;
    core::MeshData mesh;
    std::vector<std::uint32_t> ids;
    auto measure = [&](std::size_t i) {
        mesh.vertices.clear();
        mesh.indices.clear();
        ids.clear();
        styles[i].visible = true;
        build_muscle_mesh(c, paths, styles, axes, {}, mesh, ids);
        styles[i].visible = false;
        return static_cast<float>(std::abs(mesh.enclosed_volume()) * 1e6);
    };
    for (std::size_t i = 0; i < c.muscles.size(); ++i) {
        Muscle& m = c.muscles[i];
        const float length = std::max(paths.length_m[i], 1e-3f);
        m.radius_m = std::sqrt(m.reference_volume_cm3 * 1e-6f / (core::pi * 0.6f * length));  // a first guess
        // No rounder than the mesh draws a belly (beyond it only the tendons would swell).
        const float roundest = max_belly_radius_per_length * length;
        for (int pass = 0; pass < 5; ++pass) {
            const float v = measure(i);
            if (v <= 0.0f) break;
            m.radius_m = std::min(m.radius_m * std::clamp(std::sqrt(m.reference_volume_cm3 / v), 0.5f, 2.0f), roundest);
        }
        m.volume_cm3 = measure(i);
    }
}

void finish_loading(MuscleCatalogue& c, const Skeleton& sk) {
    c.lofts.clear();
    c.loft_of.assign(c.muscles.size(), -1);
    for (const char* side : {"_r", "_l"})
        for (const MuscleBody& b : c.bodies) {
            std::vector<std::size_t> lines;
            for (const auto& part : b.parts)
                if (const int i = c.find(part + side); i >= 0) lines.push_back(static_cast<std::size_t>(i));
            if (lines.size() < 2) continue;
            for (std::size_t i : lines) c.loft_of[i] = static_cast<int>(c.lofts.size());
            c.lofts.push_back(std::move(lines));
        }
    c.covers.clear();
    for (const char* side : {"_r", "_l"})
        for (const MuscleLayer& layer : c.layers) {
            const int s = c.find(layer.over + side);
            for (const auto& under : layer.under)
                if (const int d = c.find(under + side); s >= 0 && d >= 0)
                    c.covers.emplace_back(static_cast<std::size_t>(s), static_cast<std::size_t>(d));
        }
    const RigIndex ix(sk);
    const Pose rest = rest_pose(sk);
    const auto world = forward_kinematics(sk, rest);
    const PathCoordinates pc = path_coordinates(ix, rest);
    for (Muscle& m : c.muscles) {
        m.neutral_length_m = muscle_length(m, world, pc);
        // ScaleTool: keep each fibre's published length ratio at neutral standing.
        m.params.published_l_opt_m = m.params.l_opt_m;
        m.params.published_l_ts_m = m.params.l_ts_m;
        if (m.params.published_neutral_length_m > 1e-4f) {
            const float k = m.neutral_length_m / m.params.published_neutral_length_m;
            m.params.l_opt_m *= k;
            m.params.l_ts_m *= k;
        }
        m.end_length_m = muscle_length(m, sk, m.end_range.pose);
        // The living volume (anatomy-data 1.7), else the physiological cross-section (force /
        // specific tension) times the optimal fibre length.
        if (m.volume.regression) {
            const float v_total = 47.0f * sk.params.stature_m * sk.params.body_mass_kg + 1285.0f;
            m.reference_volume_cm3 = (m.volume.b1 * v_total + m.volume.b2) * m.volume.share;
        } else {
            m.reference_volume_cm3 = m.params.f_max_n / c.specific_tension_n_per_m2 * m.params.l_opt_m * 1e6f;
            char text[200];
            std::snprintf(text, sizeof(text), "physiological cross-section (%.0f N / %.0f N/cm2) x optimal fibre length (%.1f cm)",
                          static_cast<double>(m.params.f_max_n), static_cast<double>(c.specific_tension_n_per_m2 * 1e-4f),
                          static_cast<double>(m.params.l_opt_m * 100.0f));
            m.volume.source = text;
        }
    }
    size_bellies(c, sk, world, pc);
}

}  // namespace

std::vector<std::string> validate_muscle_catalogue(const std::string& json_text, const std::string& file, const Skeleton& skeleton) {
    try {
        return parse(json_text, file, skeleton).problems;
    } catch (const core::Error& e) {
        return {e.what()};
    }
}

MuscleCatalogue load_muscle_catalogue(const std::string& json_text, const std::string& file, const Skeleton& skeleton) {
    Parsed p = parse(json_text, file, skeleton);
    if (!p.problems.empty()) {
        std::string all;
        for (const auto& s : p.problems) all += (all.empty() ? "" : "\n") + s;
        throw core::Error(all);
    }
    finish_loading(p.catalogue, skeleton);
    return std::move(p.catalogue);
}

MuscleCatalogue load_default_muscle_catalogue(const Skeleton& skeleton) {
    const auto path = core::asset_dir() / "muscles" / "muscles.json";
    return load_muscle_catalogue(core::read_file(path), path.string(), skeleton);
}

// [SECTION] Attachment landmarks

void add_attachment_landmarks(Skeleton& skeleton, const MuscleCatalogue& catalogue) {
    for (const Muscle& m : catalogue.muscles) {
        for (std::size_t i : {std::size_t{0}, m.path.size() - 1}) {
            const PathPoint& p = m.path[i];
            const std::string name = m.base_id + (i == 0 ? "_origin" : "_insertion") + (m.side == Side::right ? "_r" : "_l");
            if (skeleton.find_landmark(name) >= 0) continue;
            // Attachments are never conditional, so they always have a rest position.
            const glm::vec3 joint_rest = skeleton.joints[static_cast<std::size_t>(p.joint)].rest_world;
            const glm::vec3 pos = rest_position(p, skeleton).value_or(joint_rest + p.position) - joint_rest;
            skeleton.landmarks.push_back({name, p.joint, pos, LandmarkKind::surface, p.bone});
        }
    }
}

}  // namespace anat
