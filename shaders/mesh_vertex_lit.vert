#version 330 core
// mesh_vertex_lit.vert: the whole light per vertex, for meshes whose triangles cover only a few
// pixels on screen (bones and skin in a whole-body view). There the per-pixel key light looks
// the same, and a software rasteriser spends most of a frame shading pixels.
#include "common.glsl"
#include "mesh_vertex.glsl"
#include "key_light.glsl"

out vec4 v_color;  // premultiplied output colour

void main() {
    SurfaceVertex s = surface_vertex();
    v_color = encode_output(s.soft_light.rgb + key_light(s.albedo_alpha.rgb, s.normal, s.half_vec, u_key_dir, u_material),
                            s.albedo_alpha.a);
}
