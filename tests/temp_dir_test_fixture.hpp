// tests/temp_dir_test_fixture.hpp: a test fixture with a folder of its own for each test
// (named after the test and the process), emptied before and removed after, and a listing of
// what is in it (what an export or a save left behind).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

class TempDirTest : public ::testing::Test {
protected:
    explicit TempDirTest(std::string prefix = "anatomy_test") : prefix_(std::move(prefix)) {}
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               (prefix_ + "_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    // The names in the test's folder, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(dir_)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
    std::string prefix_;
    std::filesystem::path dir_;
};
