# The two commands a newcomer needs: `make run` and `make test`.
ARCHIVAR := .build/debug/archivar

.PHONY: run test build deps test-deps clean

## Install missing system libraries, build, harvest the bundled samples, publish, serve on :8080.
run: build
	-$(ARCHIVAR) run
	$(ARCHIVAR) serve

## Run the whole test suite (unit, integration and end-to-end).
test: test-deps
	swift build --build-tests
	@# End-to-end tests wait for the archivar binary synchronously, holding threads of the
	@# (2-thread on 2 cores) cooperative pool; run apart, they cannot starve the async tests.
	swift test --skip-build --skip EndToEndTests
	swift test --skip-build --filter EndToEndTests

build: deps
	swift build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

clean:
	rm -rf .build archive .archivar
