// gfx/shader.hpp: GLSL programs loaded from shaders/, with `#include "file.glsl"`, compile errors
// shown as file:line, and hot reload.
//
// A failed first load throws core::Error with the log. A failed reload keeps the last good program
// and stores the log, which the UI shows until a later reload succeeds.
#pragma once

#include "core/files.hpp"
#include "gfx/objects.hpp"

#include <glm/glm.hpp>

#include <map>
#include <string>
#include <vector>

namespace gfx {

// The programs the renderer uses: name -> vertex and fragment files in shaders/.
struct ProgramSpec {
    std::string name;
    std::string vertex_file;
    std::string fragment_file;
};
const std::vector<ProgramSpec>& builtin_programs();

// Source after #include expansion, with the files in source-string order (for #line mapping).
struct ExpandedSource {
    std::string text;
    std::vector<std::string> files;  // files[i] is GLSL source-string number i
};
// Expands `#include "x"` lines relative to `dir`. Throws core::Error naming the file and line.
ExpandedSource expand_includes(const core::fs::path& dir, const std::string& file);

// Rewrites a driver log so "0:12(3): error: ..." reads "shaders/mesh.frag:12: error: ...".
std::string rewrite_shader_log(const std::string& log, const std::vector<std::string>& files, const std::string& dir_label);

// Compiles and links; throws core::Error with a readable log.
Program build_program(const core::fs::path& dir, const ProgramSpec& spec);

// A linked program plus cached uniform locations.
class ShaderProgram {
public:
    ShaderProgram() = default;
    explicit ShaderProgram(Program p) : program_(std::move(p)) {}
    GLuint id() const { return program_.id(); }
    void use() const;
    GLint location(const char* name) const;
    void set(const char* name, int v) const;
    void set_uint(const char* name, unsigned v) const;
    void set(const char* name, float v) const;
    void set(const char* name, const glm::vec2& v) const;
    void set(const char* name, const glm::ivec2& v) const;
    void set(const char* name, const glm::vec3& v) const;
    void set(const char* name, const glm::vec4& v) const;
    void set(const char* name, const glm::mat3& v) const;
    void set(const char* name, const glm::mat4& v) const;

private:
    Program program_;
    mutable std::map<std::string, GLint, std::less<>> locations_;
};

class ShaderLibrary {
public:
    // Compiles every builtin program now; throws core::Error when any fails (the app cannot draw).
    explicit ShaderLibrary(core::fs::path dir);

    const ShaderProgram& get(const std::string& name) const;
    // Checks the files' times (cheap); recompiles what changed. Returns true when something reloaded.
    bool poll_reload();
    // The last failed reload's log per program (empty when all are good).
    std::vector<std::string> errors() const;
    const core::fs::path& dir() const { return dir_; }

private:
    struct Entry {
        ProgramSpec spec;
        ShaderProgram program;
        std::vector<std::string> files;  // every file it reads, includes too
        double stamp = 0.0;              // newest mtime among files
        std::string error;
    };
    double newest_mtime(const Entry& e) const;
    core::fs::path dir_;
    std::map<std::string, Entry> entries_;
};

}  // namespace gfx
