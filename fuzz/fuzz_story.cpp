// Presentation stories (assets/story/*.json).
#include "fuzz_common.hpp"

#include "scene/story.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)scene::parse_story(fuzz::text(data, size), "fuzz.json");
    } catch (const core::Error&) {}
    return 0;
}
