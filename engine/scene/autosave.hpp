// scene/autosave.hpp: unsaved work kept safe. The viewer keeps a copy of the open profile and its
// unsaved changes in the user's state folder, written atomically a few seconds after a change;
// after a crash the next start offers it back, and a clean exit or an explicit discard removes it.
//
// File: $XDG_STATE_HOME/anatomy/autosave.json (core::state_dir()):
//   {"format": "anatomy-autosave", "version": 1, "written_at": ISO 8601, "profile_path": "" or the
//    file the work belongs to, "profile": {an anatomy-profile, as scene/profile.hpp writes it}}
#pragma once

#include "core/files.hpp"
#include "scene/profile.hpp"

#include <optional>
#include <string>

namespace scene {

struct AutosaveRecord {
    std::string profile_path;  // the profile file the work was opened from or saved to; empty if none yet
    Profile profile;           // the work as it stood: notes, pins, conditions, and the posture settings
    std::string written_at;    // ISO 8601, UTC
};

// The same work: what a user edits (patient, notes, posture, pins, conditions); the measurements
// and the save time follow from these.
bool same_work(const Profile& a, const Profile& b);

core::fs::path default_autosave_path();  // core::state_dir() / "autosave.json"

std::string serialize_autosave(const AutosaveRecord& record);
// Throws core::Error naming the file and the problem.
AutosaveRecord parse_autosave(const std::string& text, const std::string& file);
// nullopt when there is no file; throws core::Error when it cannot be read.
std::optional<AutosaveRecord> read_autosave(const core::fs::path& path);

// When to write. Call update() every frame (it is cheap when nothing changed); it writes when the
// work changed since the last write and `interval_s` has passed since then, and removes the file
// once the work is saved (nothing unsaved). A failed write is kept in last_error() and retried
// at the next interval; it never throws.
class Autosaver {
public:
    explicit Autosaver(core::fs::path path, double interval_s = 2.0);

    // `unsaved`: the work differs from the file it belongs to (or from a fresh start).
    // Returns true when it wrote or removed the file this call.
    bool update(const std::string& profile_path, const Profile& work, bool unsaved, double now_s);
    // Seconds until a pending write is due (0 = now), or a negative value when none is pending.
    double seconds_until_due(double now_s) const;
    // Removes the file and forgets the last write (a clean exit, or "Discard").
    void discard();
    // While paused (the restore question is open) nothing is written or removed.
    void set_paused(bool paused) { paused_ = paused; }

    const core::fs::path& path() const { return path_; }
    bool file_written() const { return written_; }
    const std::string& last_error() const { return last_error_; }

private:
    core::fs::path path_;
    double interval_s_;
    bool paused_ = false;
    bool written_ = false;         // the file holds the work as of last_ (this run wrote it)
    std::optional<Profile> last_;  // the work as last written
    std::string last_path_;
    double last_write_s_ = -1e9;
    bool pending_ = false;
    std::string last_error_;
};

}  // namespace scene
