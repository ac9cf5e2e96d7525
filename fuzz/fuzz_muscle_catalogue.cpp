// Muscle catalogues (assets/muscles/muscles.json and `anatomy validate FILE`).
#include "fuzz_common.hpp"

#include "anatomy/muscle_catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string t = fuzz::text(data, size);
    (void)anat::validate_muscle_catalogue(t, "fuzz.json", fuzz::skeleton());
    try {
        (void)anat::load_muscle_catalogue(t, "fuzz.json", fuzz::skeleton());
    } catch (const core::Error&) {}
    return 0;
}
