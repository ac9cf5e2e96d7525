#include "scene/autosave.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

#include <system_error>

namespace scene {

bool same_work(const Profile& a, const Profile& b) {
    return a.patient == b.patient && a.notes == b.notes && a.posture == b.posture && a.annotations == b.annotations && a.conditions == b.conditions &&
           a.radiograph == b.radiograph;
}

core::fs::path default_autosave_path() { return core::state_dir() / "autosave.json"; }

std::string serialize_autosave(const AutosaveRecord& record) {
    core::Json j;
    j["format"] = "anatomy-autosave";
    j["version"] = 1;
    j["written_at"] = record.written_at;
    j["profile_path"] = record.profile_path;
    j["profile"] = core::Json::parse(serialize_profile(record.profile));
    return j.dump(2) + "\n";
}

AutosaveRecord parse_autosave(const std::string& text, const std::string& file) {
    if (text.size() > max_profile_bytes + 64 * 1024) throw core::Error(file + ": too large for an autosave");
    core::JsonReader r(file, text);
    auto root = r.root();
    if (!root.is_object()) {
        root.problem("expected an autosave object");
        r.finish();
    }
    if (root["format"].string() != "anatomy-autosave") root["format"].problem("not an anatomy autosave (expected \"anatomy-autosave\")");
    root["version"].integer(1, 1, 1);
    AutosaveRecord rec;
    rec.written_at = root["written_at"].string();
    rec.profile_path = root["profile_path"].string();
    const auto profile = root["profile"];
    r.finish();
    rec.profile = parse_profile(profile.raw()->dump(), file + " (profile)");
    return rec;
}

std::optional<AutosaveRecord> read_autosave(const core::fs::path& path) {
    std::error_code ec;
    if (!core::fs::exists(path, ec)) return std::nullopt;
    return parse_autosave(core::read_file(path), path.string());
}

Autosaver::Autosaver(core::fs::path path, double interval_s) : path_(std::move(path)), interval_s_(interval_s) {}

bool Autosaver::update(const std::string& profile_path, const Profile& work, bool unsaved, double now_s) {
    if (paused_) return false;
    if (!unsaved) {
        pending_ = false;
        if (!written_) return false;
        discard();  // the work is in its file now
        return true;
    }
    const bool changed = !last_ || !same_work(*last_, work) || last_path_ != profile_path;
    if (changed) pending_ = true;
    if (!pending_ || now_s - last_write_s_ < interval_s_) return false;
    last_write_s_ = now_s;  // also paces the retries after a failure
    AutosaveRecord rec{profile_path, work, now_iso8601()};
    try {
        core::write_file_atomic(path_, serialize_autosave(rec));
        last_ = work;
        last_path_ = profile_path;
        written_ = true;
        pending_ = false;
        last_error_.clear();
    } catch (const core::Error& e) {
        last_error_ = std::string("Could not keep a copy of unsaved work: ") + e.what();
    }
    return true;
}

double Autosaver::seconds_until_due(double now_s) const {
    if (paused_ || !pending_) return -1.0;
    return std::max(0.0, last_write_s_ + interval_s_ - now_s);
}

void Autosaver::discard() {
    std::error_code ec;
    core::fs::remove(path_, ec);
    written_ = false;
    pending_ = false;
    last_.reset();
    last_path_.clear();
}

}  // namespace scene
