// anatomy/skeleton_builder.cpp
//
// [SECTION] Reading the data file
// [SECTION] Legs and pelvis from segment proportions and gait2392
// [SECTION] The spine: a stack of discs and bodies from S1 to C1
// [SECTION] Shoulder girdle and arms
// [SECTION] Landmarks
#include "anatomy/skeleton_builder.hpp"

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"

#include <cmath>
#include <map>

namespace anat {

namespace {

// [SECTION] Reading the data file

struct VertebraSpec {
    std::string name;
    float width_mm, depth_mm, height_mm, wedge_deg, spinous_mm, transverse_mm;
};

struct Data {
    float reference_stature = 1.75f;
    float gait_stature = 1.8f;
    std::map<std::string, float> prop;
    std::map<std::string, glm::vec3> gait;
    float heel_to_toe = 0.25f;
    core::NaturalSpline knee_x, knee_y;
    float pelvic_radius = 0.115f;
    std::map<std::string, glm::vec3> pelvis_osim;
    float s1_width_mm = 48.0f, s1_depth_mm = 35.0f;
    std::map<std::string, float> lordosis_split;
    std::vector<VertebraSpec> vertebrae;
    std::map<std::string, float> disc_mm;
    std::map<std::string, float> segment_deg;
    float ao_below_vertex = 0.145f;
    BoneDisplay display;
};

Data read_data(const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);
    auto root = r.root();
    Data d;
    d.reference_stature = static_cast<float>(root["reference_stature_m"].number(1.0, 2.5, 1.75));
    d.gait_stature = static_cast<float>(root["gait2392_stature_m"].number(1.0, 2.5, 1.8));
    const auto display = root["display"];
    core::check_keys(display, {"about", "arm_bones", "fine_detail_joints"});
    d.display.arm_bones = display["arm_bones"].strings();
    d.display.fine_detail_joints = display["fine_detail_joints"].strings();
    for (const auto& [k, v] : root["proportions_of_stature"].members()) d.prop[k] = static_cast<float>(v.number(0.0, 1.0));
    auto g = root["gait2392_osim"];
    for (const char* k :
         {"hip_r_in_pelvis", "back_in_pelvis", "tibia_origin_in_femur_at_knee_0", "ankle_in_tibia", "calcn_in_talus", "toes_in_calcn"})
        d.gait[k] = g[k].vec3(1.0f);
    d.heel_to_toe = static_cast<float>(g["heel_to_toe_tip_m"].number(0.1, 0.4, 0.25));
    auto spline = [&](core::JsonNode n) {
        try {
            return core::NaturalSpline(n["knots"].numbers(-10, 10), n["values"].numbers(-1, 1));
        } catch (const core::Error& e) {
            n.problem(e.what());
            return core::NaturalSpline::constant(0.0);
        }
    };
    d.knee_x = spline(g["knee_translation_x"]);
    d.knee_y = spline(g["knee_translation_y"]);
    auto p = root["pelvis"];
    d.pelvic_radius = static_cast<float>(p["pelvic_radius_m"].number(0.08, 0.16, 0.115));
    for (const auto& [k, v] : p.members())
        if (k.size() > 5 && k.substr(k.size() - 5) == "_osim") d.pelvis_osim[k.substr(0, k.size() - 5)] = v.vec3(0.5f);
    d.s1_width_mm = static_cast<float>(p["s1_endplate_width_mm"].number(20, 80, 48));
    d.s1_depth_mm = static_cast<float>(p["s1_endplate_depth_mm"].number(20, 60, 35));
    auto s = root["spine"];
    for (const auto& [k, v] : s["lumbar_lordosis_split"].members()) d.lordosis_split[k] = static_cast<float>(v.number(0.0, 1.0));
    for (const auto& v : s["vertebrae"].items()) {
        VertebraSpec vs;
        vs.name = v["name"].string();
        vs.width_mm = static_cast<float>(v["width_mm"].number(0, 100));
        vs.depth_mm = static_cast<float>(v["depth_mm"].number(1, 100));
        vs.height_mm = static_cast<float>(v["height_mm"].number(1, 60));
        vs.wedge_deg = static_cast<float>(v["wedge_deg"].number(-20, 20));
        vs.spinous_mm = static_cast<float>(v["spinous_mm"].number(0, 80));
        vs.transverse_mm = static_cast<float>(v["transverse_span_mm"].number(0, 150));
        d.vertebrae.push_back(vs);
    }
    for (const auto& [k, v] : s["discs_mm_middle_height"].members()) d.disc_mm[k] = static_cast<float>(v.number(0.5, 30));
    for (const auto& [k, v] : s["segment_angles_deg"].members()) d.segment_deg[k] = static_cast<float>(v.number(-30, 40));
    d.ao_below_vertex = static_cast<float>(s["atlanto_occipital_below_vertex"].number(0.08, 0.25, 0.145));

    const char* required_props[] = {"ankle_height", "thigh", "shank",           "foot_length",       "upper_arm",
                                    "forearm",      "hand",  "shoulder_height", "biacromial_breadth"};
    for (const char* k : required_props)
        if (!d.prop.count(k)) root["proportions_of_stature"].problem(std::string("missing \"") + k + "\"");
    const char* required_pelvis[] = {"asis_r", "psis_r", "aiis_r", "pubic_symphysis", "ischial_tuberosity_r"};
    for (const char* k : required_pelvis)
        if (!d.pelvis_osim.count(k)) root["pelvis"].problem(std::string("missing \"") + k + "_osim\"");
    static const char* expected[] = {"L5", "L4", "L3", "L2", "L1", "T12", "T11", "T10", "T9", "T8", "T7", "T6",
                                     "T5", "T4", "T3", "T2", "T1", "C7",  "C6",  "C5",  "C4", "C3", "C2", "C1"};
    if (d.vertebrae.size() != std::size(expected)) {
        s["vertebrae"].problem("expected 24 vertebrae, L5 up to C1");
    } else {
        for (std::size_t i = 0; i < d.vertebrae.size(); ++i)
            if (d.vertebrae[i].name != expected[i]) s["vertebrae"].problem("entry " + std::to_string(i) + " should be " + expected[i]);
    }
    r.finish();
    return d;
}

std::string disc_name(const std::string& upper, const std::string& lower) { return upper + "/" + lower; }
std::string lower_case(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Sagittal direction at angle t (radians) from +Y toward +Z (anterior).
glm::vec3 sagittal(float t) { return {0.0f, std::cos(t), std::sin(t)}; }

class Builder {
public:
    Builder(const Data& d, const SkeletonParams& params) : d_(d) {
        sk_.params = params;
        sk_.display = d.display;
        H_ = params.stature_m;
        k_ = H_ / d.reference_stature;  // morphometry (mm at 1.75 m) scales with stature
        s_p_ = H_ / d.gait_stature;     // gait2392 pelvis and torso scale uniformly with stature
    }

    Skeleton build() {
        build_legs_and_pelvis();
        build_spine();
        build_arms();
        add_landmarks();
        for (auto& j : sk_.joints)
            j.rest_offset = j.parent < 0 ? glm::vec3(0.0f) : j.rest_world - sk_.joints[static_cast<std::size_t>(j.parent)].rest_world;
        return std::move(sk_);
    }

private:
    float prop(const char* k) const { return d_.prop.at(k) * H_; }
    glm::vec3 gait(const char* k) const { return osim_axes(d_.gait.at(k)); }

    int add_joint(const std::string& name, int parent, glm::vec3 world) {
        sk_.joints.push_back({name, parent, glm::vec3(0.0f), world});
        return static_cast<int>(sk_.joints.size() - 1);
    }
    int joint(const std::string& name) const { return sk_.find_joint(name); }
    void add_frame(const std::string& name, glm::vec3 origin, float scale, glm::vec3 published) {
        sk_.frames.push_back({name, origin, glm::vec3(scale), published});
    }
    void add_landmark(const std::string& name, const std::string& joint_name, glm::vec3 world, LandmarkKind kind, const std::string& bone) {
        const int j = joint(joint_name);
        ANATOMY_ASSERT(j >= 0, "landmark on unknown joint " + joint_name);
        sk_.landmarks.push_back({name, j, world - sk_.joints[static_cast<std::size_t>(j)].rest_world, kind, bone});
    }

    // [SECTION] Legs and pelvis from segment proportions and gait2392

    void build_legs_and_pelvis() {
        const float ankle_y = prop("ankle_height");
        const float shank = prop("shank"), thigh = prop("thigh");
        // The knee joint centre is gait2392's tibia origin (on the joint line) at full extension; as
        // the knee flexes it follows the published translation splines (the femur rolls back).
        const glm::vec3 tibia_in_femur{static_cast<float>(d_.knee_x(0.0)), static_cast<float>(d_.knee_y(0.0)), 0.0f};
        s_f_ = thigh / glm::length(tibia_in_femur);
        sk_.knee = {d_.knee_x, d_.knee_y, s_f_};
        const glm::vec3 hip_r_pelvis = gait("hip_r_in_pelvis") * s_p_;
        const glm::vec3 hip_to_knee = osim_axes(tibia_in_femur) * s_f_;  // a few mm behind, thigh-length below
        // Ankles and knees at z = 0, shanks vertical, standing on the floor at y = 0.
        const float knee_y = ankle_y + shank;
        const float knee_z = 0.0f;
        const float hip_y = knee_y - hip_to_knee.y, hip_z = knee_z - hip_to_knee.z;
        pelvis_world_ = {0.0f, hip_y - hip_r_pelvis.y, hip_z - hip_r_pelvis.z};
        add_joint("pelvis", -1, pelvis_world_);
        add_frame("pelvis", pelvis_world_, s_p_, glm::vec3(0.0f));
        add_frame("torso", pelvis_world_ + gait("back_in_pelvis") * s_p_, s_p_, gait("back_in_pelvis"));

        const float s_foot = prop("foot_length") / d_.heel_to_toe;
        for (int side = 0; side < 2; ++side) {
            const std::string sfx = side == 0 ? "_r" : "_l";
            const float mirror = side == 0 ? 1.0f : -1.0f;  // left = right mirrored in x
            const glm::vec3 hip = pelvis_world_ + glm::vec3(hip_r_pelvis.x * mirror, hip_r_pelvis.y, hip_r_pelvis.z);
            const glm::vec3 knee = hip + hip_to_knee;
            const glm::vec3 ankle{hip.x, ankle_y, knee_z};
            const int p = joint("pelvis");
            const int jh = add_joint("hip" + sfx, p, hip);
            const int jk = add_joint("knee" + sfx, jh, knee);
            const int ja = add_joint("ankle" + sfx, jk, ankle);
            glm::vec3 pub_hip = gait("hip_r_in_pelvis");
            pub_hip.x *= mirror;
            const glm::vec3 pub_knee = pub_hip + osim_axes(tibia_in_femur);
            const glm::vec3 pub_ankle = pub_knee + gait("ankle_in_tibia");
            const glm::vec3 pub_calcn = pub_ankle + glm::vec3(0.0f, gait("calcn_in_talus").y, gait("calcn_in_talus").z);
            const glm::vec3 pub_toes = pub_calcn + glm::vec3(0.0f, gait("toes_in_calcn").y, gait("toes_in_calcn").z);
            add_frame("femur" + sfx, hip, s_f_, pub_hip);
            const float s_t = (knee.y - ankle_y) / -d_.gait.at("ankle_in_tibia").y;
            add_frame("tibia" + sfx, knee, s_t, pub_knee);
            add_frame("talus" + sfx, ankle, s_foot, pub_ankle);
            glm::vec3 calcn = gait("calcn_in_talus") * s_foot;
            glm::vec3 toes = gait("toes_in_calcn") * s_foot;
            calcn.x *= mirror;
            toes.x *= mirror;
            // The foot points straight ahead (no toe-out) so contacts and mirroring stay simple.
            calcn.x = 0.0f;
            toes.x = 0.0f;
            add_frame("calcn" + sfx, ankle + calcn, s_foot, pub_calcn);
            add_joint("mtp" + sfx, ja, ankle + calcn + toes);
            add_frame("toes" + sfx, ankle + calcn + toes, s_foot, pub_toes);
            (void)jk;
        }
    }

    // [SECTION] The spine: a stack of discs and bodies from S1 to C1

    struct Element {
        std::string name;  // "L5" or "L5/S1"
        bool disc;
        float height;     // mid height, m (before the height scale)
        float angle_rad;  // lordotic wedge
    };

    void build_spine() {
        const float pi_deg = sk_.params.pelvic_incidence_deg;
        const float pt0 = 0.44f * pi_deg - 11.4f;  // Le Huec: rest pelvic tilt
        const float ss0 = pi_deg - pt0;            // PI = PT + SS, realised exactly
        const float ll = 0.54f * pi_deg + 27.6f;   // Le Huec: L1-S1 lordosis
        sk_.rest_pelvic_tilt_deg = pt0;
        sk_.rest_lumbar_lordosis_deg = ll;

        const int p = joint("pelvis");
        const glm::vec3 hip_mid =
            (sk_.joints[static_cast<std::size_t>(joint("hip_r"))].rest_world + sk_.joints[static_cast<std::size_t>(joint("hip_l"))].rest_world) *
            0.5f;
        const float radius = d_.pelvic_radius * k_;
        // S1 lies behind and above the hip axis: PT is the angle of that line from the vertical.
        sk_.s1_center = hip_mid + radius * glm::vec3(0.0f, std::cos(core::deg_to_rad(pt0)), -std::sin(core::deg_to_rad(pt0)));
        const float ss = core::deg_to_rad(ss0);
        sk_.s1_normal = sagittal(ss);
        sk_.s1_anterior = {0.0f, -std::sin(ss), std::cos(ss)};
        sk_.s1_width_m = d_.s1_width_mm * 1e-3f * k_;
        sk_.s1_depth_m = d_.s1_depth_mm * 1e-3f * k_;

        // The elements from the bottom up: disc below each vertebra, then its body.
        std::vector<Element> elements;
        static const char* lumbar_keys[] = {"l5_s1", "l4_l5", "l3_l4", "l2_l3", "l1_l2"};
        for (std::size_t i = 0; i < d_.vertebrae.size(); ++i) {
            const VertebraSpec& v = d_.vertebrae[i];
            const std::string below = i == 0 ? "S1" : d_.vertebrae[i - 1].name;
            const std::string dn = disc_name(v.name, below);
            float segment_deg = 0.0f;
            if (i < 5) {
                segment_deg = d_.lordosis_split.count(lumbar_keys[i]) ? d_.lordosis_split.at(lumbar_keys[i]) * ll : 0.0f;
            } else if (d_.segment_deg.count(dn)) {
                segment_deg = d_.segment_deg.at(dn);
            }
            const float body_lordotic = -v.wedge_deg;
            const float disc_deg = segment_deg - body_lordotic;
            const float disc_h = d_.disc_mm.count(dn) ? d_.disc_mm.at(dn) * 1e-3f : 0.004f;
            elements.push_back({dn, true, disc_h, core::deg_to_rad(disc_deg)});
            elements.push_back({v.name, false, v.height_mm * 1e-3f, core::deg_to_rad(body_lordotic)});
        }

        // Scale the heights so the atlanto-occipital joint lands where the stature puts it.
        const float target_y = H_ - d_.ao_below_vertex * k_;
        auto rise = [&](float scale) {
            float t = ss, y = sk_.s1_center.y;
            for (const auto& e : elements) {
                y += scale * e.height * std::cos(t - e.angle_rad * 0.5f);
                t -= e.angle_rad;
            }
            return y;
        };
        const float unit = rise(1.0f) - sk_.s1_center.y;
        const float scale = (target_y - sk_.s1_center.y) / unit;
        sk_.spine_height_scale = scale;

        // Walk the stack, recording vertebrae, discs and joint centres.
        float t = ss;
        glm::vec3 pos = sk_.s1_center;
        std::map<std::string, glm::vec3> disc_center;
        std::map<std::string, float> disc_tilt;
        std::map<std::string, float> disc_depth;
        for (std::size_t e = 0; e < elements.size(); ++e) {
            const Element& el = elements[e];
            const glm::vec3 next = pos + scale * el.height * sagittal(t - el.angle_rad * 0.5f);
            if (el.disc) {
                disc_center[el.name] = (pos + next) * 0.5f;
                disc_tilt[el.name] = t - el.angle_rad * 0.5f;
                const std::size_t vi = e / 2;
                disc_depth[el.name] = d_.vertebrae[vi].depth_mm * 1e-3f * k_;
            } else {
                const VertebraSpec& vs = d_.vertebrae[e / 2];
                Vertebra v;
                v.name = vs.name;
                v.inferior_center = pos;
                v.superior_center = next;
                v.inferior_normal = sagittal(t);
                v.superior_normal = sagittal(t - el.angle_rad);
                v.width_m = vs.width_mm * 1e-3f * k_;
                v.depth_m = vs.depth_mm * 1e-3f * k_;
                v.height_m = scale * el.height;
                v.spinous_m = vs.spinous_mm * 1e-3f * k_;
                v.transverse_span_m = vs.transverse_mm * 1e-3f * k_;
                sk_.vertebrae.push_back(v);
            }
            pos = next;
            t -= el.angle_rad;
        }

        // Joint centres: in the disc, a little behind its middle (the axis of flexion and extension
        // lies in the disc's posterior half).
        auto disc_joint = [&](const std::string& dn) {
            const float tt = disc_tilt.at(dn);
            const glm::vec3 anterior{0.0f, -std::sin(tt), std::cos(tt)};
            return disc_center.at(dn) - anterior * (0.15f * disc_depth.at(dn));
        };
        struct SpineJoint {
            const char* name;
            const char* disc;
        };
        const SpineJoint spine_joints[] = {{"l5_s1", "L5/S1"}, {"l4_l5", "L4/L5"},   {"l3_l4", "L3/L4"}, {"l2_l3", "L2/L3"},
                                           {"l1_l2", "L1/L2"}, {"t12_l1", "T12/L1"}, {"c7_t1", "C7/T1"}};
        int parent = p;
        for (const auto& sj : spine_joints) parent = add_joint(sj.name, parent, disc_joint(sj.disc));
        const Vertebra& c1 = sk_.vertebrae.back();
        add_joint("c0_c1", parent, c1.superior_center + c1.superior_normal * (0.004f * k_));

        // Which joint carries each vertebra.
        for (auto& v : sk_.vertebrae) {
            const char c = v.name[0];
            const int n = std::stoi(v.name.substr(1));
            if (c == 'L')
                v.joint = joint("l" + std::to_string(n) + (n == 5 ? "_s1" : "_l" + std::to_string(n + 1)));
            else if (c == 'T')
                v.joint = joint("t12_l1");
            else
                v.joint = joint("c7_t1");
        }
        for (std::size_t i = 0; i < sk_.vertebrae.size(); ++i) {
            const std::string below = i == 0 ? "S1" : sk_.vertebrae[i - 1].name;
            const std::string dn = disc_name(sk_.vertebrae[i].name, below);
            sk_.discs.push_back({dn, static_cast<int>(i), static_cast<int>(i) - 1, core::rad_to_deg(elements[2 * i].angle_rad)});
        }
    }

    const Vertebra& vertebra(const std::string& name) const {
        for (const auto& v : sk_.vertebrae)
            if (v.name == name) return v;
        throw core::Error("skeleton: no vertebra " + name);
    }
    glm::vec3 body_center(const std::string& name) const {
        const Vertebra& v = vertebra(name);
        return (v.inferior_center + v.superior_center) * 0.5f;
    }

    // [SECTION] Shoulder girdle and arms

    void build_arms() {
        const int thorax = joint("t12_l1");
        const glm::vec3 t2 = body_center("T2"), t3 = body_center("T3");
        const float notch_y = (vertebra("T2").inferior_center.y + vertebra("T3").superior_center.y) * 0.5f;
        // Jugular notch: about 7 cm in front of the T2 body at the level of the T2/T3 disc.
        jugular_notch_ = {0.0f, notch_y, t2.z + 0.07f * k_};
        const float gh_y = prop("shoulder_height") - 0.035f * k_;           // centre below the acromion
        const float gh_x = prop("biacromial_breadth") * 0.5f - 0.02f * k_;  // medial to the acromion's edge
        const float gh_z = t3.z + 0.045f * k_;                              // mid-depth of the upper chest
        for (int side = 0; side < 2; ++side) {
            const std::string sfx = side == 0 ? "_r" : "_l";
            const float out = side == 0 ? -1.0f : 1.0f;  // lateral direction in x
            const glm::vec3 sc{out * 0.025f * k_, notch_y - 0.005f * k_, jugular_notch_.z - 0.005f * k_};
            const int jsc = add_joint("sternoclavicular" + sfx, thorax, sc);
            const glm::vec3 gh{out * gh_x, gh_y, gh_z};
            const int js = add_joint("shoulder" + sfx, jsc, gh);
            const glm::vec3 elbow = gh - glm::vec3(0.0f, prop("upper_arm"), 0.005f * k_);
            const int je = add_joint("elbow" + sfx, js, elbow);
            // Carrying angle: the forearm angles about 10 degrees away from the body (anatomical position).
            const float carry = core::deg_to_rad(10.0f);
            const glm::vec3 wrist = elbow + glm::vec3(out * std::sin(carry), -std::cos(carry), 0.0f) * prop("forearm");
            add_joint("wrist" + sfx, je, wrist);
        }
    }

    // [SECTION] Landmarks

    void add_landmarks() {
        const ReferenceFrame& pelvis = *sk_.find_frame("pelvis");
        auto pelvis_point = [&](const std::string& key, bool left) {
            glm::vec3 o = d_.pelvis_osim.at(key);
            if (left) o.z = -o.z;
            return sk_.osim_to_world(pelvis, o);
        };
        for (int side = 0; side < 2; ++side) {
            const bool left = side == 1;
            const std::string sfx = left ? "_l" : "_r";
            const std::string hip_bone = "hip_bone" + sfx;
            for (const char* key :
                 {"asis", "psis", "aiis", "ischial_tuberosity", "ischial_spine", "iliac_crest_top", "iliac_tubercle", "pubic_tubercle"}) {
                const std::string k = std::string(key) + "_r";
                if (d_.pelvis_osim.count(k)) add_landmark(std::string(key) + sfx, "pelvis", pelvis_point(k, left), LandmarkKind::surface, hip_bone);
            }
            const glm::vec3 hip = sk_.joints[static_cast<std::size_t>(joint("hip" + sfx))].rest_world;
            add_landmark("hip_center" + sfx, "pelvis", hip, LandmarkKind::centre, hip_bone);
            add_landmark("femoral_head_center" + sfx, "hip" + sfx, hip, LandmarkKind::centre, "femur" + sfx);

            const ReferenceFrame& femur = *sk_.find_frame("femur" + sfx);
            const ReferenceFrame& tibia = *sk_.find_frame("tibia" + sfx);
            const ReferenceFrame& calcn = *sk_.find_frame("calcn" + sfx);
            const ReferenceFrame& toes = *sk_.find_frame("toes" + sfx);
            auto at = [&](const ReferenceFrame& f, glm::vec3 o) {
                if (left) o.z = -o.z;
                return sk_.osim_to_world(f, o);
            };
            // Femur (gait2392 femur frame; estimates placed on the published model's bone).
            add_landmark("greater_trochanter" + sfx, "hip" + sfx, at(femur, {-0.008f, -0.008f, 0.050f}), LandmarkKind::surface, "femur" + sfx);
            add_landmark("lesser_trochanter" + sfx, "hip" + sfx, at(femur, {-0.016f, -0.058f, 0.012f}), LandmarkKind::surface, "femur" + sfx);
            add_landmark("lateral_epicondyle" + sfx, "hip" + sfx, at(femur, {-0.004f, -0.372f, 0.043f}), LandmarkKind::surface, "femur" + sfx);
            add_landmark("medial_epicondyle" + sfx, "hip" + sfx, at(femur, {-0.004f, -0.372f, -0.045f}), LandmarkKind::surface, "femur" + sfx);
            // Tibia and fibula (gait2392 tibia frame).
            add_landmark("tibial_tuberosity" + sfx, "knee" + sfx, at(tibia, {0.036f, -0.072f, 0.002f}), LandmarkKind::surface, "tibia" + sfx);
            add_landmark("fibular_head" + sfx, "knee" + sfx, at(tibia, {-0.026f, -0.058f, 0.036f}), LandmarkKind::surface, "fibula" + sfx);
            add_landmark("medial_malleolus" + sfx, "knee" + sfx, at(tibia, {0.004f, -0.424f, -0.027f}), LandmarkKind::surface, "tibia" + sfx);
            add_landmark("lateral_malleolus" + sfx, "knee" + sfx, at(tibia, {-0.012f, -0.434f, 0.028f}), LandmarkKind::surface, "fibula" + sfx);
            // Foot (gait2392 calcn and toes frames).
            add_landmark("heel" + sfx, "ankle" + sfx, at(calcn, {-0.006f, 0.004f, 0.0f}), LandmarkKind::surface, "calcaneus" + sfx);
            add_landmark("first_metatarsal_head" + sfx, "ankle" + sfx, at(calcn, {0.170f, -0.006f, -0.026f}), LandmarkKind::surface,
                         "metatarsal_1" + sfx);
            add_landmark("fifth_metatarsal_head" + sfx, "ankle" + sfx, at(calcn, {0.140f, -0.006f, 0.038f}), LandmarkKind::surface,
                         "metatarsal_5" + sfx);
            add_landmark("toe_tip" + sfx, "mtp" + sfx, at(toes, {0.055f, -0.008f, -0.012f}), LandmarkKind::surface, "toe_1" + sfx);
        }
        // Pubic symphysis (midline).
        add_landmark("pubic_symphysis", "pelvis", sk_.osim_to_world(pelvis, d_.pelvis_osim.at("pubic_symphysis")), LandmarkKind::surface,
                     "hip_bone_r");
        // S1 endplate: centre and its anterior and posterior edges.
        add_landmark("s1_endplate_center", "pelvis", sk_.s1_center, LandmarkKind::surface, "sacrum");
        add_landmark("s1_endplate_anterior", "pelvis", sk_.s1_center + sk_.s1_anterior * (sk_.s1_depth_m * 0.5f), LandmarkKind::surface, "sacrum");
        add_landmark("s1_endplate_posterior", "pelvis", sk_.s1_center - sk_.s1_anterior * (sk_.s1_depth_m * 0.5f), LandmarkKind::surface, "sacrum");
        // Lumbar bodies: centres and endplates.
        for (const auto& v : sk_.vertebrae) {
            const std::string n = lower_case(v.name);
            const std::string jn = sk_.joints[static_cast<std::size_t>(v.joint)].name;
            const std::string bone = "vertebra_" + n;
            if (v.name[0] == 'L') {
                add_landmark(n + "_body_center", jn, (v.inferior_center + v.superior_center) * 0.5f, LandmarkKind::centre, bone);
                add_landmark(n + "_superior_endplate", jn, v.superior_center, LandmarkKind::surface, bone);
                add_landmark(n + "_inferior_endplate", jn, v.inferior_center, LandmarkKind::surface, bone);
            }
            if (v.name == "C7") {
                // The spinous process runs back and down from the posterior body.
                const glm::vec3 up = glm::normalize(v.superior_normal + v.inferior_normal);
                const glm::vec3 anterior = glm::normalize(glm::vec3(0.0f, -up.z, up.y));
                const glm::vec3 dir = glm::normalize(-anterior * 0.85f - up * 0.5f);
                const glm::vec3 base = (v.inferior_center + v.superior_center) * 0.5f - anterior * (v.depth_m * 0.5f);
                add_landmark("c7_spinous_process", jn, base + dir * (v.spinous_m + 0.018f * k_), LandmarkKind::surface, bone);
            }
        }
        add_landmark("jugular_notch", "t12_l1", jugular_notch_, LandmarkKind::surface, "sternum");
        add_landmark("vertex", "c0_c1", {0.0f, H_ - 0.006f * k_, sk_.joints[static_cast<std::size_t>(joint("c0_c1"))].rest_world.z + 0.005f * k_},
                     LandmarkKind::surface, "skull");
    }

    const Data& d_;
    Skeleton sk_;
    float H_ = 1.75f, k_ = 1.0f, s_p_ = 1.0f, s_f_ = 1.0f;
    glm::vec3 pelvis_world_{0.0f};
    glm::vec3 jugular_notch_{0.0f};
};

}  // namespace

Skeleton build_skeleton(const std::string& json_text, const std::string& file, const SkeletonParams& params) {
    if (!(params.stature_m >= 1.2f && params.stature_m <= 2.2f))
        throw core::Error("skeleton: stature " + std::to_string(params.stature_m) + " m is outside 1.2-2.2 m");
    if (!(params.pelvic_incidence_deg >= 30.0f && params.pelvic_incidence_deg <= 85.0f))
        throw core::Error("skeleton: pelvic incidence " + std::to_string(params.pelvic_incidence_deg) + " deg is outside 30-85 deg");
    const Data d = read_data(json_text, file);
    return Builder(d, params).build();
}

Skeleton build_default_skeleton(const SkeletonParams& params) {
    const auto path = core::asset_dir() / "skeleton" / "skeleton.json";
    return build_skeleton(core::read_file(path), path.string(), params);
}

}  // namespace anat
