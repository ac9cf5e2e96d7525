#version 330 core
// floor_shadow.frag: the soft contact shadow, sampled from the top-down occlusion texture.
// Output alpha darkens the destination (blend ZERO, ONE_MINUS_SRC_ALPHA) and, on a transparent
// background, becomes the shadow's own opacity.
// The quad covers only the part of the map that holds shadow; the map spans u_shadow_rect.
in vec3 v_world;
uniform sampler2D u_shadow;
uniform float u_strength;
uniform vec4 u_shadow_rect;  // the map's floor rectangle: min x, min z, width, depth (metres)
out vec4 frag_color;
void main() {
    vec2 uv = (v_world.xz - u_shadow_rect.xy) / u_shadow_rect.zw;
    float occlusion = texture(u_shadow, uv).r;
    // Fade to nothing at the texture's border so the quad's edge never shows.
    vec2 e = min(uv, 1.0 - uv);
    float border = smoothstep(0.0, 0.08, min(e.x, e.y));
    frag_color = vec4(0.0, 0.0, 0.0, clamp(occlusion * u_strength, 0.0, 0.9) * border);
}
