// scene/props.hpp: the stretch props drawn simply: boxes for the mat, step, table and wall, a
// thick line for the strap (one box mesh the renderer keeps; no GL context needed).
#pragma once

#include "scene/stretch_state.hpp"

namespace scene {

class PropRenderer {
public:
    PropRenderer();
    // Appends the props as draw items (pickable as nothing) and, where the frame's shadow comes
    // from stand-ins, as shadow casters too; the strap becomes a depth-tested polyline.
    void append(gfx::FrameDesc& frame, std::span<const StretchState::PropBox> boxes, std::span<const glm::vec3> strap) const;

private:
    gfx::CpuMesh cube_;  // unit half-extent box
};

}  // namespace scene
