#version 330 core
// background.frag: a calm vertical gradient with a faint vignette (sRGB out).
in vec2 v_uv;
uniform float u_aspect;
out vec4 frag_color;
void main() {
    vec3 top = vec3(0.205, 0.225, 0.255);
    vec3 bottom = vec3(0.095, 0.102, 0.115);
    vec3 c = mix(bottom, top, smoothstep(0.0, 1.0, v_uv.y));
    vec2 d = (v_uv - 0.5) * vec2(u_aspect, 1.0);
    c *= 1.0 - 0.22 * smoothstep(0.35, 1.1, length(d));
    // Ordered (4x4 Bayer) dithering hides 8-bit banding and, unlike noise, keeps PNGs small.
    const float bayer[16] = float[](0.0, 8.0, 2.0, 10.0, 12.0, 4.0, 14.0, 6.0, 3.0, 11.0, 1.0, 9.0, 15.0, 7.0, 13.0, 5.0);
    ivec2 q = ivec2(gl_FragCoord.xy) & 3;
    float dither = (bayer[q.y * 4 + q.x] + 0.5) / 16.0 - 0.5;
    frag_color = vec4(c + dither / 255.0, 1.0);
}
