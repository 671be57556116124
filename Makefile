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
# comparison with psycopg2 (<= 1.3x) and the per-script overhead (< 1 ms).
bench:
	@s=0; bash bench/run.sh || s=1; bash bench/exec.sh || s=1; exit $$s

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

# Short fuzz runs of every parser and encoder (longer: make fuzz FUZZTIME=5m).
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseVersion$$' -fuzztime $(FUZZTIME) ./order
	$(GO) test -run '^$$' -fuzz '^FuzzValidFolder$$' -fuzztime $(FUZZTIME) ./order
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./pyliteral
	$(GO) test -run '^$$' -fuzz '^FuzzParseManifest$$' -fuzztime $(FUZZTIME) ./discover
	$(GO) test -run '^$$' -fuzz '^FuzzParseInstalled$$' -fuzztime $(FUZZTIME) ./phases
	$(GO) test -run '^$$' -fuzz '^FuzzStepJSON$$' -fuzztime $(FUZZTIME) ./phases
	$(GO) test -run '^$$' -fuzz '^FuzzAppendString$$' -fuzztime $(FUZZTIME) ./internal/jsonout
	$(GO) test -run '^$$' -fuzz '^FuzzMogrify$$' -fuzztime $(FUZZTIME) ./sqlexec
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeText$$' -fuzztime $(FUZZTIME) ./sqlexec
	$(GO) test -run '^$$' -fuzz '^FuzzFormatComposable$$' -fuzztime $(FUZZTIME) ./sqlexec
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeWire$$' -fuzztime $(FUZZTIME) ./pyhost
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./odooconf
	$(GO) test -run '^$$' -fuzz '^FuzzRewrite$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/prepass
	$(GO) test -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/precheck
	$(GO) test -run '^$$' -fuzz '^FuzzPercent$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pyfmt
	$(GO) test -run '^$$' -fuzz '^FuzzStrFormat$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pyfmt
	$(GO) test -run '^$$' -fuzz '^FuzzFormatSpec$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pyfmt
	$(GO) test -run '^$$' -fuzz '^FuzzTranslate$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pystdlib
	$(GO) test -run '^$$' -fuzz '^FuzzLoads$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pystdlib
	$(GO) test -run '^$$' -fuzz '^FuzzFromisoformat$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pydatetime
	$(GO) test -run '^$$' -fuzz '^FuzzStrptime$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/pydatetime
	$(GO) test -run '^$$' -fuzz '^FuzzCompare$$' -fuzztime $(FUZZTIME) ./pyhost/embedded/compat
	$(GO) test -run '^$$' -fuzz '^FuzzSQLFormat$$' -fuzztime $(FUZZTIME) ./pyhost/embedded
	$(GO) test -run '^$$' -fuzz '^FuzzJSONString$$' -fuzztime $(FUZZTIME) ./pyhost/embedded

clean:
	rm -rf bin
