#include "gfx/shader.hpp"

#include "core/error.hpp"
#include "core/log.hpp"

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <cstring>
#include <regex>
#include <set>
#include <sstream>

namespace gfx {

const std::vector<ProgramSpec>& builtin_programs() {
    static const std::vector<ProgramSpec> specs = {
        {"mesh", "mesh.vert", "mesh.frag"},
        {"mesh_vertex_lit", "mesh_vertex_lit.vert", "mesh_vertex_lit.frag"},
        {"background", "fullscreen.vert", "background.frag"},
        {"floor", "floor.vert", "floor.frag"},
        {"floor_shadow", "floor.vert", "floor_shadow.frag"},
        {"fxaa", "fullscreen.vert", "fxaa.frag"},
        {"pick", "pick.vert", "pick.frag"},
        {"line", "line.vert", "line.frag"},
        {"underlay", "underlay.vert", "underlay.frag"},
        {"ui", "ui.vert", "ui.frag"},
        {"ui_composite", "fullscreen.vert", "ui_composite.frag"},
    };
    return specs;
}

// [SECTION] Includes and logs

namespace {
void expand_into(const core::fs::path& dir, const std::string& file, ExpandedSource& out, std::set<std::string>& stack, int depth) {
    constexpr int max_depth = 8;  // deeper nesting is surely a cycle or a mistake
    if (depth > max_depth || stack.count(file)) throw core::Error("shaders/" + file + ": #include cycle or too deep");
    stack.insert(file);
    const std::string text = core::read_file(dir / file);
    const int index = static_cast<int>(out.files.size());
    out.files.push_back(file);
    // Included files restart the numbering; the main file announces it after #version.
    if (index > 0) out.text += "#line 1 " + std::to_string(index) + "\n";
    std::istringstream in(text);
    std::string line;
    int line_no = 0;
    static const std::regex include_re(R"(^\s*#\s*include\s+\"([^\"]+)\"\s*$)");
    while (std::getline(in, line)) {
        ++line_no;
        std::smatch m;
        if (std::regex_match(line, m, include_re)) {
            try {
                expand_into(dir, m[1].str(), out, stack, depth + 1);
            } catch (const core::Error& e) {
                throw core::Error("shaders/" + file + ":" + std::to_string(line_no) + ": in #include: " + e.what());
            }
            out.text += "#line " + std::to_string(line_no + 1) + " " + std::to_string(index) + "\n";
        } else {
            out.text += line + "\n";
            // #version must stay the first line: announce our numbering right after it.
            if (line_no == 1 && line.rfind("#version", 0) == 0) out.text += "#line 2 " + std::to_string(index) + "\n";
        }
    }
    stack.erase(file);
}
}  // namespace

ExpandedSource expand_includes(const core::fs::path& dir, const std::string& file) {
    ExpandedSource out;
    std::set<std::string> stack;
    expand_into(dir, file, out, stack, 0);
    return out;
}

std::string rewrite_shader_log(const std::string& log, const std::vector<std::string>& files, const std::string& dir_label) {
    // Mesa: "0:12(3): error: ..."; NVIDIA: "0(12) : error ..."; both start with source:line.
    static const std::regex mesa_re(R"(^(\d+):(\d+)\((\d+)\):\s*(.*)$)");
    static const std::regex nv_re(R"(^(\d+)\((\d+)\)\s*:\s*(.*)$)");
    std::istringstream in(log);
    std::ostringstream out;
    std::string line;
    auto name = [&](const std::string& idx) {
        const auto i = static_cast<std::size_t>(std::stoul(idx));
        return dir_label + (i < files.size() ? files[i] : ("source" + idx));
    };
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::smatch m;
        if (std::regex_match(line, m, mesa_re))
            out << name(m[1]) << ":" << m[2] << ":" << m[3] << ": " << m[4] << "\n";
        else if (std::regex_match(line, m, nv_re))
            out << name(m[1]) << ":" << m[2] << ": " << m[3] << "\n";
        else
            out << line << "\n";
    }
    return out.str();
}

// [SECTION] Compile and link

namespace {
ShaderObject compile_stage(GLenum type, const core::fs::path& dir, const std::string& file, std::vector<std::string>& all_files) {
    const ExpandedSource src = expand_includes(dir, file);
    all_files.insert(all_files.end(), src.files.begin(), src.files.end());
    ShaderObject shader = create_shader(type);
    const char* text = src.text.c_str();
    glShaderSource(shader.id(), 1, &text, nullptr);
    glCompileShader(shader.id());
    GLint ok = 0;
    glGetShaderiv(shader.id(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(shader.id(), GL_INFO_LOG_LENGTH, &len);
        std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
        glGetShaderInfoLog(shader.id(), len, nullptr, log.data());
        log.resize(std::strlen(log.c_str()));
        throw core::Error("shader compile failed:\n" + rewrite_shader_log(log, src.files, "shaders/"));
    }
    return shader;
}

Program link(const core::fs::path& dir, const ProgramSpec& spec, std::vector<std::string>& files) {
    ShaderObject vs = compile_stage(GL_VERTEX_SHADER, dir, spec.vertex_file, files);
    ShaderObject fs = compile_stage(GL_FRAGMENT_SHADER, dir, spec.fragment_file, files);
    Program program = create_program();
    glAttachShader(program.id(), vs.id());
    glAttachShader(program.id(), fs.id());
    // Fixed attribute slots shared by every mesh (see gpu_mesh.cpp).
    glBindAttribLocation(program.id(), 0, "a_position");
    glBindAttribLocation(program.id(), 1, "a_normal");
    glBindAttribLocation(program.id(), 2, "a_uv");
    glBindAttribLocation(program.id(), 3, "a_color");
    glLinkProgram(program.id());
    GLint ok = 0;
    glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
    glDetachShader(program.id(), vs.id());
    glDetachShader(program.id(), fs.id());
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(program.id(), GL_INFO_LOG_LENGTH, &len);
        std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
        glGetProgramInfoLog(program.id(), len, nullptr, log.data());
        log.resize(std::strlen(log.c_str()));
        throw core::Error("shader link failed (" + spec.vertex_file + " + " + spec.fragment_file + "):\n" + log);
    }
    return program;
}
}  // namespace

Program build_program(const core::fs::path& dir, const ProgramSpec& spec) {
    std::vector<std::string> files;
    return link(dir, spec, files);
}

// [SECTION] ShaderProgram

void ShaderProgram::use() const { glUseProgram(program_.id()); }

GLint ShaderProgram::location(const char* name) const {
    auto it = locations_.find(name);
    if (it != locations_.end()) return it->second;
    const GLint loc = glGetUniformLocation(program_.id(), name);
    locations_.emplace(name, loc);
    return loc;
}

void ShaderProgram::set(const char* n, int v) const { glUniform1i(location(n), v); }
void ShaderProgram::set_uint(const char* n, unsigned v) const { glUniform1ui(location(n), v); }
void ShaderProgram::set(const char* n, float v) const { glUniform1f(location(n), v); }
void ShaderProgram::set(const char* n, const glm::vec2& v) const { glUniform2fv(location(n), 1, glm::value_ptr(v)); }
void ShaderProgram::set(const char* n, const glm::ivec2& v) const { glUniform2iv(location(n), 1, glm::value_ptr(v)); }
void ShaderProgram::set(const char* n, const glm::vec3& v) const { glUniform3fv(location(n), 1, glm::value_ptr(v)); }
void ShaderProgram::set(const char* n, const glm::vec4& v) const { glUniform4fv(location(n), 1, glm::value_ptr(v)); }
void ShaderProgram::set(const char* n, const glm::mat3& v) const { glUniformMatrix3fv(location(n), 1, GL_FALSE, glm::value_ptr(v)); }
void ShaderProgram::set(const char* n, const glm::mat4& v) const { glUniformMatrix4fv(location(n), 1, GL_FALSE, glm::value_ptr(v)); }

// [SECTION] ShaderLibrary

ShaderLibrary::ShaderLibrary(core::fs::path dir) : dir_(std::move(dir)) {
    std::string failures;
    for (const auto& spec : builtin_programs()) {
        Entry e;
        e.spec = spec;
        try {
            e.program = ShaderProgram(link(dir_, spec, e.files));
        } catch (const core::Error& err) {
            failures += std::string(failures.empty() ? "" : "\n") + "program '" + spec.name + "': " + err.what();
            e.files = {spec.vertex_file, spec.fragment_file};
        }
        e.stamp = newest_mtime(e);
        entries_.emplace(spec.name, std::move(e));
    }
    if (!failures.empty()) throw core::Error(failures);
}

double ShaderLibrary::newest_mtime(const Entry& e) const {
    double t = 0.0;
    for (const auto& f : e.files) t = std::max(t, core::file_mtime_s(dir_ / f));
    return t;
}

const ShaderProgram& ShaderLibrary::get(const std::string& name) const {
    auto it = entries_.find(name);
    ANATOMY_ASSERT(it != entries_.end(), "unknown shader program " + name);
    return it->second.program;
}

bool ShaderLibrary::poll_reload() {
    bool reloaded = false;
    for (auto& [name, e] : entries_) {
        const double t = newest_mtime(e);
        if (t == e.stamp) continue;
        e.stamp = t;
        std::vector<std::string> files;
        try {
            e.program = ShaderProgram(link(dir_, e.spec, files));
            e.files = files;
            e.error.clear();
            reloaded = true;
            core::log_info("reloaded shader program '" + name + "'");
        } catch (const core::Error& err) {
            e.error = err.what();  // keep the last good program
            core::log_error("shader program '" + name + "' failed to reload; keeping the last good one:\n" + e.error);
        }
    }
    return reloaded;
}

std::vector<std::string> ShaderLibrary::errors() const {
    std::vector<std::string> out;
    for (const auto& [name, e] : entries_)
        if (!e.error.empty()) out.push_back("program '" + name + "': " + e.error);
    return out;
}

}  // namespace gfx
