#version 330 core
// shadow.vert: geometry seen from above for the contact shadow.
layout(location = 0) in vec3 a_position;
uniform mat4 u_view_proj;
uniform mat4 u_model;
uniform float u_floor_y;
out float v_height;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_height = world.y - u_floor_y;
    gl_Position = u_view_proj * world;
}
