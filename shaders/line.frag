#version 330 core
// line.frag: flat colour (straight alpha; blended SRC_ALPHA over the premultiplied scene).
in vec4 v_color;
out vec4 frag_color;
void main() { frag_color = v_color; }
