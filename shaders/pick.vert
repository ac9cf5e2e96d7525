#version 330 core
// pick.vert: positions only, for the id pass; the id comes from the item or from each vertex.
layout(location = 0) in vec3 a_position;
layout(location = 4) in uint a_id;
uniform mat4 u_view_proj;
uniform mat4 u_model;
uniform uint u_id;
uniform int u_per_vertex_ids;
uniform int u_hide_arms;  // as mesh_vertex.glsl: hidden arm bones are not picked
flat out uint v_id;
void main() {
    v_id = u_per_vertex_ids == 1 ? (a_id & 0xFFFFFu) : u_id;
    gl_Position = u_view_proj * u_model * vec4(a_position, 1.0);
    if (u_hide_arms == 1 && (a_id & 0x200000u) != 0u) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
}
