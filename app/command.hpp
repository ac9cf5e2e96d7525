// app/command.hpp: how each `anatomy` subcommand plugs into the command line.
//
// A command lives in its own file (app/cmd_<name>.cpp) and registers itself:
//
//   static const bool registered = app::register_command([](CLI::App& cli) -> app::CommandRun {
//       auto* sub = cli.add_subcommand("muscles", "List the muscle catalogue");
//       auto opts = std::make_shared<Options>();
//       sub->add_flag("--json", opts->json, "...");
//       return {sub, [opts] { return run(*opts); }};
//   });
//
// The run function returns the exit code; core::Error thrown from it becomes exit code 1 with the
// message on stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace app {

struct CommandRun {
    CLI::App* subcommand = nullptr;
    std::function<int()> run;
};

using CommandFactory = std::function<CommandRun(CLI::App&)>;

bool register_command(CommandFactory factory);
std::vector<CommandFactory>& command_factories();

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;

}  // namespace app
