#version 330 core
// floor.vert: the ground plane and the shadow quad on it.
layout(location = 0) in vec3 a_position;
layout(location = 2) in vec2 a_uv;
uniform mat4 u_view_proj;
uniform mat4 u_model;
out vec3 v_world;
out vec2 v_uv;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
    v_uv = a_uv;
    gl_Position = u_view_proj * world;
}
