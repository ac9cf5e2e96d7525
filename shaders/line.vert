#version 330 core
// line.vert: thick screen-space lines. Each segment is a quad; this corner's end is a_position,
// the other end a_normal; a_uv.x is the signed half width in pixels.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in vec4 a_color;
uniform mat4 u_view_proj;
uniform vec2 u_viewport;
out vec4 v_color;
void main() {
    vec4 p = u_view_proj * vec4(a_position, 1.0);
    vec4 q = u_view_proj * vec4(a_normal, 1.0);
    // Keep both ends in front of the eye so the direction stays meaningful.
    p.w = max(p.w, 1e-4);
    q.w = max(q.w, 1e-4);
    vec2 ps = p.xy / p.w * u_viewport * 0.5;
    vec2 qs = q.xy / q.w * u_viewport * 0.5;
    vec2 d = qs - ps;
    float len = length(d);
    d = len > 1e-5 ? d / len : vec2(1.0, 0.0);
    vec2 side = vec2(-d.y, d.x) * a_uv.x;
    vec2 extend = -d * abs(a_uv.x) * 0.5;   // overlap joints a little so corners stay closed
    gl_Position = vec4((ps + side + extend) / (u_viewport * 0.5) * p.w, p.z, p.w);
    v_color = a_color;
}
