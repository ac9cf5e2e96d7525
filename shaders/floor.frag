#version 330 core
// floor.frag: a studio floor that fades into the backdrop, with a faint 10 cm and 1 m grid.
// Drawn into the cached backdrop, so its cost is paid only when the camera moves.
in vec3 v_world;
uniform vec2 u_center;        // where the floor is brightest (under the subject)
out vec4 frag_color;

float grid_line(vec2 p, float spacing, float width) {
    vec2 g = abs(fract(p / spacing - 0.5) - 0.5) * spacing;
    vec2 fw = fwidth(p);
    vec2 l = 1.0 - smoothstep(vec2(width) * 0.5, vec2(width) * 0.5 + fw, g);
    return max(l.x, l.y);
}

void main() {
    float r = length(v_world.xz - u_center);
    float fade = 1.0 - smoothstep(1.2, 4.5, r);   // the floor dissolves into the backdrop
    vec3 base = vec3(0.235, 0.245, 0.262);
    float grid = grid_line(v_world.xz, 0.1, 0.004) * 0.05 + grid_line(v_world.xz, 1.0, 0.008) * 0.08;
    float a = fade * 0.9;
    frag_color = vec4(base * (1.0 + grid) * a, a);
}
