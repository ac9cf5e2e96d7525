#include "scene/profile.hpp"

#include "anim/safety.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

#include <algorithm>
#include <ctime>

namespace scene {

namespace {
bool same(float a, float b) { return a == b || (a != a && b != b); }

// The posture groups of an object {"hip_flexors": 60, ...} into `settings` (each 0-100).
void read_groups(const core::JsonNode& groups, biomech::PostureSettings& settings) {
    for (const auto& [key, v] : groups.members()) {
        const auto g = biomech::parse_posture_group(key);
        if (!g) {
            v.problem("unknown group \"" + key + "\"");
            continue;
        }
        settings[*g] = static_cast<float>(v.number(0.0, 100.0, settings[*g]));
    }
}
}  // namespace

bool Profile::operator==(const Profile& o) const {
    for (const auto& info : biomech::measure_table())
        if (!same(measurements.*info.value, o.measurements.*info.value)) return false;
    return patient == o.patient && notes == o.notes && posture == o.posture && annotations == o.annotations && conditions == o.conditions &&
           saved_at == o.saved_at && radiograph == o.radiograph;
}

std::string now_iso8601() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

void clamp_text(std::string& text, std::size_t limit) {
    if (text.size() <= limit) return;
    std::size_t end = limit;
    // Back to the first byte of the character the limit falls in (continuation bytes: 10xxxxxx).
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
    text.resize(end);
}

std::string serialize_profile(const Profile& p) {
    core::Json j;
    j["format"] = "anatomy-profile";
    j["version"] = profile_version;
    j["patient"] = p.patient;
    j["notes"] = p.notes;
    j["saved_at"] = p.saved_at;
    core::Json groups;
    for (auto g : biomech::all_posture_groups) groups[biomech::posture_group_id(g)] = p.posture[g];
    core::Json muscles = core::Json::array();  // a list keeps the order, so a round trip is exact
    for (const auto& [id, v] : p.posture.muscle_tightness) muscles.push_back({{"id", id}, {"tightness", v}});
    j["posture"] = {{"groups", groups}, {"muscles", muscles}};
    core::Json measures = core::Json::object();
    for (const auto& info : biomech::measure_table()) measures[info.key] = p.measurements.*info.value;
    j["measurements"] = measures;
    core::Json notes = core::Json::array();
    for (const auto& a : p.annotations)
        notes.push_back({{"target", a.target == Annotation::Target::muscle ? "muscle" : "bone"}, {"id", a.id}, {"text", a.text}});
    j["annotations"] = notes;
    j["conditions"] = p.conditions;
    if (p.radiograph) {
        const LandmarksFile& l = p.radiograph->landmarks;
        core::Json points = core::Json::object();
        for (const auto& [name, xy] : l.points_px) points[name] = {xy.x, xy.y};
        core::Json measured = core::Json::object();  // for reference: they follow from the points
        try {
            const auto m = biomech::measure_landmarks(to_sagittal(l));
            for (const auto& info : biomech::measure_table())
                if (const auto v = m.get(info.key)) measured[info.key] = *v;
        } catch (const core::Error&) {}
        core::Json r = {{"image", l.image},
                        {"facing", l.facing == LandmarksFile::Facing::left ? "left" : "right"},
                        {"points_px", points},
                        {"measures", measured}};
        if (l.scale_length_mm) r["scale_length_mm"] = *l.scale_length_mm;
        if (const auto& f = p.radiograph->fit) {
            core::Json fs;
            for (auto g : biomech::all_posture_groups) fs[biomech::posture_group_id(g)] = f->settings[g];
            r["fit"] = {{"pattern", f->pattern},
                        {"settings", fs},
                        {"residual_pelvic_tilt_deg", f->residual_pelvic_tilt_deg},
                        {"residual_lumbar_lordosis_deg", f->residual_lumbar_lordosis_deg}};
        }
        j["radiograph"] = r;
    }
    return j.dump(2) + "\n";
}

Profile parse_profile(const std::string& text, const std::string& file) {
    if (text.size() > max_profile_bytes) throw core::Error(file + ": too large for a profile (" + std::to_string(text.size()) + " bytes)");
    core::JsonReader r(file, text);
    auto root = r.root();
    Profile p;
    if (!root.is_object()) {
        root.problem("expected a profile object");
        r.finish();
    }
    if (root["format"].string() != "anatomy-profile") root["format"].problem("not an anatomy profile (expected \"anatomy-profile\")");
    const int version = root["version"].integer(1, 1000000, profile_version);
    if (version > profile_version)
        throw core::Error(file + ": made by a newer version of Anatomy (profile version " + std::to_string(version) + "; this app reads up to " +
                          std::to_string(profile_version) + "); update the app to open it");
    auto text_field = [&](const core::JsonNode& n, std::size_t limit) {
        std::string s = n.string();
        if (s.size() > limit) {
            n.problem("text longer than " + std::to_string(limit) + " characters");
            s.resize(limit);
        }
        return s;
    };
    p.patient = text_field(root["patient"], max_patient_chars);
    p.notes = text_field(root["notes"], max_note_chars);
    p.saved_at = text_field(root["saved_at"], 64);
    auto posture = root["posture"];
    read_groups(posture["groups"], p.posture);
    const auto muscle_items = posture["muscles"].items();
    if (muscle_items.size() > 200) posture["muscles"].problem("more than 200 muscles");
    for (std::size_t i = 0; i < muscle_items.size() && i < 200; ++i) {
        const auto& v = muscle_items[i];
        const std::string id = text_field(v["id"], 64);
        if (v.has("id") && id.empty()) v["id"].problem("must name a muscle");
        p.posture.muscle_tightness.emplace_back(id, static_cast<float>(v["tightness"].number(0.0, 100.0)));
    }
    auto m = root["measurements"];
    for (const auto& info : biomech::measure_table()) p.measurements.*info.value = static_cast<float>(m[info.key].number(-360.0, 360.0));
    const auto items = root["annotations"].items();
    if (items.size() > max_annotations) root["annotations"].problem("more than " + std::to_string(max_annotations) + " notes");
    for (std::size_t i = 0; i < items.size() && i < max_annotations; ++i) {
        const auto& a = items[i];
        Annotation an;
        an.target = a["target"].string_one_of({"muscle", "bone"}, "muscle") == "bone" ? Annotation::Target::bone : Annotation::Target::muscle;
        an.id = text_field(a["id"], 64);
        an.text = text_field(a["text"], max_annotation_chars);
        if (a.has("id") && an.id.empty()) a["id"].problem("must name a muscle or bone");
        p.annotations.push_back(std::move(an));
    }
    if (root.has("conditions")) {
        const anim::Safety& safety = anim::default_safety();
        for (const auto& c : root["conditions"].items()) {
            const std::string id = text_field(c, 64);
            if (!c.is_string()) continue;
            if (!safety.find(id)) {
                std::string known;
                for (const auto& k : safety.condition_ids()) known += (known.empty() ? "" : ", ") + k;
                c.problem("unknown condition \"" + id + "\" (known: " + known + ")");
            } else if (std::find(p.conditions.begin(), p.conditions.end(), id) == p.conditions.end()) {
                p.conditions.push_back(id);
            }
        }
    }
    if (root.has("radiograph")) {
        const auto rg = root["radiograph"];
        if (rg.is_object()) {
            core::check_keys(rg, {"image", "facing", "points_px", "scale_length_mm", "measures", "fit"});
            PatientRadiograph pr;
            pr.landmarks = read_landmarks(rg);
            if (rg.has("fit")) {
                const auto f = rg["fit"];
                RadiographFit fit;
                fit.pattern = text_field(f["pattern"], 64);
                read_groups(f["settings"], fit.settings);
                fit.residual_pelvic_tilt_deg = static_cast<float>(f["residual_pelvic_tilt_deg"].number(-360.0, 360.0));
                fit.residual_lumbar_lordosis_deg = static_cast<float>(f["residual_lumbar_lordosis_deg"].number(-360.0, 360.0));
                pr.fit = fit;
            }
            p.radiograph = std::move(pr);
        } else {
            rg.problem("expected an object: the image, its facing and its points");
        }
    }
    r.finish();
    return p;
}

Profile load_profile(const core::fs::path& path) {
    std::error_code ec;
    const auto size = core::fs::file_size(path, ec);
    if (!ec && size > max_profile_bytes) throw core::Error(path.string() + ": too large for a profile");
    return parse_profile(core::read_file(path), path.string());
}

void save_profile(const Profile& p, const core::fs::path& path) { core::write_file_atomic(path, serialize_profile(p)); }

}  // namespace scene
