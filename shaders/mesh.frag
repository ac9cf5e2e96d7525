#version 330 core
// mesh.frag: the key light (wrapped diffuse and a soft highlight) and optional fibre striations
// per pixel; premultiplied sRGB out. Material differences come in as uniforms, not branches, so
// every material costs the same few instructions.
#include "common.glsl"
#include "key_light.glsl"

in vec4 v_albedo_alpha;
in vec4 v_soft_light;
in vec3 v_normal;
in vec3 v_half;

uniform vec3 u_key_dir;
uniform vec4 u_material;         // wrap, specular strength, rim strength, occlusion strength
uniform float u_fibres;          // 0..1: striation contrast (muscles); fibres run along uv.y

out vec4 frag_color;

void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;      // open or inside-out meshes still shade sensibly

    // Fine stripes around the belly (uv.x) make the fibre direction visible.
    float stripe = abs(fract(v_soft_light.w * 26.0) - 0.5) * 2.0;
    vec3 albedo = v_albedo_alpha.rgb * (1.0 - u_fibres * 0.24 * stripe * stripe);

    // The interpolated half vector is close enough to unit.
    vec3 color = v_soft_light.rgb + key_light(albedo, n, v_half, u_key_dir, u_material);
    frag_color = encode_output(color, v_albedo_alpha.a);
}
