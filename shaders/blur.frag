#version 330 core
// blur.frag: one direction of a separable Gaussian over the contact-shadow map (11 taps, one
// texel apart, sigma 1.9 texels: a soft penumbra about 6 cm wide at the map's 3 cm texels).
// Texel fetches, not filtered reads: on a software rasteriser a filtered read costs several
// fetches, and the taps land on texel centres anyway.
uniform sampler2D u_source;
uniform ivec2 u_step;  // (1, 0) or (0, 1)
out vec4 frag_color;
void main() {
    const float weights[6] = float[](0.2106, 0.1834, 0.1211, 0.0607, 0.0230, 0.0065);
    ivec2 p = ivec2(gl_FragCoord.xy);  // drawn at the source's size, so pixel = texel
    ivec2 last = textureSize(u_source, 0) - 1;
    float sum = texelFetch(u_source, p, 0).r * weights[0];
    for (int i = 1; i < 6; ++i) {
        sum += texelFetch(u_source, clamp(p + u_step * i, ivec2(0), last), 0).r * weights[i];
        sum += texelFetch(u_source, clamp(p - u_step * i, ivec2(0), last), 0).r * weights[i];
    }
    frag_color = vec4(sum, 0.0, 0.0, 1.0);
}
