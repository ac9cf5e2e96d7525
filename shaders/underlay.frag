#version 330 core
// underlay.frag: the picture at its opacity over the backdrop.
in vec2 v_uv;
uniform sampler2D u_image;
uniform float u_opacity;
out vec4 frag_color;
void main() {
    vec4 c = texture(u_image, v_uv);
    frag_color = vec4(c.rgb, c.a * u_opacity);
}
