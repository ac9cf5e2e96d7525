# The two commands a newcomer needs: `make run` and `make test`.
# Each installs missing Debian packages, configures with Ninja and builds.
PRESET ?= release
BUILD  := build
JOBS   ?= $(shell nproc)
CTEST_ARGS ?=

.PHONY: all build deps configure run test test-cpu test-gl test-process bench fuzz soak asan clean snapshots approve-golden install package package-check

all: build

deps:
	@scripts/deps.sh build

$(BUILD)/build.ninja: CMakeLists.txt CMakePresets.json | deps
	cmake --preset $(PRESET)

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/bin/anatomy

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

test-cpu: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L cpu

test-process: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L process

test-gl: build
	cd $(BUILD) && ctest --output-on-failure -L gl

# Installs into PREFIX (default /usr/local; DESTDIR works as usual).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The Debian package (build/anatomy_VERSION_ARCH.deb), checked: lintian, and the unpacked binary runs.
package: build
	scripts/check-package.sh $(BUILD)

package-check: package

bench: build
	@scripts/deps.sh bench
	$(BUILD)/bin/anatomy_bench --out $(BUILD)/bench.json

fuzz: deps
	@scripts/deps.sh fuzz
	fuzz/run.sh

soak: build
	SDL_VIDEODRIVER=offscreen $(BUILD)/bin/anatomy soak --minutes $${SOAK_MINUTES:-3}

asan: deps
	cmake --preset asan
	cmake --build build-asan -j $(JOBS)
	cmake --build build-asan --target skeleton_asset   # the baked skeleton, for the level-of-detail test (about a minute)
	cmake --build build-asan --target install_files    # icons and man page, for the install test
	ctest --preset asan -j $(JOBS)

snapshots: build
	scripts/snapshots.sh

# New reference pictures for the golden-image tests, after a deliberate change (look at them first).
approve-golden: build
	scripts/approve-golden.sh

clean:
	rm -rf $(BUILD) build-debug build-asan build-fuzz
