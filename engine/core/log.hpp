// core/log.hpp: logging to stderr plus a bounded in-memory history the UI can show.
#pragma once

#include <string>
#include <vector>

namespace core {

enum class LogLevel { info, warning, error };

struct LogEntry {
    LogLevel level;
    std::string text;
};

void log(LogLevel level, const std::string& text);
inline void log_info(const std::string& text) { log(LogLevel::info, text); }
inline void log_warning(const std::string& text) { log(LogLevel::warning, text); }
inline void log_error(const std::string& text) { log(LogLevel::error, text); }

// Quiet mode keeps info lines off stderr (command-line tools that print JSON).
void set_log_quiet(bool quiet);

// The most recent entries (at most 200), oldest first.
std::vector<LogEntry> log_history();
// Entries logged since the last call (for "show errors in the UI" toasts).
std::vector<LogEntry> take_new_log_entries();

}  // namespace core
