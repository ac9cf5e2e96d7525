// gfx/face_cull.hpp: back-face culling on the CPU, before triangles are sent.
//
// A software rasteriser transforms, clips and sets up every triangle it is sent on one thread,
// and only then drops the half of a closed mesh that faces away. Dropping those before the draw
// call, on a worker thread, leaves that thread less to do (see Renderer::draw_scene). The test is
// the rasteriser's own, done in the mesh's space: a triangle faces the eye when the eye lies on
// the side its counter-clockwise normal points to (a linear map keeps that, flipping it with a
// negative determinant). Triangles too close to edge-on to call are kept, so the rasteriser
// still decides those and the picture cannot change.
#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace gfx {

// Appends to `out` the triangles of `indices` (over `positions`) that face `eye`, both in the
// mesh's space, in their original order. `mirrored`: the mesh's transform to the world flips
// handedness (negative determinant), which turns its winding over on screen. Triangles with an
// index out of range are dropped.
void append_front_faces(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices, glm::vec3 eye, bool mirrored,
                        std::vector<std::uint32_t>& out);

// Each triangle's plane, for meshes whose vertices never move: the unit normal (xyz) and
// w = -dot(normal, first corner), so dot(plane, (p, 1)) is the signed distance of p. A
// degenerate triangle gets a zero plane (always kept), one with an index out of range a plane
// that is never kept. Culling with them reads 16 bytes a triangle in order instead of three
// scattered vertices (a coarse level's corners are spread over its full mesh's vertices).
std::vector<glm::vec4> face_planes(std::span<const glm::vec3> positions, std::span<const std::uint32_t> indices);

// The same test with planes from face_planes(indices): a triangle is kept unless the eye lies
// more than `tolerance` (mesh units) behind its plane. A tolerance of 1e-4 of the eye's
// distance calls only triangles within 0.006 degrees of edge-on "too close to call".
void append_front_faces(std::span<const glm::vec4> planes, std::span<const std::uint32_t> indices, glm::vec3 eye, bool mirrored, float tolerance,
                        std::vector<std::uint32_t>& out);

}  // namespace gfx
