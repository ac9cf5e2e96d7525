// The viewer's settings file (~/.config/anatomy/settings.json).
#include "fuzz_common.hpp"

#include "ui/settings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> problems;
    const ui::Settings s = ui::parse_settings(fuzz::text(data, size), "fuzz.json", problems);
    (void)ui::serialize_settings(s);
    return 0;
}
