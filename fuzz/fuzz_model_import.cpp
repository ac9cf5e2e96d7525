// The model-import wrapper (File > Open model, `--model`): Assimp guesses the format.
#include "fuzz_common.hpp"

#include "assets/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    // The first byte picks the format hint, so the fuzzer explores several importers.
    static const char* hints[] = {"glb", "gltf", "obj", "fbx", "ply", "stl"};
    const char* hint = hints[data[0] % 6];
    try {
        (void)assets::load_model_from_memory(fuzz::text(data + 1, size - 1), hint, "fuzz");
    } catch (const core::Error&) {}
    return 0;
}
