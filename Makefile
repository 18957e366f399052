# Inbox Metrics — developer entry points. See docs/INFRA.md.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test
MAKEFLAGS += --no-builtin-rules

GO   ?= go
PORT ?= 8080
export PORT

# npm writes this file at the end of every install: it is the stamp of infra/node_modules.
NPM_STAMP := infra/node_modules/.package-lock.json
# Lambda entry points: every functions/*/ and jobs/*/ folder with a main.go.
LAMBDA_DIRS := $(patsubst %/main.go,%,$(wildcard functions/*/main.go jobs/*/main.go))

.PHONY: tools test run build bench bench-cpu bench-ingest bench-exports bench-reports bench-rollup sam-build lint-template clean

## tools: install the local AWS stand-ins (dynalite, s3rver) from infra/package-lock.json
tools: $(NPM_STAMP)

$(NPM_STAMP): infra/package-lock.json
	cd infra && npm ci --no-audit --no-fund
	touch $@

## test: vet and run every test, integration tests against the local stand-ins included
test: tools
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

## run: start the local stack and serve the API on 127.0.0.1:$(PORT)
run: tools
	$(GO) run ./infra/local

## build: Lambda bootstrap binaries (linux/arm64, no cgo) under build/<name>/bootstrap
build:
	@for d in $(LAMBDA_DIRS); do \
		name=$$(basename "$$d"); \
		echo "build ./$$d -> build/$$name/bootstrap"; \
		GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -ldflags='-s -w' \
			-o "build/$$name/bootstrap" "./$$d"; \
	done

## bench: every benchmark that prints figures for docs/PERFORMANCE.md (bench-rollup separately: it loads 200k tickets)
bench: bench-cpu bench-ingest bench-exports

## bench-cpu: CPU per webhook event, parse, fold, stats (no I/O)
bench-cpu:
	$(GO) test -run '^$$' -bench . -benchmem ./shared/httpapi ./shared/webhook ./shared/domain ./shared/stats

## bench-ingest: DynamoDB capacity per ingested event on the demo mix (index writes modeled)
bench-ingest: tools
	$(GO) test ./shared/store -run '^$$' -bench IngestCapacity -benchtime 1x -v

## bench-exports: Parquet vs CSV on 1,000,000 message rows (bytes/row, rows/s, peak memory)
bench-exports:
	$(GO) test ./shared/exports -run '^$$' -bench ExportMessages -benchtime 1x -v

## bench-reports: every report for 7, 30 and 90 days on a demo workspace, raw vs day summaries (RCU, calls, latency)
bench-reports: tools
	$(GO) run ./infra/reportbench

## bench-rollup: 90-day reports from day summaries vs raw items on a bulk-loaded large workspace
bench-rollup: tools
	$(GO) run ./infra/bench

## sam-build: sam build (go1.x build method) with cgo off and the lambda.norpc tag
sam-build:
	@if command -v sam >/dev/null 2>&1; then \
		CGO_ENABLED=0 GOFLAGS=-tags=lambda.norpc sam build; \
	else \
		echo "sam CLI not installed; skipping sam build (pip install aws-sam-cli)" >&2; \
	fi

## lint-template: cfn-lint template.yaml, if cfn-lint is installed
lint-template:
	@if command -v cfn-lint >/dev/null 2>&1; then \
		cfn-lint template.yaml; \
	else \
		echo "cfn-lint not installed; skipping" >&2; \
	fi

## clean: remove build outputs (not the local data in .local/)
clean:
	rm -rf build .aws-sam
