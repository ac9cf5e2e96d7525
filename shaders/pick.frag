#version 330 core
// pick.frag: writes the item's id (0 = nothing pickable).
uniform uint u_id;
out uint frag_id;
void main() { frag_id = u_id; }
