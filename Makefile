# migrate-runner: build, test, benchmark, lint and demo targets.
GO      ?= go
BIN     := bin/migrate-runner
PKGS    := ./...
DEMO_ARGS := --addons-path testdata/modules/addons,testdata/modules/addons_extra \
             --upgrade-path testdata/modules/upgrade \
             --installed-file testdata/modules/installed.txt

.PHONY: build test bench lint demo demo-plan fuzz clean

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/migrate-runner

# The test command of the README and of CI.
test: lint
	$(GO) test -race -count=1 $(PKGS)

# Go benchmarks, the planning comparison with find and the Python reference
# (targets: plan <= 3x find, >= 10x Python, < 200 MB), then the execution
# comparison with psycopg2 (<= 1.3x) and the per-script overhead (< 1 ms),
# then explode_execute against one plain UPDATE on 2,000,000 rows, then the
# upgrade client's 1 GiB upload and download against curl (>= 0.7x, < 64 MB).
bench:
	@s=0; bash bench/run.sh || s=1; bash bench/exec.sh || s=1; bash bench/explode.sh || s=1; bash bench/transfer.sh || s=1; exit $$s

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

# The main job on the defaults: run the realistic sample tree against a
# throw-away database, with --host auto (the embedded host for every
# script its pre-check passes; no Python needed for those).
DEMO_ADMIN ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
DEMO_DB    ?= migrate_runner_demo
demo: build
	@psql -q "$(DEMO_ADMIN)" -c "DROP DATABASE IF EXISTS $(DEMO_DB)" -c "CREATE DATABASE $(DEMO_DB)"
	@psql -q "$(subst /postgres?,/$(DEMO_DB)?,$(DEMO_ADMIN))" -o /dev/null -f testdata/realworld/schema.sql
	$(BIN) run --dsn "$(subst /postgres?,/$(DEMO_DB)?,$(DEMO_ADMIN))" --addons-path testdata/realworld/addons \
		--installed-file testdata/realworld/installed.txt --allow-fs testdata/realworld --update-versions; \
		s=$$?; psql -q "$(DEMO_ADMIN)" -c "DROP DATABASE IF EXISTS $(DEMO_DB)"; exit $$s

# The planning demo: Odoo's order for the sample addons tree, no database.
demo-plan: build
	$(BIN) plan $(DEMO_ARGS) --explain

# Short fuzz runs of every parser and encoder: every Fuzz* function of the
# repository's test files (longer: make fuzz FUZZTIME=5m). Go 1.26's fuzz
# engine can fail a target with a bare "context deadline exceeded" as its
# time runs out (go.dev/issue/75804, fixed in Go 1.27): such a failure,
# with no failing input written, runs that target once more.
FUZZTIME ?= 20s
fuzz:
	@set -e; for f in $$(git ls-files '*_test.go' | xargs grep -l '^func Fuzz'); do \
		for n in $$(grep -oE '^func Fuzz[A-Za-z0-9_]+' $$f | cut -c6-); do \
			echo "== $$n ./$$(dirname $$f)"; \
			if out=$$($(GO) test -run '^$$' -fuzz "^$$n\$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f) 2>&1); then \
				echo "$$out" | tail -1; continue; \
			fi; \
			echo "$$out"; \
			if echo "$$out" | grep -q 'context deadline exceeded' && ! echo "$$out" | grep -q 'Failing input written'; then \
				echo "== $$n: the fuzz engine's deadline race (go.dev/issue/75804), no failing input: once more"; \
				$(GO) test -run '^$$' -fuzz "^$$n\$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f); \
			else \
				exit 1; \
			fi; \
		done; \
	done

clean:
	rm -rf bin
