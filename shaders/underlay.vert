#version 330 core
// underlay.vert: a picture behind the model, a quad given by its four corners in the world
// (top-left, top-right, bottom-right, bottom-left); no vertex buffer needed.
uniform mat4 u_view_proj;
uniform vec3 u_corners[4];
out vec2 v_uv;
void main() {
    // Strip order: top-left, bottom-left, top-right, bottom-right.
    const int corner[4] = int[](0, 3, 1, 2);
    const vec2 uv[4] = vec2[](vec2(0.0, 0.0), vec2(0.0, 1.0), vec2(1.0, 0.0), vec2(1.0, 1.0));
    v_uv = uv[gl_VertexID];
    gl_Position = u_view_proj * vec4(u_corners[corner[gl_VertexID]], 1.0);
}
