#include "gfx/objects.hpp"

#include <array>
#include <sstream>

namespace gfx {

namespace {
std::array<std::atomic<int>, static_cast<std::size_t>(GlKind::count)> live_{};
}

std::string gl_errors() {
    std::ostringstream out;
    for (int guard = 0; guard < 32; ++guard) {  // a lost context can return errors forever
        const GLenum e = glGetError();
        if (e == GL_NO_ERROR) break;
        out << (out.tellp() > 0 ? ", " : "") << "0x" << std::hex << e;
    }
    return out.str();
}

int live_gl_objects(GlKind kind) { return live_[static_cast<std::size_t>(kind)].load(); }
int live_gl_objects_total() {
    int n = 0;
    for (const auto& c : live_) n += c.load();
    return n;
}

namespace detail {
void count_created(GlKind kind) { ++live_[static_cast<std::size_t>(kind)]; }
void count_destroyed(GlKind kind) { --live_[static_cast<std::size_t>(kind)]; }
void destroy_gl(GlKind kind, GLuint id) {
    switch (kind) {
        case GlKind::buffer: glDeleteBuffers(1, &id); break;
        case GlKind::vertex_array: glDeleteVertexArrays(1, &id); break;
        case GlKind::texture: glDeleteTextures(1, &id); break;
        case GlKind::framebuffer: glDeleteFramebuffers(1, &id); break;
        case GlKind::renderbuffer: glDeleteRenderbuffers(1, &id); break;
        case GlKind::shader: glDeleteShader(id); break;
        case GlKind::program: glDeleteProgram(id); break;
        case GlKind::count: break;
    }
}
}  // namespace detail

Buffer create_buffer() {
    GLuint id = 0;
    glGenBuffers(1, &id);
    return Buffer(id);
}
VertexArray create_vertex_array() {
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    return VertexArray(id);
}
Texture create_texture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    return Texture(id);
}
Framebuffer create_framebuffer() {
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    return Framebuffer(id);
}
Renderbuffer create_renderbuffer() {
    GLuint id = 0;
    glGenRenderbuffers(1, &id);
    return Renderbuffer(id);
}
ShaderObject create_shader(GLenum type) { return ShaderObject(glCreateShader(type)); }
Program create_program() { return Program(glCreateProgram()); }

}  // namespace gfx
