// Landmarks files (anatomy-landmarks-1), read and measured as `anatomy measure-image` does.
#include "fuzz_common.hpp"

#include "biomech/radiograph.hpp"
#include "scene/landmarks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const scene::LandmarksFile f = scene::parse_landmarks(fuzz::text(data, size), "fuzz.json");
        scene::check_points_inside(f, 1000, 800, "fuzz.json");
        const auto points = scene::to_sagittal(f);
        (void)biomech::measure_landmarks(points);
        biomech::check_upright_facing(points);
    } catch (const core::Error&) {}
    return 0;
}
