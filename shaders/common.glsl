// common.glsl: colour space and tone mapping shared by the shaders.
// Software rasterisers (Mesa llvmpipe) pay for every instruction, so these are the cheap forms.

// sRGB <-> linear with gamma 2: a square and a square root, close to the exact curve in the mid
// tones and many times cheaper than pow().
vec3 to_linear(vec3 c) { return c * c; }
vec3 to_srgb(vec3 c) { return sqrt(max(c, vec3(0.0))); }

// Extended Reinhard on luminance: linear in the shadows (keeps form readable), a soft shoulder so
// highlights roll off instead of clipping (white at 3.0); one division, hue kept.
vec3 tone_map(vec3 c) {
    float l = dot(c, vec3(0.2126, 0.7152, 0.0722));
    return clamp(c * ((1.0 + l * (1.0 / 9.0)) / (1.0 + l)), 0.0, 1.0);
}
