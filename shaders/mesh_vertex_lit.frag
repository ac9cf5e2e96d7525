#version 330 core
// mesh_vertex_lit.frag: the colour lit per vertex (mesh_vertex_lit.vert), interpolated.
in vec4 v_color;
out vec4 frag_color;

void main() { frag_color = v_color; }
