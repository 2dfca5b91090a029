# DFLKit — the two set-up commands of the README:
#   make demo   installs what is missing, builds in release mode and runs a real training run
#   make test   installs what is missing and runs the test suite
SHELL := /bin/bash
SWIFT ?= swift
DFL = .build/release/dfl

.PHONY: deps build demo test clean

deps:
	@bash Scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product dfl

demo: build
	$(DFL) demo

test: deps
	$(SWIFT) test --parallel 2>&1 | tee .test-output.log; exit $${PIPESTATUS[0]}

clean:
	rm -rf .build
