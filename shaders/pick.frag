#version 330 core
// pick.frag: writes the id (0 = nothing pickable). With u_only_count > 0 only the listed ids are
// drawn (how much of a set of muscles the rest of the scene hides: gfx::Renderer::render_ids).
flat in uint v_id;
uniform uint u_only[16];
uniform int u_only_count;
out uint frag_id;
void main() {
    if (u_only_count > 0) {
        bool listed = false;
        for (int i = 0; i < u_only_count; ++i) listed = listed || u_only[i] == v_id;
        if (!listed) discard;
    }
    frag_id = v_id;
}
