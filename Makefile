# The targets a newcomer needs: make generate after editing statuses.yaml,
# make test before pushing. Everything is installed by the go command itself.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
STATUSGEN   := $(GO) run ./cmd/statusgen
SPEC_ARGS   := -spec statuses.yaml -out status/status_gen.go

.PHONY: all generate check test lint

all: generate test

## generate: regenerate every committed generated file from its spec
generate:
	$(GO) generate ./...

## check: fail with a diff if a generated file differs from what its spec generates
check:
	$(STATUSGEN) $(SPEC_ARGS) -check

## test: vet, the whole test suite, and the drift check
test: check
	$(GO) vet ./...
	$(GO) test ./...

## lint: gofmt, vet and a pinned staticcheck
lint:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "not gofmt'd: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
