# idlint: two commands on a fresh machine.
#   make demo   scan the bundled fixtures with the built-in rules
#   make test   run the whole test suite, the release archive's check included
# Both install the system libraries they need (libyaml, libxml2, pkg-config, and
# for the tests python3-jsonschema for the SARIF and GitLab schema checks, xmllint for
# the JUnit schema check, the Python MCP client that drives `idlint mcp`, pre-commit
# for the hooks' check, and Chromium for the HTML report's check) when they are missing.

SWIFT ?= swift
APT_PACKAGES = pkg-config libyaml-dev libxml2-dev libxml2-utils
DIST_PACKAGES = libcurl4-openssl-dev
# The HTML framework report is checked in a real browser (scripts/report-screenshot.sh).
BROWSER_PACKAGES = chromium

.PHONY: demo test build release bench deps dist install clean

# Installs the Debian packages named in $(1) that are missing.
define apt_install
	@missing=""; \
	for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(APT_PACKAGES))
	@python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install --quiet jsonschema || \
	  { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; $$SUDO apt-get install -y -qq python3-jsonschema; }
	@python3 -c "import mcp" 2>/dev/null || python3 -m pip install --quiet mcp
	@python3 -c "import pre_commit" 2>/dev/null || python3 -m pip install --quiet pre-commit

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	@echo "== idlint scan fixtures/ (built-in rules) =="
	-.build/release/idlint scan fixtures/
	@echo
	@echo "Exit code 1 above is expected: the fixtures are full of findings."

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/cli-checks.sh .build/debug/idlint
	scripts/gate-corpus.sh .build/debug/idlint
	python3 scripts/mcp-python-client.py .build/debug/idlint
	scripts/pre-commit-check.sh .build/debug/idlint
	$(call apt_install,$(BROWSER_PACKAGES))
	IDLINT_REQUIRE_BROWSER=1 scripts/report-screenshot.sh .build/debug/idlint
	scripts/sanitizers.sh thread 'Scanner|ParallelReport'
	$(MAKE) dist

# A release archive whose binary carries the Swift runtime and Foundation inside it
# (--static-swift-stdlib), so it runs where no Swift toolchain is installed. Swift's
# Foundation networking, which the MCP SDK links into idlint-mcp, needs libcurl at link
# time; idlint opens no connection. Built apart from .build, so that it never clobbers a dev build.
dist: deps
	$(call apt_install,$(DIST_PACKAGES))
	$(SWIFT) build -c release --static-swift-stdlib --product idlint --scratch-path .build-static
	$(SWIFT) build -c release --static-swift-stdlib --product idlint-mcp --scratch-path .build-static
	scripts/make-dist.sh .build-static/release/idlint dist
	scripts/dist-check.sh dist/idlint-$$(.build-static/release/idlint --version)-linux-$$(uname -m).tar.gz
	scripts/action-check.sh dist/idlint-$$(.build-static/release/idlint --version)-linux-$$(uname -m).tar.gz

PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 .build/release/idlint $(DESTDIR)$(PREFIX)/bin/idlint
	install -m 0755 .build/release/idlint-mcp $(DESTDIR)$(PREFIX)/bin/idlint-mcp
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	python3 scripts/make-man.py .build/release/idlint $(DESTDIR)$(PREFIX)/share/man/man1/idlint.1

bench: release
	$(SWIFT) build -c release --product idlint-bench
	.build/release/idlint-bench

clean:
	rm -rf .build .build-static dist
