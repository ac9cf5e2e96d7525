#version 330 core
// mesh.vert: every lit mesh (bones, muscles, skin, props, imported models) drawn with the key
// light per pixel (mesh.frag). The low-frequency light is computed here per vertex. Few
// varyings: a software rasteriser pays per interpolated float.
#include "common.glsl"
#include "mesh_vertex.glsl"

out vec4 v_albedo_alpha;         // linear albedo, opacity
out vec4 v_soft_light;           // ambient + fill + rim + glow (linear); w: fibre coordinate
out vec3 v_normal;
out vec3 v_half;                 // key-light half vector

void main() {
    SurfaceVertex s = surface_vertex();
    v_albedo_alpha = s.albedo_alpha;
    v_soft_light = s.soft_light;
    v_normal = s.normal;
    v_half = s.half_vec;
}
