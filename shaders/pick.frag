#version 330 core
// pick.frag: writes the id (0 = nothing pickable).
flat in uint v_id;
out uint frag_id;
void main() { frag_id = v_id; }
