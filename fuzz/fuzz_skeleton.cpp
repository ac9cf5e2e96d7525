// The skeleton's input data (assets/skeleton/skeleton.json).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)anat::build_skeleton(fuzz::text(data, size), "fuzz.json", {});
    } catch (const core::Error&) {}
    return 0;
}
