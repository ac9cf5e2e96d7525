#version 330 core
// floor_shadow.frag: the soft contact shadow, sampled from the top-down occlusion texture.
// Output alpha darkens the destination (blend ZERO, ONE_MINUS_SRC_ALPHA) and, on a transparent
// background, becomes the shadow's own opacity.
in vec3 v_world;
uniform sampler2D u_shadow;
uniform float u_strength;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    float occlusion = texture(u_shadow, v_uv).r;
    // Fade to nothing at the texture's border so the quad's edge never shows.
    vec2 e = min(v_uv, 1.0 - v_uv);
    float border = smoothstep(0.0, 0.08, min(e.x, e.y));
    frag_color = vec4(0.0, 0.0, 0.0, clamp(occlusion * u_strength, 0.0, 0.9) * border);
}
