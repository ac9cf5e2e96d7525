// bonegen/mesher.hpp: turns a Shape into a closed triangle mesh, then into a light one.
//
// Extraction is marching tetrahedra on a cubic lattice split into six tetrahedra per cell along
// each cell's main diagonal (a decomposition that matches across neighbouring cells). The result is
// the zero set of the piecewise-linear interpolant, so it is a closed, oriented 2-manifold by
// construction. Each vertex sits on a lattice edge and is moved onto the true surface by root
// finding along that edge, so the mesh has no staircase from the lattice. Empty space is skipped
// brick by brick using the field's 1-Lipschitz bound.
//
// The lattice is global: node (i, j, k) is at ((i + 0.5) h, j h, k h). It is symmetric under
// x -> -x, so a shape and its mirror image are sampled at mirrored points.
#pragma once

#include "bonegen/sdf.hpp"
#include "core/mesh.hpp"

#include <cstdint>
#include <vector>

namespace bonegen {

struct RawMesh {
    std::vector<glm::vec3> positions;
    std::vector<std::uint32_t> indices;  // counter-clockwise seen from outside
    std::size_t triangle_count() const { return indices.size() / 3; }
};

// The surface of `shape` sampled with lattice step `step_m`. Empty when the shape has no inside.
// Vertices are placed by linear interpolation along the lattice edges; call project_onto() after
// simplifying to put them exactly on the surface.
RawMesh extract_surface(const Shape& shape, float step_m);

// Moves every vertex onto the shape's zero set (Newton steps along the gradient, each step limited
// to a fraction of `max_move_m` so no vertex jumps across a thin plate).
void project_onto(RawMesh& mesh, const Shape& shape, float max_move_m);

// Reduces the mesh to about `target_triangles` (never more than it has) with meshoptimizer, orders
// it for the vertex cache and projects it onto `shape` (see project_onto; `step_m` is the lattice
// step it was extracted with). A reduction that is not a closed manifold, or that has slivers or
// triangles folded against the surface, is retried with a few more triangles.
RawMesh simplify(const RawMesh& mesh, std::size_t target_triangles, const Shape& shape, float step_m);

// Checks on a triangle mesh.
struct MeshCheck {
    bool closed = false;         // every edge is used by exactly two triangles, in opposite directions
    std::size_t degenerate = 0;  // triangles with a repeated index or (almost) no area
    std::size_t bad_edges = 0;   // edges used by other than one triangle each way
};
MeshCheck check_mesh(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices, float min_area_m2 = 1e-12f);

// Signed volume (positive when the mesh is closed and faces outward) and area.
double mesh_volume(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices);
double mesh_area(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices);

}  // namespace bonegen
