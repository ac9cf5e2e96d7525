#version 330 core
// mesh.frag: the key light (wrapped diffuse and a soft highlight) and optional fibre striations;
// premultiplied sRGB out. Material differences come in as uniforms, not branches, so every
// material costs the same few instructions.
#include "common.glsl"

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
    float wrap = u_material.x;

    // Fine stripes around the belly (uv.x) make the fibre direction visible.
    float stripe = abs(fract(v_soft_light.w * 26.0) - 0.5) * 2.0;
    vec3 albedo = v_albedo_alpha.rgb * (1.0 - u_fibres * 0.24 * stripe * stripe);

    const vec3 key = vec3(1.0, 0.97, 0.92) * 1.6;
    float diffuse = max((dot(n, u_key_dir) + wrap) / (1.0 + wrap), 0.0);
    float s = max(dot(n, v_half), 0.0);  // the interpolated half vector is close enough to unit
    s *= s; s *= s; s *= s; s *= s;      // s^16 without pow()
    vec3 color = v_soft_light.rgb + albedo * key * diffuse + key * (u_material.y * s);

    color = to_srgb(tone_map(color * 1.25));  // 1.25: exposure
    float a = v_albedo_alpha.a;
    frag_color = vec4(color * a, a);
}
