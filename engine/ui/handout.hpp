// ui/handout.hpp: the printable patient handout (PDF, drawn with Cairo): page 1 shows the
// patient's posture in the model (a side view with the neutral ghost and the measurement lines,
// the measures with their typical ranges, the reading in plain words, the clinician's notes, the
// date, the model's assumption); then one part per chosen stretch (pictures at the set-up and at
// the hold from its teaching camera, the steps, cues, common mistakes, dosage, and the
// precautions for the patient's conditions), with the safety rule on every stretch page.
//
// Pictures are rendered offscreen (ui/snapshot.hpp) at print resolution; text is real text in
// embedded DejaVu fonts, so it can be searched and copied. The PDF is written atomically: a
// failure leaves nothing (and an existing file as it was).
#pragma once

#include "biomech/posture.hpp"
#include "core/files.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ui {

enum class Paper { a4, letter };

struct HandoutRequest {
    core::fs::path output;                  // the PDF
    std::optional<core::fs::path> profile;  // posture, notes, patient label and conditions
    biomech::PostureSettings posture;       // without a profile (neutral by default)
    // Stretch ids in the order printed; empty: handout_default_stretches().
    std::vector<std::string> stretches;
    Paper paper = Paper::a4;
    std::string date;            // as printed; empty: today (local time, YYYY-MM-DD)
    float picture_dpi = 220.0f;  // pictures at this resolution at their printed size
};

struct HandoutResult {
    int pages = 0;
    std::vector<std::string> stretches;  // the ids printed
};

// Throws core::Error naming the file and the problem (a missing or broken profile, an unknown
// stretch id, an unwritable path); nothing is written then.
HandoutResult write_handout(const HandoutRequest& request);

// One stretch for the hip flexors and one for the hamstrings: the easiest of each group that
// suits the conditions (none: any).
std::vector<std::string> handout_default_stretches(const std::vector<std::string>& conditions);

std::optional<Paper> parse_paper(const std::string& text);  // "a4" or "letter"

}  // namespace ui
