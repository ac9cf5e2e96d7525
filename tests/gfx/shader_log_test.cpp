#include "core/error.hpp"
#include "gfx/shader.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace fs = std::filesystem;

TEST(ShaderLog, MesaLinesBecomeFileAndLine) {
    const std::string log = "0:12(7): error: `foo' undeclared\n1:3(1): warning: unused\n";
    const std::string out = gfx::rewrite_shader_log(log, {"mesh.frag", "common.glsl"}, "shaders/");
    EXPECT_NE(out.find("shaders/mesh.frag:12:7: error: `foo' undeclared"), std::string::npos) << out;
    EXPECT_NE(out.find("shaders/common.glsl:3:1: warning"), std::string::npos) << out;
}

TEST(ShaderLog, IncludesAreExpandedWithLineMarkers) {
    const fs::path dir = fs::temp_directory_path() / ("anatomy_shader_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "a.frag") << "#version 330 core\n#include \"b.glsl\"\nvoid main() {}\n";
    std::ofstream(dir / "b.glsl") << "float helper() { return 1.0; }\n";
    const auto src = gfx::expand_includes(dir, "a.frag");
    ASSERT_EQ(src.files.size(), 2u);
    EXPECT_EQ(src.files[1], "b.glsl");
    EXPECT_EQ(src.text.rfind("#version 330 core\n", 0), 0u);  // #version stays first
    EXPECT_NE(src.text.find("#line 1 1"), std::string::npos);
    EXPECT_NE(src.text.find("#line 3 0"), std::string::npos);  // back in a.frag after the include
    std::ofstream(dir / "loop.glsl") << "#include \"loop.glsl\"\n";
    EXPECT_THROW(gfx::expand_includes(dir, "loop.glsl"), core::Error);
    fs::remove_all(dir);
}
