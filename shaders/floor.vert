#version 330 core
// floor.vert: the ground plane and the shadow quad on it; both shade from the world position.
layout(location = 0) in vec3 a_position;
uniform mat4 u_view_proj;
uniform mat4 u_model;
out vec3 v_world;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
    gl_Position = u_view_proj * world;
}
