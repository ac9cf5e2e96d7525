// Lateral images for the measuring window (PNG, JPEG), read as File > Measure a radiograph does:
// the header checks, then the decode.
#include "fuzz_common.hpp"

#include "core/files.hpp"
#include "gfx/image.hpp"

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const core::fs::path file = core::fs::temp_directory_path() / ("fuzz_image_" + std::to_string(::getpid()));
    try {
        core::write_file_atomic(file, fuzz::text(data, size));
        (void)gfx::read_image(file);
    } catch (const core::Error&) {}
    return 0;
}
