// app/posture_options.hpp: the posture options shared by `anatomy posture` and `anatomy snapshot`:
// --preset NAME and --set GROUP=VALUE (repeatable). Bad values are usage errors (exit 2).
#pragma once

#include "biomech/posture.hpp"
#include "biomech/presets.hpp"
#include "core/json.hpp"

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace app {

struct PostureOptions {
    std::string preset;
    std::vector<std::string> sets;
    bool any() const { return !preset.empty() || !sets.empty(); }
    // The settings: the preset (or neutral), then each --set in order.
    biomech::PostureSettings settings() const;
};

void add_posture_options(CLI::App* sub, PostureOptions& o);

// What `posture --json` prints for a solved posture (its keys are a stable interface, shared by
// `fit --json`): the measures, convergence, the reading, the settings and per-muscle values.
core::Json posture_json(const anat::MuscleCatalogue& catalogue, const biomech::PostureSettings& settings, const biomech::PostureResult& r);

}  // namespace app
