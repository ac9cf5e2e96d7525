// mesh_vertex.glsl: what every lit-mesh vertex shader shares: the inputs, the uniforms and the
// low-frequency light (hemisphere ambient, fill, rim, selection glow), computed per vertex.
// Included by mesh.vert (the key light per pixel) and mesh_vertex_lit.vert (all of it per vertex).

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in vec4 a_color;
layout(location = 4) in uint a_id;   // low 20 bits: bone or muscle id; bit 20: highlight; bit 21: an arm bone

uniform mat4 u_view_proj;
uniform mat4 u_model;
uniform mat3 u_normal_matrix;
uniform vec3 u_camera_pos;
uniform vec3 u_key_dir;
uniform vec3 u_fill_dir;
uniform vec3 u_rim_dir;
uniform vec4 u_color;            // linear tint (rgb) and opacity (a)
uniform vec4 u_material;         // wrap, specular strength, rim strength, occlusion strength
uniform int u_edge_alpha;        // 1: translucent shell, clearer at the silhouette (skin)
uniform float u_highlight;       // selection glow 0..1 for the whole item
uniform uint u_highlight_id;     // vertices with this id glow too (0: none)
uniform vec3 u_highlight_color;  // linear
uniform int u_hide_arms;         // 1: drop the vertices of the arm bones (bit 21), so the pelvis shows

struct SurfaceVertex {
    vec4 albedo_alpha;  // linear albedo, opacity
    vec4 soft_light;    // ambient + fill + rim + glow (linear); w: fibre coordinate
    vec3 normal;        // world, unit
    vec3 half_vec;      // key-light half vector
};

// Also sets gl_Position.
SurfaceVertex surface_vertex() {
    vec4 world = u_model * vec4(a_position, 1.0);
    vec3 n = normalize(u_normal_matrix * a_normal);
    vec3 v = normalize(u_camera_pos - world.xyz);
    float wrap = u_material.x;
    float ao = mix(1.0, a_color.a, u_material.w);

    vec3 albedo = to_linear(a_color.rgb) * u_color.rgb;
    // Hemisphere ambient: cool sky above, warm bounce from the floor below.
    vec3 ambient = mix(vec3(0.16, 0.145, 0.13), vec3(0.42, 0.45, 0.51), 0.5 + 0.5 * n.y) * ao;
    vec3 fill = vec3(0.30, 0.33, 0.38) * max((dot(n, u_fill_dir) + wrap) / (1.0 + wrap), 0.0);
    float edge = 1.0 - abs(dot(n, v));
    float rim = u_material.z * edge * edge * edge * clamp(dot(n, u_rim_dir) * 0.5 + 0.5, 0.0, 1.0);
    float highlight = u_highlight;
    if ((a_id & 0x100000u) != 0u || (u_highlight_id != 0u && (a_id & 0xFFFFFu) == u_highlight_id)) highlight = 1.0;
    vec3 glow = u_highlight_color * (highlight * (0.18 + 0.9 * edge * edge));

    float alpha = u_color.a * (u_edge_alpha == 1 ? mix(0.16, 1.0, edge * edge) : 1.0);
    SurfaceVertex s;
    s.albedo_alpha = vec4(albedo * mix(0.8, 1.0, ao), alpha);
    s.soft_light = vec4(albedo * (ambient + fill) + vec3(0.85, 0.9, 1.0) * rim * (0.5 + albedo) + glow, a_uv.x);
    s.normal = n;
    s.half_vec = normalize(u_key_dir + v);
    gl_Position = u_view_proj * world;
    if (u_hide_arms == 1 && (a_id & 0x200000u) != 0u) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);  // beyond the far plane: clipped
    return s;
}
