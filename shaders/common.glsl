// common.glsl: colour space and the studio lighting shared by the mesh shaders.

// sRGB <-> linear (the 2.2 power is close enough for shading and much cheaper than the exact curve).
vec3 to_linear(vec3 c) { return pow(max(c, vec3(0.0)), vec3(2.2)); }
vec3 to_srgb(vec3 c) { return pow(max(c, vec3(0.0)), vec3(1.0 / 2.2)); }

// Extended Reinhard: linear in the shadows (keeps form readable), a soft shoulder so highlights
// roll off instead of clipping; values reach white at `white`.
vec3 tone_map(vec3 c) {
    const float white = 3.0;
    return clamp(c * (1.0 + c / (white * white)) / (1.0 + c), 0.0, 1.0);
}

// Diffuse with "wrap": light bleeds past the terminator like soft tissue and bone do.
float wrap_diffuse(vec3 n, vec3 l, float wrap) {
    return max((dot(n, l) + wrap) / (1.0 + wrap), 0.0);
}

float schlick_fresnel(float cos_theta) {
    float m = 1.0 - clamp(cos_theta, 0.0, 1.0);
    return m * m * m * m * m;
}
