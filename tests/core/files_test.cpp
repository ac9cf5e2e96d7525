#include "core/error.hpp"
#include "core/files.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {
fs::path temp_dir() {
    fs::path d = fs::temp_directory_path() / ("anatomy_files_test_" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
}
}  // namespace

TEST(Files, AtomicWriteReplacesAndLeavesNoTemporaryFiles) {
    const fs::path dir = temp_dir();
    const fs::path f = dir / "profile.json";
    core::write_file_atomic(f, "one");
    core::write_file_atomic(f, "two");
    EXPECT_EQ(core::read_file(f), "two");
    int count = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++count;
    EXPECT_EQ(count, 1);
    fs::remove_all(dir);
}

TEST(Files, FailedWriteLeavesTheOldFileIntact) {
    const fs::path dir = temp_dir();
    const fs::path f = dir / "keep.json";
    core::write_file_atomic(f, "old");
    // A folder with the temp file's target name makes rename fail: writing over a folder.
    const fs::path blocker = dir / "sub";
    fs::create_directories(blocker / "x");
    EXPECT_THROW(core::write_file_atomic(blocker, "new"), core::Error);
    EXPECT_EQ(core::read_file(f), "old");
    EXPECT_THROW(core::write_file_atomic(dir / "missing" / "f.json", "x"), core::Error);
    fs::remove_all(dir);
}

TEST(Files, ReadErrorsNameThePath) {
    try {
        core::read_file("/nonexistent/anatomy.json");
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/anatomy.json"), std::string::npos);
    }
}

TEST(Files, FindsTheProjectRoot) {
    EXPECT_TRUE(fs::is_directory(core::shader_dir()));
    EXPECT_TRUE(fs::is_directory(core::asset_dir()));
}
