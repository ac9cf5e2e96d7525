// anatomy: the viewer with no arguments; a scriptable tool with subcommands (see README.md).
#include "cli.hpp"
#include "platform/window.hpp"

int main(int argc, char** argv) {
    platform::keep_freed_memory();
    return app::run(argc, argv);
}
