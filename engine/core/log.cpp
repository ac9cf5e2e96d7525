#include "core/log.hpp"

#include <cstdio>
#include <deque>
#include <mutex>

namespace core {
namespace {
constexpr std::size_t max_history = 200;  // enough for a session's worth of warnings
std::mutex mutex_;
std::deque<LogEntry> history_;
std::vector<LogEntry> fresh_;
bool quiet_ = false;
}  // namespace

void set_log_quiet(bool quiet) { quiet_ = quiet; }

void log(LogLevel level, const std::string& text) {
    std::lock_guard lock(mutex_);
    if (level != LogLevel::info || !quiet_) {
        const char* tag = level == LogLevel::error ? "error: " : level == LogLevel::warning ? "warning: " : "";
        std::fprintf(stderr, "%s%s\n", tag, text.c_str());
    }
    history_.push_back({level, text});
    if (history_.size() > max_history) history_.pop_front();
    if (level != LogLevel::info) {
        fresh_.push_back({level, text});
        if (fresh_.size() > max_history) fresh_.erase(fresh_.begin());
    }
}

std::vector<LogEntry> log_history() {
    std::lock_guard lock(mutex_);
    return {history_.begin(), history_.end()};
}

std::vector<LogEntry> take_new_log_entries() {
    std::lock_guard lock(mutex_);
    std::vector<LogEntry> out;
    out.swap(fresh_);
    return out;
}

}  // namespace core
