#include "gl_fixture.hpp"

#include "core/error.hpp"

#include <fstream>
#include <set>
#include <thread>

namespace fs = std::filesystem;

class ShaderGl : public GlTest {};

TEST_F(ShaderGl, EveryShaderFileCompilesAndLinksAndIsUsed) {
    std::set<std::string> used;
    for (const auto& spec : gfx::builtin_programs()) {
        gfx::Program p;
        ASSERT_NO_THROW(p = gfx::build_program(core::shader_dir(), spec)) << spec.name;
        EXPECT_TRUE(p);
        for (const auto& f : {spec.vertex_file, spec.fragment_file})
            for (const auto& g : gfx::expand_includes(core::shader_dir(), f).files) used.insert(g);
    }
    for (const auto& e : fs::directory_iterator(core::shader_dir()))
        EXPECT_TRUE(used.count(e.path().filename().string())) << e.path() << " is not used by any program";
}

TEST_F(ShaderGl, CompileErrorsNameTheFileAndLine) {
    const fs::path dir = fs::temp_directory_path() / ("anatomy_shader_gl_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "bad.vert") << "#version 330 core\nvoid main() { gl_Position = vec4(0.0); }\n";
    std::ofstream(dir / "bad.frag") << "#version 330 core\nout vec4 c;\nvoid main() {\n  c = undefined_thing;\n}\n";
    try {
        gfx::build_program(dir, {"bad", "bad.vert", "bad.frag"});
        FAIL() << "expected a compile error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("shaders/bad.frag:4:"), std::string::npos) << e.what();
    }
    fs::remove_all(dir);
}

TEST_F(ShaderGl, AFailedReloadKeepsTheLastGoodProgramAndReportsIt) {
    const fs::path dir = fs::temp_directory_path() / ("anatomy_reload_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(core::shader_dir(), dir);
    gfx::ShaderLibrary lib(dir);
    const GLuint before = lib.get("mesh").id();
    ASSERT_NE(before, 0u);
    EXPECT_FALSE(lib.poll_reload());  // nothing changed

    const std::string good = core::read_file(dir / "mesh.frag");
    std::ofstream(dir / "mesh.frag") << "#version 330 core\nthis is not glsl\n";
    fs::last_write_time(dir / "mesh.frag", fs::last_write_time(dir / "mesh.frag") + std::chrono::seconds(2));
    EXPECT_FALSE(lib.poll_reload());
    EXPECT_EQ(lib.get("mesh").id(), before);
    ASSERT_EQ(lib.errors().size(), 1u);
    EXPECT_NE(lib.errors()[0].find("mesh.frag:2"), std::string::npos) << lib.errors()[0];

    std::ofstream(dir / "mesh.frag") << good;
    fs::last_write_time(dir / "mesh.frag", fs::last_write_time(dir / "mesh.frag") + std::chrono::seconds(4));
    EXPECT_TRUE(lib.poll_reload());
    EXPECT_TRUE(lib.errors().empty());
    EXPECT_NE(lib.get("mesh").id(), 0u);
    fs::remove_all(dir);
}
