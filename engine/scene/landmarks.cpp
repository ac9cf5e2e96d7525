#include "scene/landmarks.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

#include <cmath>
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

LandmarksFile read_landmarks(const core::JsonNode& root) {
    LandmarksFile out;
    out.image = root["image"].string();
    out.facing = root["facing"].string_one_of({"left", "right"}, "right") == "left" ? LandmarksFile::Facing::left : LandmarksFile::Facing::right;
    const core::JsonNode points = root["points_px"];
    if (points.is_object()) {
        const auto& names = landmark_names();
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
    return out;
}

LandmarksFile parse_landmarks(const std::string& text, const std::string& file) {
    core::JsonReader r(file, text);  // syntax errors throw with line:column
    core::JsonNode root = r.root();
    if (!root.is_object()) {
        root.problem("expected an object with \"format\", \"image\", \"facing\" and \"points_px\"");
        r.finish();
    }
    core::check_keys(root, {"format", "image", "facing", "points_px"});
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

}  // namespace scene
