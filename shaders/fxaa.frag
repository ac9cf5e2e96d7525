#version 330 core
// fxaa.frag: fast approximate antialiasing on premultiplied sRGB.
// Finds the local edge direction from luma differences, then averages along the edge;
// falls back to the narrower average where the wide one overshoots the local luma range.
// The five neighbourhood reads are texel fetches: they land on texel centres, where a filtered
// read gives the same value at several times the cost on a software rasteriser. (llvmpipe runs
// both sides of a branch, so the flat-area early exit saves nothing there; it does on GPUs.)
uniform sampler2D u_source;
uniform vec2 u_texel;
out vec4 frag_color;

float luma(vec4 c) { return dot(c.rgb, vec3(0.299, 0.587, 0.114)) + c.a * 0.25; }

void main() {
    ivec2 p = ivec2(gl_FragCoord.xy);  // drawn at the source's size, so pixel = texel
    ivec2 last = textureSize(u_source, 0) - 1;
    vec2 uv = (vec2(p) + 0.5) * u_texel;
    vec4 center = texelFetch(u_source, p, 0);
    float l_nw = luma(texelFetch(u_source, clamp(p + ivec2(-1, -1), ivec2(0), last), 0));
    float l_ne = luma(texelFetch(u_source, clamp(p + ivec2(1, -1), ivec2(0), last), 0));
    float l_sw = luma(texelFetch(u_source, clamp(p + ivec2(-1, 1), ivec2(0), last), 0));
    float l_se = luma(texelFetch(u_source, clamp(p + ivec2(1, 1), ivec2(0), last), 0));
    float l_m = luma(center);
    float l_min = min(l_m, min(min(l_nw, l_ne), min(l_sw, l_se)));
    float l_max = max(l_m, max(max(l_nw, l_ne), max(l_sw, l_se)));
    if (l_max - l_min < max(0.0312, l_max * 0.125)) { frag_color = center; return; }  // flat: leave it

    vec2 dir = vec2(-((l_nw + l_ne) - (l_sw + l_se)), (l_nw + l_sw) - (l_ne + l_se));
    float reduce = max((l_nw + l_ne + l_sw + l_se) * 0.25 * 0.125, 1.0 / 128.0);
    float scale = 1.0 / (min(abs(dir.x), abs(dir.y)) + reduce);
    dir = clamp(dir * scale, vec2(-8.0), vec2(8.0)) * u_texel;

    vec4 a = 0.5 * (texture(u_source, uv + dir * (1.0 / 3.0 - 0.5)) + texture(u_source, uv + dir * (2.0 / 3.0 - 0.5)));
    vec4 b = a * 0.5 + 0.25 * (texture(u_source, uv - dir * 0.5) + texture(u_source, uv + dir * 0.5));
    float l_b = luma(b);
    frag_color = (l_b < l_min || l_b > l_max) ? a : b;
}
