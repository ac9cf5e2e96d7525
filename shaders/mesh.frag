#version 330 core
// mesh.frag: studio lighting (hemisphere + key/fill/rim that follow the camera) with one
// shading model per material. Output is premultiplied sRGB.
#include "common.glsl"

in vec3 v_world;
in vec3 v_normal;
in vec2 v_uv;
in vec4 v_color;

uniform vec3 u_camera_pos;
uniform vec3 u_key_dir;
uniform vec3 u_fill_dir;
uniform vec3 u_rim_dir;
uniform vec4 u_color;            // linear tint (rgb) and opacity (a)
uniform int u_shading;           // gfx::Shading
uniform float u_highlight;       // selection glow 0..1
uniform vec3 u_highlight_color;  // sRGB

out vec4 frag_color;

const int BONE = 0, CARTILAGE = 1, MUSCLE = 2, SKIN = 3, PLAIN = 4, PROP = 5;

void main() {
    vec3 n = normalize(v_normal);
    vec3 v = normalize(u_camera_pos - v_world);
    if (!gl_FrontFacing) n = -n;  // open or inside-out imported meshes still shade sensibly
    float n_dot_v = max(dot(n, v), 0.0);

    vec3 albedo = to_linear(v_color.rgb) * u_color.rgb;
    float ao = v_color.a;                      // baked ambient occlusion (1 = open)
    float alpha = u_color.a;
    float wrap = 0.25, spec_strength = 0.08, shininess = 24.0, rim_strength = 0.25;

    if (u_shading == BONE) {
        wrap = 0.35; spec_strength = 0.06; shininess = 18.0; rim_strength = 0.22;
        albedo *= mix(0.78, 1.0, ao);          // cavities read darker, like aged ivory
    } else if (u_shading == CARTILAGE) {
        wrap = 0.5; spec_strength = 0.22; shininess = 48.0; rim_strength = 0.35;
    } else if (u_shading == MUSCLE) {
        wrap = 0.45; spec_strength = 0.12; shininess = 32.0; rim_strength = 0.3;
        // Fibres run along uv.y: fine striations around the belly make the direction visible.
        float fibres = 0.5 + 0.5 * sin(v_uv.x * 6.2831853 * 22.0 + sin(v_uv.y * 9.0) * 0.6);
        albedo *= mix(0.78, 1.06, smoothstep(0.2, 0.9, fibres));
    } else if (u_shading == SKIN) {
        wrap = 0.6; spec_strength = 0.05; shininess = 12.0; rim_strength = 0.6;
    } else if (u_shading == PROP) {
        wrap = 0.3; spec_strength = 0.03; shininess = 8.0; rim_strength = 0.1;
    }

    // Hemisphere ambient: cool sky above, warm bounce from the floor below.
    vec3 sky = vec3(0.46, 0.49, 0.55), ground = vec3(0.17, 0.155, 0.14);
    vec3 ambient = mix(ground, sky, 0.5 + 0.5 * n.y) * ao;

    vec3 key_color = vec3(1.00, 0.97, 0.92) * 1.6;
    vec3 fill_color = vec3(0.75, 0.82, 0.95) * 0.4;
    vec3 rim_color = vec3(0.9, 0.95, 1.0) * 0.8;

    vec3 diffuse = key_color * wrap_diffuse(n, u_key_dir, wrap) + fill_color * wrap_diffuse(n, u_fill_dir, wrap);
    vec3 h = normalize(u_key_dir + v);
    float spec = spec_strength * pow(max(dot(n, h), 0.0), shininess) * (shininess + 8.0) / 25.0;
    float rim = rim_strength * pow(1.0 - n_dot_v, 3.0) * max(dot(n, u_rim_dir) * 0.5 + 0.5, 0.0);

    vec3 color = albedo * (ambient + diffuse) + key_color * spec + rim_color * rim * mix(vec3(1.0), albedo * 2.0, 0.5);

    if (u_shading == SKIN) {
        // A silhouette shell: faint in the middle, clearer toward the outline.
        float edge = pow(1.0 - n_dot_v, 2.0);
        alpha *= mix(0.18, 1.0, edge);
    }

    if (u_highlight > 0.0) {
        float glow = pow(1.0 - n_dot_v, 2.0) * 0.9 + 0.18;
        color += to_linear(u_highlight_color) * glow * u_highlight;
    }

    color = to_srgb(tone_map(color * 1.25));  // exposure
    frag_color = vec4(color * alpha, alpha);  // premultiplied
}
