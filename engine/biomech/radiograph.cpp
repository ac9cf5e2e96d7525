#include "biomech/radiograph.hpp"

#include "core/error.hpp"
#include "core/math.hpp"

#include <glm/geometric.hpp>

#include <cmath>

namespace biomech {

namespace {

// Shorter than this (in the points' unit, pixels or metres) two points are one: no line.
constexpr float coincident = 1e-6f;

glm::vec2 line(glm::vec2 from, glm::vec2 to, const char* what) {
    const glm::vec2 d = to - from;
    if (glm::length(d) <= coincident * std::max(1.0f, glm::length(from)))
        throw core::Error(std::string(what) + " coincide: they give no line, so no angle");
    return d;
}

// The angle below the horizontal of the line from a posterior point to its anterior partner
// (positive: the anterior one is lower), in degrees.
float drop_toward_anterior_deg(glm::vec2 anterior, glm::vec2 posterior, const char* what) {
    const glm::vec2 d = line(posterior, anterior, what);
    return core::rad_to_deg(std::atan2(-d.y, d.x));
}

}  // namespace

LandmarkMeasures measure_landmarks(const SagittalLandmarks& p) {
    LandmarkMeasures m;
    const bool s1 = p.s1_anterior && p.s1_posterior;
    const bool hips = p.femoral_head_r && p.femoral_head_l;
    const bool l1 = p.l1_anterior && p.l1_posterior;
    if (s1) {
        // SS: the S1 endplate against the horizontal.
        m.sacral_slope_deg = drop_toward_anterior_deg(*p.s1_anterior, *p.s1_posterior, "the two S1 endplate corners");
    }
    if (s1 && hips) {
        const glm::vec2 mid = (*p.s1_anterior + *p.s1_posterior) * 0.5f;
        const glm::vec2 axis = (*p.femoral_head_r + *p.femoral_head_l) * 0.5f;
        const glm::vec2 to_hips = line(mid, axis, "the hip axis and the S1 endplate's midpoint");
        // PT: the hip-axis -> S1 line against the vertical; positive when the hip axis lies in
        // front of S1 (a backward-tilted pelvis has more).
        m.pelvic_tilt_deg = core::rad_to_deg(std::atan2(axis.x - mid.x, mid.y - axis.y));
        // PI: between the endplate's perpendicular (pointing into the sacrum) and the line from
        // the endplate's midpoint to the hip axis; signed, so PI = PT + SS holds exactly.
        const glm::vec2 along = glm::normalize(*p.s1_anterior - *p.s1_posterior);
        const glm::vec2 into_sacrum{along.y, -along.x};
        const glm::vec2 h = glm::normalize(to_hips);
        m.pelvic_incidence_deg = core::rad_to_deg(std::atan2(into_sacrum.x * h.y - into_sacrum.y * h.x, glm::dot(into_sacrum, h)));
    }
    if (s1 && l1) {
        // LL: the angle between the L1 and S1 superior endplates; a hollow low back is positive.
        m.lumbar_lordosis_deg = *m.sacral_slope_deg - drop_toward_anterior_deg(*p.l1_anterior, *p.l1_posterior, "the two L1 endplate corners");
    }
    if (p.asis && p.psis) {
        // The ASIS-PSIS line against the horizontal; forward tilt (ASIS below PSIS) positive.
        m.pelvic_tilt_clinical_deg = drop_toward_anterior_deg(*p.asis, *p.psis, "the ASIS and the PSIS");
    }
    return m;
}

void check_upright_facing(const SagittalLandmarks& p) {
    auto check = [](const std::optional<glm::vec2>& anterior, const std::optional<glm::vec2>& posterior, const char* pair) {
        if (anterior && posterior && anterior->x <= posterior->x)
            throw core::Error(std::string("the ") + pair +
                              ": check \"facing\" (the side the face points to in the image) and that the two are not swapped");
    };
    check(p.s1_anterior, p.s1_posterior, "S1 anterior corner lies behind the posterior one");
    check(p.l1_anterior, p.l1_posterior, "L1 anterior corner lies behind the posterior one");
    check(p.asis, p.psis, "ASIS lies behind the PSIS");
}

std::optional<float> LandmarkMeasures::get(std::string_view key) const {
    if (key == "pelvic_incidence_deg") return pelvic_incidence_deg;
    if (key == "pelvic_tilt_deg") return pelvic_tilt_deg;
    if (key == "sacral_slope_deg") return sacral_slope_deg;
    if (key == "lumbar_lordosis_deg") return lumbar_lordosis_deg;
    if (key == "pelvic_tilt_clinical_deg") return pelvic_tilt_clinical_deg;
    return std::nullopt;
}

std::vector<std::string> undefined_measures(const SagittalLandmarks& p) {
    std::vector<std::string> out;
    const bool s1 = p.s1_anterior && p.s1_posterior;
    if (!s1) out.push_back("sacral_slope_deg (needs s1_anterior, s1_posterior)");
    if (!s1 || !p.femoral_head_r || !p.femoral_head_l) {
        out.push_back("pelvic_tilt_deg (needs s1_anterior, s1_posterior, femoral_head_r, femoral_head_l)");
        out.push_back("pelvic_incidence_deg (needs s1_anterior, s1_posterior, femoral_head_r, femoral_head_l)");
    }
    if (!s1 || !p.l1_anterior || !p.l1_posterior) out.push_back("lumbar_lordosis_deg (needs s1_anterior, s1_posterior, l1_anterior, l1_posterior)");
    if (!p.asis || !p.psis) out.push_back("pelvic_tilt_clinical_deg (needs asis, psis)");
    return out;
}

}  // namespace biomech
