#version 330 core
// floor.frag: a studio floor that fades into the background, a faint 10 cm grid, and the soft
// contact shadow sampled from the top-down occlusion texture. Premultiplied output.
in vec3 v_world;
uniform sampler2D u_shadow;
uniform vec4 u_shadow_rect;   // min x, min z, width, depth (metres)
uniform vec2 u_center;        // where the floor is brightest (under the subject)
uniform int u_transparent;    // 1: only the shadow (for compositing)
out vec4 frag_color;

float grid_line(vec2 p, float spacing, float width) {
    vec2 g = abs(fract(p / spacing - 0.5) - 0.5) * spacing;
    vec2 fw = fwidth(p);
    vec2 l = 1.0 - smoothstep(vec2(width) * 0.5, vec2(width) * 0.5 + fw, g);
    return max(l.x, l.y);
}

void main() {
    vec2 uv = (v_world.xz - u_shadow_rect.xy) / u_shadow_rect.zw;
    float occlusion = 0.0;
    if (all(greaterThanEqual(uv, vec2(0.0))) && all(lessThanEqual(uv, vec2(1.0))))
        occlusion = texture(u_shadow, uv).r;
    float shadow = clamp(occlusion * 0.85, 0.0, 0.85);

    float r = length(v_world.xz - u_center);
    float fade = 1.0 - smoothstep(1.2, 4.5, r);   // the floor dissolves into the backdrop

    if (u_transparent == 1) {
        float a = shadow * 0.75;
        frag_color = vec4(0.0, 0.0, 0.0, a);
        return;
    }
    vec3 base = vec3(0.235, 0.245, 0.262);
    float grid = grid_line(v_world.xz, 0.1, 0.004) * 0.05 + grid_line(v_world.xz, 1.0, 0.008) * 0.08;
    vec3 c = base * (1.0 + grid) * (1.0 - shadow);
    float a = fade * 0.9 + shadow * fade * 0.1;
    frag_color = vec4(c * a, a);
}
