#version 330 core
// blur.frag: one direction of a separable Gaussian (13 taps, u_step apart: a wide, soft penumbra).
in vec2 v_uv;
uniform sampler2D u_source;
uniform vec2 u_step;
out vec4 frag_color;
void main() {
    float weights[7] = float[](0.1585, 0.1465, 0.1156, 0.0779, 0.0448, 0.0220, 0.0092);
    float sum = texture(u_source, v_uv).r * weights[0];
    for (int i = 1; i < 7; ++i) {
        sum += texture(u_source, v_uv + u_step * float(i)).r * weights[i];
        sum += texture(u_source, v_uv - u_step * float(i)).r * weights[i];
    }
    frag_color = vec4(sum, 0.0, 0.0, 1.0);
}
