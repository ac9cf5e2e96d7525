// scene/profile.hpp: patient profiles: posture settings, the measurements they gave, pinned
// notes and free notes, as a versioned JSON file.
//
// Writing is atomic (temporary file, then rename): a failed save leaves the old file intact.
// Reading validates everything; a malformed file, or one from a newer version of the app, gives
// a clear error naming the file and the field, and nothing is changed.
#pragma once

#include "biomech/measures.hpp"
#include "biomech/posture.hpp"
#include "core/files.hpp"
#include "scene/landmarks.hpp"

#include <optional>

#include <string>
#include <vector>

namespace scene {

// 2 added `conditions`; 3 added `radiograph`. Older files read as having none.
inline constexpr int profile_version = 3;

struct Annotation {
    enum class Target { muscle, bone };
    Target target = Target::muscle;
    std::string id;  // muscle id (psoas_r) or bone name (femur_r)
    std::string text;
    bool operator==(const Annotation&) const = default;
};

// The patient's own pelvis: the lateral image measured (File > Measure a radiograph or photo),
// its landmarks, and the fit of the model to the measured tilt and lordosis, if one was made.
struct RadiographFit {
    std::string pattern;  // biomech::fit_patterns() id
    biomech::PostureSettings settings;
    float residual_pelvic_tilt_deg = 0.0f, residual_lumbar_lordosis_deg = 0.0f;
    bool operator==(const RadiographFit&) const = default;
};
struct PatientRadiograph {
    LandmarksFile landmarks;  // `image` is the image's absolute path
    std::optional<RadiographFit> fit;
    bool operator==(const PatientRadiograph& o) const { return landmarks == o.landmarks && fit == o.fit; }
};

struct Profile {
    std::string patient;  // a label; may be empty
    std::string notes;
    biomech::PostureSettings posture;
    biomech::SpinopelvicMeasures measurements;  // as solved when saved, for reference
    std::vector<Annotation> annotations;
    std::vector<std::string> conditions;  // condition ids (assets/safety): stretches that do not suit are marked
    std::optional<PatientRadiograph> radiograph;
    std::string saved_at;  // ISO 8601, UTC
    bool operator==(const Profile& o) const;
};

// Limits that keep a hostile file from exhausting memory or the UI.
inline constexpr std::size_t max_profile_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t max_note_chars = 20000;
inline constexpr std::size_t max_patient_chars = 200;  // the patient's label, in bytes
inline constexpr std::size_t max_annotations = 500;
inline constexpr std::size_t max_annotation_chars = 2000;  // a pinned note's text, in bytes

// Shortens `text` to at most `limit` bytes without splitting a UTF-8 character: what an edit
// box may hold so that the saved profile loads again.
void clamp_text(std::string& text, std::size_t limit);

std::string serialize_profile(const Profile& p);
// Throws core::Error "file: /field: what" listing every problem.
Profile parse_profile(const std::string& text, const std::string& file);
Profile load_profile(const core::fs::path& path);
void save_profile(const Profile& p, const core::fs::path& path);
std::string now_iso8601();

}  // namespace scene
