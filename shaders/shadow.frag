#version 330 core
// shadow.frag: occlusion falls off with height, so feet cast dark shadows and the pelvis a faint one.
in float v_height;
out vec4 frag_color;
void main() {
    // A dark contact term where parts touch the floor, plus a broad faint term for the body above.
    float h = max(v_height, 0.0);
    float occ = max(exp(-h / 0.07), 0.4 * exp(-h / 0.8));
    frag_color = vec4(occ, 0.0, 0.0, 1.0);
}
