// anatomy: the viewer with no arguments; a scriptable tool with subcommands (see README.md).
#include "cli.hpp"

int main(int argc, char** argv) { return app::run(argc, argv); }
