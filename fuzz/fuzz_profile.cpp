// Patient profiles (File > Open patient profile, `snapshot --profile`).
#include "fuzz_common.hpp"

#include "scene/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const scene::Profile p = scene::parse_profile(fuzz::text(data, size), "fuzz.json");
        // Whatever parses must survive a round trip unchanged.
        if (!(scene::parse_profile(scene::serialize_profile(p), "again.json") == p)) __builtin_trap();
    } catch (const core::Error&) {}
    return 0;
}
