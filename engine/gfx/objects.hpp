// gfx/objects.hpp: move-only owners of OpenGL objects.
//
// Each wrapper owns exactly one GL name and deletes it in its destructor. A default-constructed
// wrapper owns nothing and touches no GL state, so it can be built without a context (tests do).
// `create()` needs a current context. Live counts per kind feed leak checks in soak runs.
#pragma once

#include "gfx/gl.hpp"

#include <atomic>
#include <utility>

namespace gfx {

enum class GlKind { buffer, vertex_array, texture, framebuffer, renderbuffer, shader, program, count };

// Objects of each kind currently alive (created and not yet destroyed).
int live_gl_objects(GlKind kind);
int live_gl_objects_total();

namespace detail {
void count_created(GlKind kind);
void count_destroyed(GlKind kind);
void destroy_gl(GlKind kind, GLuint id);
}  // namespace detail

template <GlKind Kind>
class GlObject {
public:
    GlObject() = default;  // owns nothing; no GL call
    explicit GlObject(GLuint adopt) : id_(adopt) {
        if (id_) detail::count_created(Kind);
    }
    ~GlObject() { reset(); }
    GlObject(const GlObject&) = delete;
    GlObject& operator=(const GlObject&) = delete;
    GlObject(GlObject&& o) noexcept : id_(std::exchange(o.id_, 0u)) {}
    GlObject& operator=(GlObject&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0u);
        }
        return *this;
    }

    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }
    // Gives up ownership without deleting (the caller now owns the name).
    GLuint release() {
        if (id_) detail::count_destroyed(Kind);
        return std::exchange(id_, 0u);
    }
    void reset() {
        if (id_) {
            detail::destroy_gl(Kind, id_);
            detail::count_destroyed(Kind);
            id_ = 0;
        }
    }

private:
    GLuint id_ = 0;
};

using Buffer = GlObject<GlKind::buffer>;
using VertexArray = GlObject<GlKind::vertex_array>;
using Texture = GlObject<GlKind::texture>;
using Framebuffer = GlObject<GlKind::framebuffer>;
using Renderbuffer = GlObject<GlKind::renderbuffer>;
using ShaderObject = GlObject<GlKind::shader>;
using Program = GlObject<GlKind::program>;

Buffer create_buffer();
VertexArray create_vertex_array();
Texture create_texture();
Framebuffer create_framebuffer();
Renderbuffer create_renderbuffer();
ShaderObject create_shader(GLenum type);
Program create_program();

}  // namespace gfx
