// The files that make the app a desktop app: the menu entry validates, the man page renders,
// the profile MIME type registers with the glob the README names, and --version says the
// version and the revision.
#include "../run_anatomy.hpp"

#include "core/files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>

namespace fs = std::filesystem;

namespace {
bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }
int sh(const std::string& cmd) {
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
const fs::path packaging = fs::path(ANATOMY_SOURCE_TREE) / "packaging";
fs::path temp(const std::string& name) { return fs::temp_directory_path() / ("anatomy_pkg_" + std::to_string(::getpid()) + "_" + name); }
}  // namespace

TEST(Packaging, TheDesktopFileValidatesAndOpensProfiles) {
    if (!have("desktop-file-validate")) GTEST_SKIP() << "desktop-file-utils is not installed (make deps installs it)";
    const fs::path out = temp("desktop.txt");
    EXPECT_EQ(sh("desktop-file-validate " + (packaging / "anatomy.desktop").string() + " >" + out.string() + " 2>&1"), 0) << core::read_file(out);
    EXPECT_EQ(core::read_file(out), "") << "no hints or warnings";
    fs::remove(out);
    const std::string text = core::read_file(packaging / "anatomy.desktop");
    EXPECT_NE(text.find("Exec=anatomy %f"), std::string::npos) << "a double-clicked file reaches the viewer";
    EXPECT_NE(text.find("MimeType=application/x-anatomy-profile;"), std::string::npos);
    EXPECT_NE(text.find("Icon=anatomy"), std::string::npos);
}

TEST(Packaging, TheProfileMimeTypeRegistersWithItsGlob) {
    if (!have("update-mime-database")) GTEST_SKIP() << "shared-mime-info is not installed";
    const fs::path db = temp("mime");
    fs::remove_all(db);
    fs::create_directories(db / "packages");
    fs::copy_file(packaging / "anatomy-mime.xml", db / "packages" / "anatomy.xml");
    ASSERT_EQ(sh("update-mime-database " + db.string() + " >/dev/null 2>&1"), 0);
    ASSERT_TRUE(fs::exists(db / "application" / "x-anatomy-profile.xml"));
    EXPECT_NE(core::read_file(db / "globs2").find("application/x-anatomy-profile:*.anatomy"), std::string::npos);
    fs::remove_all(db);
}

TEST(Packaging, TheManPageRendersWithoutWarnings) {
    if (!have("man")) GTEST_SKIP() << "man-db is not installed";
    const fs::path out = temp("man.txt"), err = temp("man.err");
    ASSERT_EQ(sh("MANWIDTH=80 man --warnings -l " + (packaging / "anatomy.1").string() + " >" + out.string() + " 2>" + err.string()), 0);
    const std::string page = core::read_file(out);
    EXPECT_EQ(core::read_file(err), "") << "groff warnings";
    for (const char* must : {"NAME", "SYNOPSIS", "snapshot", "posture", "stretches", "--version", "autosave", "ANATOMY_ROOT", "EXIT STATUS"})
        EXPECT_NE(page.find(must), std::string::npos) << must;
    fs::remove(out);
    fs::remove(err);
}

TEST(Packaging, VersionPrintsTheVersionAndTheRevision) {
    const auto r = run_anatomy("--version");
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^anatomy \d+\.\d+\.\d+ \(revision ([0-9a-f]{7,}(-modified)?|unknown)\)\n$)"))) << r.out;
}
