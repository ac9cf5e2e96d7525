// anim/safety.hpp: safety content for the stretch library, as data (assets/safety/safety.json).
//
// File format ("format": "anatomy-safety-1"):
//   rule        the app-wide rule shown with every stretch (mild discomfort fine; sharp pain,
//               tingling, numbness or pain spreading down a leg means stop)
//   rule_short  the same in a caption's length (video export)
//   red_flags   {intro, items: [...], source}: signs that need a clinician before exercise
//   conditions  [{id, name, description, source, every_stretch?: {action, text}}]: the fixed set
//               of conditions a clip's precautions and a patient profile name; every_stretch is
//               a precaution that applies to every clip (recent injury or surgery: ask first)
// A clip lists its own precautions ({condition, action: skip|modify|ask, text}); suitability()
// combines them with the conditions' every_stretch entries for one patient.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anim {

enum class PrecautionAction { skip, modify, ask };
const char* to_string(PrecautionAction a);
std::optional<PrecautionAction> parse_precaution_action(std::string_view s);

struct Precaution {
    std::string condition;  // a Condition id
    PrecautionAction action = PrecautionAction::ask;
    std::string text;  // what to do, for the patient
    bool operator==(const Precaution&) const = default;
};

struct Condition {
    std::string id, name, description, source;
    std::optional<Precaution> every_stretch;  // applies to every clip (condition == id)
};

struct Safety {
    std::string rule, rule_short;
    std::string red_flags_intro, red_flags_source;
    std::vector<std::string> red_flags;
    std::vector<Condition> conditions;

    const Condition* find(std::string_view id) const;
    std::vector<std::string> condition_ids() const;
};

// Parses and validates safety.json; throws core::Error "file: /path: what" listing every problem.
Safety parse_safety(const std::string& json_text, const std::string& file);
// assets/safety/safety.json, read once per process; throws core::Error if missing or invalid.
const Safety& default_safety();

// What one patient's conditions mean for one clip. A clip does not suit while any precaution
// that applies says skip or ask (ask: only after the clinician agrees); modify leaves it
// suitable, with the modification in `because`.
struct Suitability {
    bool suitable = true;
    std::vector<Precaution> because;  // the precautions that apply, clip's first
};
Suitability suitability(const std::vector<Precaution>& clip_precautions, const Safety& safety, const std::vector<std::string>& conditions);

}  // namespace anim
