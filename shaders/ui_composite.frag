#version 330 core
// ui_composite.frag: the kept interface (premultiplied) laid over the 3D view, pixel for pixel.
uniform sampler2D u_kept;
out vec4 frag_color;
void main() { frag_color = texelFetch(u_kept, ivec2(gl_FragCoord.xy), 0); }
