// anatomy measure-image LANDMARKS.json [--json]: the spinopelvic angles a landmarks file's points
// define (pelvic incidence, pelvic tilt, sacral slope, L1-S1 lordosis, ASIS-PSIS tilt), with the
// meanings and signs of `posture --json`. The image the file names, when present, is checked:
// a PNG or JPEG, every point inside it.
#include "command.hpp"

#include "biomech/measures.hpp"
#include "biomech/radiograph.hpp"
#include "core/error.hpp"
#include "core/files.hpp"
#include "core/json.hpp"
#include "gfx/image.hpp"
#include "scene/landmarks.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace {

struct Options {
    std::string file;
    bool json = false;
};

double tidy(float v) { return std::round(static_cast<double>(v) * 100.0) / 100.0; }

int run(const Options& o) {
    const scene::LandmarksFile landmarks = scene::parse_landmarks(core::read_file(o.file), o.file);
    // The image, relative to the landmarks file: when it is there, the points must lie on it.
    const core::fs::path image = core::fs::path(o.file).parent_path() / landmarks.image;
    std::error_code ec;
    bool checked = false;
    if (!landmarks.image.empty() && core::fs::exists(image, ec)) {
        const gfx::ImageSize size = gfx::read_image_size(image);
        scene::check_points_inside(landmarks, size.width, size.height, o.file);
        checked = true;
    }
    const biomech::SagittalLandmarks points = scene::to_sagittal(landmarks);
    biomech::LandmarkMeasures m;
    try {
        m = biomech::measure_landmarks(points);
        biomech::check_upright_facing(points);
    } catch (const core::Error& e) {
        throw core::Error(o.file + ": " + e.what());
    }
    const std::vector<std::string> undefined = biomech::undefined_measures(points);
    bool any = false;
    for (const auto& info : biomech::measure_table()) any = any || m.get(info.key).has_value();
    if (!any) {
        std::string needs;
        for (const auto& u : undefined) needs += "\n  " + u;
        throw core::Error(o.file + ": the points define no measure:" + needs);
    }
    if (o.json) {
        core::Json j;
        for (const auto& info : biomech::measure_table())
            if (const auto v = m.get(info.key)) j[info.key] = tidy(*v);
        j["undefined"] = undefined;
        j["image"] = landmarks.image;
        j["image_checked"] = checked;
        j["facing"] = landmarks.facing == scene::LandmarksFile::Facing::left ? "left" : "right";
        std::cout << j.dump(2) << "\n";
        return app::exit_ok;
    }
    for (const auto& info : biomech::measure_table()) {
        const auto v = m.get(info.key);
        if (!v) continue;
        std::string note = info.sign;
        if (info.typical[0]) note += std::string(note.empty() ? "" : ", ") + info.typical;
        std::printf("%-26s %6.1f deg%s\n", info.label, static_cast<double>(*v), note.empty() ? "" : ("  (" + note + ")").c_str());
    }
    if (m.pelvic_incidence_deg && m.pelvic_tilt_deg && m.sacral_slope_deg)
        std::printf("PI = PT + SS: %.1f = %.1f + %.1f\n", static_cast<double>(*m.pelvic_incidence_deg), static_cast<double>(*m.pelvic_tilt_deg),
                    static_cast<double>(*m.sacral_slope_deg));
    for (const auto& u : undefined) std::printf("Not measured: %s\n", u.c_str());
    if (!checked)
        std::fprintf(stderr, "note: the image \"%s\" was not found next to %s, so the points were not checked against it\n", landmarks.image.c_str(),
                     o.file.c_str());
    return app::exit_ok;
}

const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
    auto* sub = cli.add_subcommand(
        "measure-image", "Measure pelvic incidence, tilt, sacral slope and lordosis from landmarks placed on a lateral radiograph or photo");
    auto o = std::make_shared<Options>();
    sub->add_option("landmarks", o->file, "A landmarks file (format anatomy-landmarks-1): pixel points on the image, and the side the patient faces")
        ->required()
        ->check(CLI::ExistingFile);
    sub->add_flag("--json", o->json, "Print JSON: the defined measures (keys as in posture --json), the undefined ones and what they need");
    return {sub, [o] { return run(*o); }};
});

}  // namespace
