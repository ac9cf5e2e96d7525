// key_light.glsl: the key light (wrapped diffuse and a soft highlight) and the output encoding,
// shared by the per-pixel (mesh.frag) and per-vertex (mesh_vertex_lit.vert) paths.

// `n` unit normal, `h` key-light half vector (close to unit is enough), `material` as u_material.
vec3 key_light(vec3 albedo, vec3 n, vec3 h, vec3 key_dir, vec4 material) {
    const vec3 key = vec3(1.0, 0.97, 0.92) * 1.6;
    float wrap = material.x;
    float diffuse = max((dot(n, key_dir) + wrap) / (1.0 + wrap), 0.0);
    float s = max(dot(n, h), 0.0);
    s *= s; s *= s; s *= s; s *= s;      // s^16 without pow()
    return albedo * key * diffuse + key * (material.y * s);
}

// Linear light to premultiplied, tone-mapped sRGB-ish output.
vec4 encode_output(vec3 color, float alpha) {
    color = to_srgb(tone_map(color * 1.25));  // 1.25: exposure
    return vec4(color * alpha, alpha);
}
