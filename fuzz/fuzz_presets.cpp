// Posture presets (assets/posture/presets.json).
#include "fuzz_common.hpp"

#include "biomech/presets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)biomech::load_presets(fuzz::text(data, size), "fuzz.json");
    } catch (const core::Error&) {}
    return 0;
}
