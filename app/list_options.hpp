// app/list_options.hpp: comma-list options shared by the commands (`--layers`, `--highlight`,
// `--only`, `--stretches`).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace app {

// "a,b,,c" -> {"a", "b", "c"}: empty items are dropped.
std::vector<std::string> split_list(const std::string& text);

// --layers: a comma list of skeleton, muscles, skin; `at_least_one`: an empty list is refused.
CLI::Validator layers_validator(bool at_least_one);

}  // namespace app
