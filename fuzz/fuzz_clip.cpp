// Stretch clips (assets/stretches/*.json): parsing and validation, and for clips that pass, the
// mirror image and the motion itself (sampling, contacts, inverse kinematics, floor) at a few
// times, which must stay finite.
#include "fuzz_common.hpp"

#include "anim/clip.hpp"
#include "anim/sampler.hpp"

#include <cmath>
#include <cstdlib>

namespace {
const anim::Rig& rig() {
    static const anim::Rig r = anim::load_default_rig(fuzz::skeleton());
    return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const anim::Clip clip = anim::parse_clip(rig(), fuzz::text(data, size), "fuzz.json");
        const anim::Clip mirrored = anim::mirror_clip(rig(), clip);
        anim::Frame f;
        for (const anim::Clip* c : {&clip, &mirrored})
            for (float u : {0.0f, 0.37f, 1.0f}) {
                anim::evaluate(rig(), *c, u * c->duration_s(), f);
                for (const auto& w : f.world_from_bone)
                    if (!std::isfinite(w.translation.x) || !std::isfinite(w.translation.y) || !std::isfinite(w.translation.z)) std::abort();
            }
    } catch (const core::Error&) {}
    return 0;
}
