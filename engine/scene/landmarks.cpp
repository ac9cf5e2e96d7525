#include "scene/landmarks.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>
#include <set>

namespace scene {

namespace {

// nlohmann keeps the last of two equal keys without a word; a point placed twice is a mistake
// the clinician should hear about. Returns the first key repeated inside one object, or "".
std::string first_repeated_key(const std::string& text) {
    std::vector<std::set<std::string>> open;
    std::string repeated;
    auto callback = [&](int, core::Json::parse_event_t event, core::Json& parsed) {
        if (event == core::Json::parse_event_t::object_start) open.emplace_back();
        if (event == core::Json::parse_event_t::object_end && !open.empty()) open.pop_back();
        if (event == core::Json::parse_event_t::key && !open.empty() && repeated.empty() && !open.back().insert(parsed.get<std::string>()).second)
            repeated = parsed.get<std::string>();
        return true;
    };
    try {
        const core::Json parsed = core::Json::parse(text, callback);
        (void)parsed;
    } catch (const core::Json::exception&) {}  // syntax errors are reported by the real parse
    return repeated;
}

}  // namespace

const std::vector<std::string>& landmark_names() {
    static const std::vector<std::string> names = {"s1_anterior", "s1_posterior", "femoral_head_r", "femoral_head_l",
                                                   "l1_anterior", "l1_posterior", "asis",           "psis"};
    return names;
}

const std::vector<std::string>& scale_point_names() {
    static const std::vector<std::string> names = {"scale_a", "scale_b"};
    return names;
}

LandmarksFile read_landmarks(const core::JsonNode& root) {
    LandmarksFile out;
    out.image = root["image"].string();
    out.facing = root["facing"].string_one_of({"left", "right"}, "right") == "left" ? LandmarksFile::Facing::left : LandmarksFile::Facing::right;
    const core::JsonNode points = root["points_px"];
    if (points.is_object()) {
        std::vector<std::string> names = landmark_names();
        names.insert(names.end(), scale_point_names().begin(), scale_point_names().end());
        for (const auto& [name, value] : points.members()) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                std::string list;
                for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
                value.problem("unknown point \"" + name + "\" (expected one of: " + list + ")");
                continue;
            }
            const std::vector<double> xy = value.numbers(-1e7, 1e7);
            if (xy.size() != 2) {
                if (value.is_array()) value.problem("expected [x, y] in pixels, found " + std::to_string(xy.size()) + " numbers");
                continue;
            }
            out.points_px[name] = glm::dvec2(xy[0], xy[1]);
        }
    } else if (root.has("points_px")) {
        points.problem("expected an object of named points, e.g. {\"asis\": [412, 310]}");
    }
    if (root.has("scale_length_mm")) out.scale_length_mm = root["scale_length_mm"].number(0.1, 10000.0);
    return out;
}

LandmarksFile parse_landmarks(const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);  // syntax errors throw with line:column
    core::JsonNode root = r.root();
    if (!root.is_object()) {
        root.problem("expected an object with \"format\", \"image\", \"facing\" and \"points_px\"");
        r.finish();
    }
    core::check_keys(root, {"format", "image", "facing", "points_px", "scale_length_mm"});
    const std::string format = root["format"].string();
    if (r.ok() && format != landmarks_format) root["format"].problem("expected \"" + std::string(landmarks_format) + "\", found \"" + format + "\"");
    LandmarksFile out = read_landmarks(root);
    if (const std::string twice = first_repeated_key(text); !twice.empty())
        r.add_problem("/points_px", "\"" + twice + "\" is given twice: keep one place for each point");
    r.finish();
    return out;
}

void check_points_inside(const LandmarksFile& l, int width, int height, const std::string& file) {
    std::string problems;
    for (const auto& [name, p] : l.points_px)
        if (p.x < 0.0 || p.y < 0.0 || p.x > width || p.y > height) {
            char line[200];
            std::snprintf(line, sizeof(line), "\n  %s at [%g, %g] is outside the %d x %d image", name.c_str(), p.x, p.y, width, height);
            problems += line;
        }
    if (!problems.empty()) throw core::Error(file + ": points outside the image \"" + l.image + "\":" + problems);
}

biomech::SagittalLandmarks to_sagittal(const LandmarksFile& l) {
    // Anterior is toward the face: +x in the image when the patient faces right. Up is -y.
    const double toward_face = l.facing == LandmarksFile::Facing::right ? 1.0 : -1.0;
    auto at = [&](const char* name) -> std::optional<glm::vec2> {
        const auto it = l.points_px.find(name);
        if (it == l.points_px.end()) return std::nullopt;
        return glm::vec2(static_cast<float>(it->second.x * toward_face), static_cast<float>(-it->second.y));
    };
    biomech::SagittalLandmarks s;
    s.s1_anterior = at("s1_anterior");
    s.s1_posterior = at("s1_posterior");
    s.femoral_head_r = at("femoral_head_r");
    s.femoral_head_l = at("femoral_head_l");
    s.l1_anterior = at("l1_anterior");
    s.l1_posterior = at("l1_posterior");
    s.asis = at("asis");
    s.psis = at("psis");
    return s;
}

// [SECTION] The image behind the model

UnderlayAnchors model_anchors(const anat::Skeleton& sk, std::span<const core::Rigid> world) {
    auto at = [&](const char* name) -> std::optional<glm::vec3> {
        const int l = sk.find_landmark(name);
        if (l < 0) return std::nullopt;
        const anat::Landmark& lm = sk.landmarks[static_cast<std::size_t>(l)];
        if (static_cast<std::size_t>(lm.joint) >= world.size()) return std::nullopt;
        return world[static_cast<std::size_t>(lm.joint)].apply(lm.position);
    };
    auto mid = [&](const char* a, const char* b) -> std::optional<glm::vec3> {
        const auto pa = at(a), pb = at(b);
        if (!pa || !pb) return std::nullopt;
        return (*pa + *pb) * 0.5f;
    };
    UnderlayAnchors out;
    out.hip_axis = mid("femoral_head_center_r", "femoral_head_center_l");
    out.s1_mid = mid("s1_endplate_anterior", "s1_endplate_posterior");
    const auto asis = mid("asis_r", "asis_l"), psis = mid("psis_r", "psis_l");
    if (asis && psis) out.pelvis_mid = (*asis + *psis) * 0.5f;
    return out;
}

std::optional<UnderlayPlacement> place_underlay(const LandmarksFile& l, glm::dvec2 image_size, const UnderlayAnchors& model, std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<UnderlayPlacement> {
        if (why) *why = reason;
        return std::nullopt;
    };
    if (image_size.x <= 0.0 || image_size.y <= 0.0) return fail("no image is open");
    // Image points in the patient's sagittal plane (pixels, x anterior, y up), as to_sagittal.
    const double toward_face = l.facing == LandmarksFile::Facing::right ? 1.0 : -1.0;
    auto sagittal = [&](glm::dvec2 px) { return glm::dvec2(px.x * toward_face, -px.y); };
    auto point = [&](const char* name) -> std::optional<glm::dvec2> {
        const auto it = l.points_px.find(name);
        if (it == l.points_px.end()) return std::nullopt;
        return sagittal(it->second);
    };
    auto mid = [&](const char* a, const char* b) -> std::optional<glm::dvec2> {
        const auto pa = point(a), pb = point(b);
        if (!pa || !pb) return std::nullopt;
        return (*pa + *pb) * 0.5;
    };
    const auto hip = mid("femoral_head_r", "femoral_head_l");
    const auto s1 = mid("s1_anterior", "s1_posterior");
    const auto pelvis = mid("asis", "psis");

    UnderlayPlacement out;
    const auto a = point("scale_a"), b = point("scale_b");
    if (a && b && l.scale_length_mm) {
        const double px = glm::length(*a - *b);
        if (px < 2.0) return fail("the two ends of the known length are on the same spot");
        out.metres_per_px = *l.scale_length_mm / 1000.0 / px;
        char words[96];
        std::snprintf(words, sizeof(words), "the known length (%.0f mm over %.0f pixels)", *l.scale_length_mm, px);
        out.scale_from = words;
    } else if (hip && s1 && model.hip_axis && model.s1_mid) {
        const double px = glm::length(*hip - *s1);
        const glm::dvec2 m(model.hip_axis->z - model.s1_mid->z, model.hip_axis->y - model.s1_mid->y);
        if (px < 2.0) return fail("the hip axis and S1 are on the same spot");
        out.metres_per_px = glm::length(m) / px;
        out.scale_from = "the hip axis to S1 distance, matched to the model's (mark a known length for the patient's true size)";
    } else {
        return fail("mark a known length (both scale ends and its length in mm), or both femoral heads and the S1 corners");
    }

    glm::dvec2 at_image;
    glm::vec3 at_model;
    if (hip && model.hip_axis) {
        at_image = *hip, at_model = *model.hip_axis, out.anchor = "the hip axis";
    } else if (s1 && model.s1_mid) {
        at_image = *s1, at_model = *model.s1_mid, out.anchor = "the S1 endplate";
    } else if (pelvis && model.pelvis_mid) {
        at_image = *pelvis, at_model = *model.pelvis_mid, out.anchor = "the ASIS-PSIS midpoint";
    } else {
        return fail("place both femoral heads, the S1 corners, or the ASIS and PSIS, to line the image up with the model");
    }
    const glm::dvec2 corners_px[4] = {{0.0, 0.0}, {image_size.x, 0.0}, {image_size.x, image_size.y}, {0.0, image_size.y}};
    for (int i = 0; i < 4; ++i) {
        const glm::dvec2 d = (sagittal(corners_px[i]) - at_image) * out.metres_per_px;
        out.corners[static_cast<std::size_t>(i)] = at_model + glm::vec3(0.0f, static_cast<float>(d.y), static_cast<float>(d.x));
    }
    return out;
}

}  // namespace scene
