// biomech/posture.cpp
//
// [SECTION] Groups
// [SECTION] Set-up: masses and their centres
// [SECTION] One posture: pose, balance and generalised forces
// [SECTION] The solver: quasi-Newton on (hip flexion, lumbar extension, knee flexion)
#include "biomech/posture.hpp"

#include "anatomy/muscle_path.hpp"
#include "biomech/muscle_mechanics.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace biomech {

// [SECTION] Groups

const char* posture_group_id(PostureGroup g) {
    switch (g) {
        case PostureGroup::hip_flexors: return "hip_flexors";
        case PostureGroup::rectus_femoris: return "rectus_femoris";
        case PostureGroup::hamstrings: return "hamstrings";
        case PostureGroup::back_extensors: return "back_extensors";
        case PostureGroup::glutes: return "glutes";
        case PostureGroup::abdominals: return "abdominals";
    }
    return "";
}

const char* posture_group_name(PostureGroup g) {
    switch (g) {
        case PostureGroup::hip_flexors: return "Hip flexor tightness";
        case PostureGroup::rectus_femoris: return "Rectus femoris tightness";
        case PostureGroup::hamstrings: return "Hamstring tightness";
        case PostureGroup::back_extensors: return "Back extensor tightness";
        case PostureGroup::glutes: return "Gluteal resting pull";
        case PostureGroup::abdominals: return "Abdominal resting pull";
    }
    return "";
}

bool is_strength_group(PostureGroup g) { return g == PostureGroup::glutes || g == PostureGroup::abdominals; }

std::optional<PostureGroup> parse_posture_group(const std::string& id) {
    for (auto g : all_posture_groups)
        if (id == posture_group_id(g)) return g;
    return std::nullopt;
}

const std::vector<std::string>& posture_group_muscles(const anat::MuscleCatalogue& catalogue, PostureGroup g) {
    static const std::vector<std::string> none;
    const auto* members = catalogue.find_posture_group(posture_group_id(g));
    return members ? members->muscles : none;
}

PostureSettings hypothetically_lengthened(const PostureSettings& settings, const std::string& group, float percent) {
    PostureSettings s = settings;
    if (auto g = parse_posture_group(group); g && !is_strength_group(*g))
        s[*g] = std::max(0.0f, s[*g] - percent / (max_shortening * 100.0f) * 100.0f);
    return s;
}

std::string hypothetical_title(const std::string& group, float percent) {
    std::string name = group;
    for (auto& c : name)
        if (c == '_') c = ' ';
    char text[160];
    std::snprintf(text, sizeof(text), "Hypothetical: %s resting %.0f %% longer", name.c_str(), static_cast<double>(percent));
    return text;
}

float percent_for_tilt_change(const PostureSolver& solver, const PostureSettings& settings, const std::string& group, float delta_deg,
                              const PostureResult* warm_start) {
    const float base = solver.solve(settings, warm_start).measures.pelvic_tilt_clinical_deg;
    auto change = [&](float p) {
        return solver.solve(hypothetically_lengthened(settings, group, p), warm_start).measures.pelvic_tilt_clinical_deg - base;
    };
    float lo = 0.0f, hi = max_shortening * 100.0f;
    if (std::abs(change(hi)) < std::abs(delta_deg)) return hi;
    for (int i = 0; i < 14; ++i) {  // 25 % / 2^14: far finer than the slider's whole percent
        const float mid = 0.5f * (lo + hi);
        (std::abs(change(mid)) < std::abs(delta_deg) ? lo : hi) = mid;
    }
    return 0.5f * (lo + hi);
}

// [SECTION] Set-up: masses and their centres

PostureSolver::PostureSolver(const anat::Skeleton& skeleton, const anat::MuscleCatalogue& catalogue, PostureModel model)
    : skeleton_(skeleton), catalogue_(catalogue), model_(model), rig_(skeleton) {
    for (auto g : all_posture_groups)
        if (!catalogue_.find_posture_group(posture_group_id(g)))
            throw core::Error(catalogue_.file + ": /posture_groups: no entry for \"" + posture_group_id(g) +
                              "\" (the posture settings need every one)");
    const auto& S = skeleton_;
    auto jw = [&](const char* name) { return S.joints[static_cast<std::size_t>(S.find_joint(name))].rest_world; };
    auto add = [&](const char* joint, const glm::vec3& world_rest, float percent) {
        const int j = S.find_joint(joint);
        ANATOMY_ASSERT(j >= 0, std::string("posture: no joint ") + joint);
        masses_.push_back({j, world_rest - S.joints[static_cast<std::size_t>(j)].rest_world, percent * 0.01f * model_.body_mass_kg});
    };
    // Plagenhoef et al. 1983 (male), anatomy-data 6.2: head+neck 8.96 %, trunk 46.84 %, thigh
    // 10.5 %, shank 4.75 %, foot 1.43 %; the arms take the rest (5.42 % each). The trunk is split
    // into the pelvis (15.7 %, gait2392's pelvis share, anatomy-data 6.3) and the upper trunk.
    const glm::vec3 hip_mid = (jw("hip_r") + jw("hip_l")) * 0.5f;
    const glm::vec3 shoulder_mid = (jw("shoulder_r") + jw("shoulder_l")) * 0.5f;
    const glm::vec3 trunk_com = (hip_mid + shoulder_mid) * 0.5f;  // Winter: 50 % from hips to shoulders
    const anat::ReferenceFrame* pelvis_frame = S.find_frame("pelvis");
    const glm::vec3 pelvis_com = S.osim_to_world(*pelvis_frame, {-0.0707f, 0.0f, 0.0f});  // gait2392 pelvis COM
    constexpr float trunk_pct = 46.84f, pelvis_pct = 15.7f;
    const glm::vec3 upper_trunk_com = (trunk_pct * trunk_com - pelvis_pct * pelvis_com) / (trunk_pct - pelvis_pct);
    add("pelvis", pelvis_com, pelvis_pct);
    add("t12_l1", upper_trunk_com, trunk_pct - pelvis_pct);
    const float k = S.params.stature_m / 1.75f;
    add("c0_c1", jw("c0_c1") + glm::vec3(0.0f, 0.035f, 0.015f) * k, 8.96f);
    for (const char* side : {"_r", "_l"}) {
        const std::string s = side;
        add(("shoulder" + s).c_str(), glm::mix(jw(("shoulder" + s).c_str()), jw(("wrist" + s).c_str()), 0.45f), 5.42f);
        add(("hip" + s).c_str(), glm::mix(jw(("hip" + s).c_str()), jw(("knee" + s).c_str()), 0.433f), 10.5f);
        add(("knee" + s).c_str(), glm::mix(jw(("knee" + s).c_str()), jw(("ankle" + s).c_str()), 0.434f), 4.75f);
        add(("ankle" + s).c_str(), jw(("ankle" + s).c_str()) + glm::vec3(0.0f, -0.03f, 0.06f) * k, 1.43f);
    }
    float total = 0.0f;
    for (const auto& m : masses_) {
        rest_com_ += (S.joints[static_cast<std::size_t>(m.joint)].rest_world + m.com) * m.kg;
        total += m.kg;
    }
    rest_com_ /= total;
    rest_ankle_ = {jw("ankle_r"), jw("ankle_l")};

    // Keep only muscles that can store energy here: toned ones, or ones whose fibres can pass
    // their (fully tightened) rest length somewhere in the posture's range. Sampled on a grid.
    const PostureSettings neutral;
    const std::vector<float> tone = tone_for(neutral);
    std::vector<float> max_stretch(catalogue_.muscles.size(), 0.0f);
    std::vector<core::Rigid> world;
    for (double h : {-16.0, 0.0, 20.0, 40.0})
        for (double l : {-35.0, 0.0, 22.0})
            for (double kf : {-3.0, 15.0, 30.0}) {
                const anat::Pose pose = pose_for({h * core::pi / 180.0, l * core::pi / 180.0, kf * core::pi / 180.0}, 0.0, world);
                const anat::PathCoordinates pc = anat::path_coordinates(rig_, pose);
                for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i) {
                    const auto& m = catalogue_.muscles[i];
                    const float lm = fibre_length(m.params, anat::muscle_length(m, world, pc));
                    max_stretch[i] = std::max(max_stretch[i], lm / (m.params.l_opt_m * (1.0f - max_shortening)));
                }
            }
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
        if (tone[i] > 0.0f || max_stretch[i] > 0.98f) relevant_.push_back(i);

    // Calibrate: neutral settings must hold the rest posture.
    bias_ = {0.0, 0.0, 0.0};
    bias_ = gradient_at({0.0, 0.0, 0.0}, tightness_for(neutral), tone, 0.0);
}

std::vector<float> PostureSolver::tone_for(const PostureSettings& settings) const {
    std::vector<float> tone(catalogue_.muscles.size(), 0.0f);
    for (auto g : {PostureGroup::glutes, PostureGroup::abdominals}) {
        const float strength = std::clamp(settings[g], 0.0f, 100.0f) / 100.0f;
        const float level = g == PostureGroup::glutes ? model_.glute_tone : model_.abdominal_tone;
        for (const auto& base : posture_group_muscles(catalogue_, g))
            for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
                if (catalogue_.muscles[i].base_id == base) tone[i] = strength * level * catalogue_.muscles[i].params.f_max_n;
    }
    return tone;
}

namespace {
constexpr double fd_step = 2e-3;  // radians: keeps differences well above float rounding in the geometry
}

std::array<double, 3> PostureSolver::gradient_at(const std::array<double, 3>& q, const std::vector<float>& tightness, const std::vector<float>& tone,
                                                 double ankle) const {
    anat::Pose pose;
    std::vector<core::Rigid> world;
    std::array<double, 3> g{};
    for (std::size_t i = 0; i < 3; ++i) {
        auto xp = q, xm = q;
        xp[i] += fd_step;
        xm[i] -= fd_step;
        double ap = ankle, am = ankle;
        g[i] = (energy(xp, tightness, tone, pose, world, ap) - energy(xm, tightness, tone, pose, world, am)) / (2.0 * fd_step);
    }
    return g;
}

std::vector<float> PostureSolver::tightness_for(const PostureSettings& settings) const {
    std::vector<float> t(catalogue_.muscles.size(), 0.0f);
    for (auto g : all_posture_groups) {
        if (is_strength_group(g)) continue;
        for (const auto& base : posture_group_muscles(catalogue_, g))
            for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
                if (catalogue_.muscles[i].base_id == base) t[i] = std::clamp(settings[g], 0.0f, 100.0f) / 100.0f;
    }
    for (const auto& [base, value] : settings.muscle_tightness)
        for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i)
            if (catalogue_.muscles[i].base_id == base) t[i] = std::clamp(t[i] + std::clamp(value, 0.0f, 100.0f) / 100.0f, 0.0f, 1.0f);
    return t;
}

// [SECTION] One posture: pose, balance and generalised forces

namespace {

double barrier(double x, double lo, double hi, double k) {
    if (x < lo) return 0.5 * k * (x - lo) * (x - lo);
    if (x > hi) return 0.5 * k * (x - hi) * (x - hi);
    return 0.0;
}

constexpr double deg = 3.14159265358979323846 / 180.0;
// End-of-range limits for standing (relative to rest). Hip extension: the iliofemoral ligament
// tightens around 15-20 deg (anatomy-data 5.2); lumbar: a standing person has about 20 deg more
// extension and 35 deg of flexion in reserve; knees: a few degrees of hyperextension at most.
constexpr double hip_min = -16.0 * deg, hip_max = 40.0 * deg;
constexpr double lumbar_min = -35.0 * deg, lumbar_max = 22.0 * deg;
constexpr double knee_min = -3.0 * deg, knee_max = 30.0 * deg;
constexpr double barrier_stiffness = 4000.0;  // N m/rad: a firm end stop

}  // namespace

anat::Pose PostureSolver::pose_for(const std::array<double, 3>& q, double ankle, std::vector<core::Rigid>& world) const {
    const auto& S = skeleton_;
    anat::Pose pose = anat::rest_pose(S);
    const auto h = static_cast<float>(q[0]), lumbar = static_cast<float>(q[1]), kf = static_cast<float>(q[2]);
    const auto a = static_cast<float>(ankle);
    for (std::size_t s = 0; s < 2; ++s) {
        pose.local[static_cast<std::size_t>(rig_.hip[s])] = anat::sagittal_rotation(h);
        pose.local[static_cast<std::size_t>(rig_.knee[s])] = anat::sagittal_rotation(-kf);
        pose.translation[static_cast<std::size_t>(rig_.knee[s])] = S.knee.translation(-kf);
        pose.local[static_cast<std::size_t>(rig_.ankle[s])] = anat::sagittal_rotation(a);
    }
    for (std::size_t i = 0; i < anat::lumbar_split.size(); ++i)
        pose.local[static_cast<std::size_t>(rig_.lumbar[i])] = anat::sagittal_rotation(lumbar * anat::lumbar_split[i]);
    // Feet flat: foot = shank + a = 0, shank = thigh - k, thigh = pelvis + h.
    pose.root_rotation = anat::sagittal_rotation(-a + kf - h);
    world.resize(S.joints.size());
    anat::forward_kinematics(S, pose, world);
    // Place the body so the ankles stay where they stand.
    const glm::vec3 shift = rest_ankle_[0] - world[static_cast<std::size_t>(rig_.ankle[0])].translation;
    pose.root_translation += shift;
    for (auto& w : world) w.translation += shift;
    return pose;
}

// Total potential energy (J) of a posture; also returns its pose and the balancing ankle angle.
double PostureSolver::energy(const std::array<double, 3>& q, const std::vector<float>& tightness, const std::vector<float>& tone, anat::Pose& pose,
                             std::vector<core::Rigid>& world, double& ankle) const {
    // Balance: choose the ankle angle so the centre of mass stays over the feet (its rest z).
    auto com = [&]() {
        glm::vec3 c(0.0f);
        float m = 0.0f;
        for (const auto& ms : masses_) {
            c += world[static_cast<std::size_t>(ms.joint)].apply(ms.com) * ms.kg;
            m += ms.kg;
        }
        return c / m;
    };
    for (int it = 0; it < 3; ++it) {
        pose = pose_for(q, ankle, world);
        const glm::vec3 c = com();
        const double lever = std::max(static_cast<double>(c.y - rest_ankle_[0].y), 0.3);
        ankle += (static_cast<double>(rest_com_.z) - c.z) / lever;
        ankle = std::clamp(ankle, -0.5, 0.5);
    }
    pose = pose_for(q, ankle, world);

    double e = 0.0;
    for (const auto& ms : masses_) e += 9.81 * ms.kg * world[static_cast<std::size_t>(ms.joint)].apply(ms.com).y;

    const anat::PathCoordinates pc = anat::path_coordinates(rig_, pose);
    for (std::size_t i : relevant_) {
        const anat::Muscle& m = catalogue_.muscles[i];
        const double length = anat::muscle_length(m, world, pc);
        e += passive_energy_j(m, length, tightness[i], catalogue_);
        e += static_cast<double>(tone[i]) * length;  // a constant pull does work F * L
    }
    const double trunk = (-ankle + q[2] - q[0]) + q[1];  // pelvis orientation + lumbar extension
    e += 0.5 * model_.lumbar_stiffness_nm_per_rad * q[1] * q[1];
    e += 0.5 * model_.trunk_upright_nm_per_rad * trunk * trunk;
    e += 0.5 * model_.knee_stiffness_nm_per_rad * q[2] * q[2];
    e += barrier(q[0], hip_min, hip_max, barrier_stiffness);
    e += barrier(q[1], lumbar_min, lumbar_max, barrier_stiffness);
    e += barrier(q[2], knee_min, knee_max, barrier_stiffness);
    e -= bias_[0] * q[0] + bias_[1] * q[1] + bias_[2] * q[2];
    return e;
}

anat::Pose PostureSolver::pose_at(const PostureDofs& d) const {
    std::vector<core::Rigid> world;
    return pose_for({d.hip, d.lumbar, d.knee}, d.ankle, world);
}

// [SECTION] The solver: quasi-Newton on (hip flexion, lumbar extension, knee flexion)

PostureResult PostureSolver::solve(const PostureSettings& settings, const PostureResult* warm) const {
    PostureResult r;
    r.tightness = tightness_for(settings);
    const std::vector<float> tone = tone_for(settings);

    std::array<double, 3> q{0.0, 0.0, 0.0};
    double ankle = 0.0;
    if (warm) {
        q = {core::deg_to_rad(static_cast<double>(warm->coordinates.legs[0].hip_flexion_deg)),
             core::deg_to_rad(static_cast<double>(warm->coordinates.lumbar_extension_deg)),
             core::deg_to_rad(static_cast<double>(warm->coordinates.legs[0].knee_flexion_deg))};
        ankle = core::deg_to_rad(static_cast<double>(warm->coordinates.legs[0].ankle_dorsiflexion_deg));
        for (auto& v : q)
            if (!std::isfinite(v)) v = 0.0;
        if (!std::isfinite(ankle)) ankle = 0.0;
    }
    anat::Pose pose;
    std::vector<core::Rigid> world;
    double e = energy(q, r.tightness, tone, pose, world, ankle);
    std::array<double, 3> g = gradient_at(q, r.tightness, tone, ankle);

    // Quasi-Newton (BFGS) from a finite-difference Hessian, with a backtracking line search.
    double H[3][3];  // inverse Hessian estimate
    {
        double B[3][3];
        for (std::size_t j = 0; j < 3; ++j) {
            auto xp = q;
            xp[j] += fd_step;
            const auto gp = gradient_at(xp, r.tightness, tone, ankle);
            for (std::size_t i = 0; i < 3; ++i) B[i][j] = (gp[i] - g[i]) / fd_step;
        }
        for (int i = 0; i < 3; ++i)
            for (int j = i + 1; j < 3; ++j) B[i][j] = B[j][i] = 0.5 * (B[i][j] + B[j][i]);
        // Make it positive definite (gravity makes standing unstable in some directions).
        double shift = 0.0;
        for (int attempt = 0; attempt < 20; ++attempt) {
            double A[3][3];
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 3; ++j) A[i][j] = B[i][j] + (i == j ? shift : 0.0);
            const double m1 = A[0][0], m2 = A[0][0] * A[1][1] - A[0][1] * A[1][0];
            const double det = A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) - A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
                               A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
            if (m1 > 1.0 && m2 > 1.0 && det > 1.0) {
                // Invert by cofactors.
                H[0][0] = (A[1][1] * A[2][2] - A[1][2] * A[2][1]) / det;
                H[0][1] = (A[0][2] * A[2][1] - A[0][1] * A[2][2]) / det;
                H[0][2] = (A[0][1] * A[1][2] - A[0][2] * A[1][1]) / det;
                H[1][0] = (A[1][2] * A[2][0] - A[1][0] * A[2][2]) / det;
                H[1][1] = (A[0][0] * A[2][2] - A[0][2] * A[2][0]) / det;
                H[1][2] = (A[0][2] * A[1][0] - A[0][0] * A[1][2]) / det;
                H[2][0] = (A[1][0] * A[2][1] - A[1][1] * A[2][0]) / det;
                H[2][1] = (A[0][1] * A[2][0] - A[0][0] * A[2][1]) / det;
                H[2][2] = (A[0][0] * A[1][1] - A[0][1] * A[1][0]) / det;
                break;
            }
            shift = shift == 0.0 ? 20.0 : shift * 2.0;
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 3; ++j) H[i][j] = i == j ? 1.0 / 500.0 : 0.0;  // fallback: a gentle gradient step
        }
    }
    constexpr int max_iterations = 40;
    constexpr double tolerance = 0.25;  // N m: at the posture's stiffness this is about a tenth of a degree
    for (int it = 0; it < max_iterations; ++it) {
        r.iterations = it + 1;
        const double gnorm = std::sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
        r.gradient_norm = static_cast<float>(gnorm);
        if (!std::isfinite(gnorm)) break;
        if (gnorm < tolerance) {
            r.converged = true;
            break;
        }
        std::array<double, 3> d{};
        for (std::size_t i = 0; i < 3; ++i) d[i] = -(H[i][0] * g[0] + H[i][1] * g[1] + H[i][2] * g[2]);
        double slope = d[0] * g[0] + d[1] * g[1] + d[2] * g[2];
        if (!(slope < 0.0)) {  // not a descent direction: fall back to steepest descent
            for (std::size_t i = 0; i < 3; ++i) d[i] = -g[i] / 500.0;
            slope = -(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) / 500.0;
        }
        const double len = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        const double max_step = 10.0 * deg;  // at most 10 degrees per iteration
        if (len > max_step)
            for (auto& v : d) v *= max_step / len;
        double t = 1.0, en = 0.0, an = ankle;
        std::array<double, 3> qn{};
        bool accepted = false;
        for (int ls = 0; ls < 10; ++ls) {
            for (std::size_t i = 0; i < 3; ++i) qn[i] = q[i] + t * d[i];
            an = ankle;
            en = energy(qn, r.tightness, tone, pose, world, an);
            if (std::isfinite(en) && en <= e + 1e-4 * t * slope) {
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if (!accepted) {
            // No downhill step: the minimum is found to within the energy's numerical noise. A
            // residual under 1 N m moves the posture by well under half a degree.
            r.converged = gnorm < 1.0;
            break;
        }
        const auto gn = gradient_at(qn, r.tightness, tone, an);
        // BFGS update of the inverse Hessian.
        const std::array<double, 3> sv{qn[0] - q[0], qn[1] - q[1], qn[2] - q[2]};
        const std::array<double, 3> yv{gn[0] - g[0], gn[1] - g[1], gn[2] - g[2]};
        const double sy = sv[0] * yv[0] + sv[1] * yv[1] + sv[2] * yv[2];
        if (sy > 1e-12) {
            double Hy[3];
            for (int i = 0; i < 3; ++i) Hy[i] = H[i][0] * yv[0] + H[i][1] * yv[1] + H[i][2] * yv[2];
            const double yHy = yv[0] * Hy[0] + yv[1] * Hy[1] + yv[2] * Hy[2];
            for (std::size_t i = 0; i < 3; ++i)
                for (std::size_t j = 0; j < 3; ++j) H[i][j] += ((sy + yHy) * sv[i] * sv[j]) / (sy * sy) - (Hy[i] * sv[j] + sv[i] * Hy[j]) / sy;
        }
        q = qn;
        e = en;
        ankle = an;
        g = gn;
    }
    // Final pose and ankle for the best point found.
    double a = ankle;
    energy(q, r.tightness, tone, pose, world, a);
    r.dofs = {q[0], q[1], q[2], a};
    auto& c = r.coordinates;
    const float pelvis = static_cast<float>(-a + q[2] - q[0]);
    c.pelvis_tilt_deg = core::rad_to_deg(pelvis);
    c.lumbar_extension_deg = static_cast<float>(core::rad_to_deg(q[1]));
    for (auto& leg : c.legs) {
        leg.hip_flexion_deg = static_cast<float>(core::rad_to_deg(q[0]));
        leg.knee_flexion_deg = static_cast<float>(core::rad_to_deg(q[2]));
        leg.ankle_dorsiflexion_deg = static_cast<float>(core::rad_to_deg(a));
    }
    c.pelvis_offset_m = pose.root_translation - skeleton_.joints[0].rest_world;
    r.pose = pose;
    r.measures = measure(skeleton_, pose, world);
    const anat::PathCoordinates pc = anat::path_coordinates(rig_, pose);
    for (std::size_t i = 0; i < catalogue_.muscles.size(); ++i) {
        const float len = anat::muscle_length(catalogue_.muscles[i], world, pc);
        r.muscle_length_m.push_back(len);
        r.passive_force_n.push_back(muscle_state(catalogue_.muscles[i], len, r.tightness[i], catalogue_).passive_force_n);
    }
    return r;
}

}  // namespace biomech
