// app/cli.hpp: the command line. Exit codes: 0 success, 1 failure (message on stderr),
// 2 bad usage (unknown option or bad value; usage on stderr).
#pragma once

namespace app {
int run(int argc, char** argv);
}
