# CPE approvals — local stack and tests. See README.md.
TEMPORAL_CLI_VERSION := v1.5.1
TEMPORAL := bin/temporal

.PHONY: run test build temporal-cli bench lint

## run: the whole system locally (Temporal dev server + UI, migrations, worker, API, demo accounts)
run: temporal-cli
	@scripts/run-local.sh

## test: every test (unit, workflow, replay, integration against a real dev server and PostgreSQL)
test: temporal-cli
	@scripts/test.sh

## build: the cpe binary into bin/
build:
	go build -o bin/cpe ./cmd/cpe

## temporal-cli: the pinned Temporal CLI into bin/ (once; about 3 minutes cold)
temporal-cli: $(TEMPORAL)
$(TEMPORAL):
	@echo "building the Temporal CLI $(TEMPORAL_CLI_VERSION) into bin/ (first time only, about 3 minutes)…"
	GOBIN=$(CURDIR)/bin go install github.com/temporalio/cli/cmd/temporal@$(TEMPORAL_CLI_VERSION)

## bench: the benchmarks reported in the notes (needs PostgreSQL and the dev server CLI)
bench: temporal-cli
	go test -run '^$$' -bench . -benchmem -timeout 30m ./...

## lint: go vet and gofmt
lint:
	go vet ./...
	@test -z "$$(gofmt -l .)" || (gofmt -l .; exit 1)
