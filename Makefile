# alliancesim — build, test and benchmark.
GO ?= go

.PHONY: all build test bench lint fuzz clean

all: build

build:
	$(GO) build -o bin/alliancesim ./cmd/alliancesim

# The whole test suite: vet, then every test under the race detector, then sim/calibrate again
# without it, so that the fits that skip under the detector (about ten times slower there) run
# too, whichever they are (about 30 s on two cores).
test:
	$(GO) vet ./...
	$(GO) test -race ./...
	$(GO) test ./sim/calibrate

# Benchmarks of the engine on the default scenario; compare two runs with benchstat.
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=6 ./sim/ | tee bench.txt

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo 'gofmt: the files above need formatting'; exit 1; }
	$(GO) vet ./...

# Fuzz the config loader, the --set, --param and --values parsers, and every file the program
# reads back (sweep points, shards' partials and files, results for plot) for a while each.
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzLoad -fuzztime=$(FUZZTIME) ./config
	$(GO) test -run='^$$' -fuzz=FuzzSet -fuzztime=$(FUZZTIME) ./config
	$(GO) test -run='^$$' -fuzz=FuzzParseParam -fuzztime=$(FUZZTIME) ./cmd/alliancesim
	$(GO) test -run='^$$' -fuzz=FuzzParseValues -fuzztime=$(FUZZTIME) ./cmd/alliancesim
	$(GO) test -run='^$$' -fuzz=FuzzPointFile -fuzztime=$(FUZZTIME) ./cmd/alliancesim
	$(GO) test -run='^$$' -fuzz=FuzzPartial -fuzztime=$(FUZZTIME) ./cmd/alliancesim
	$(GO) test -run='^$$' -fuzz=FuzzShardFile -fuzztime=$(FUZZTIME) ./cmd/alliancesim
	$(GO) test -run='^$$' -fuzz=FuzzResults -fuzztime=$(FUZZTIME) ./cmd/alliancesim

clean:
	rm -rf bin out bench.txt

# End to end on a real local Slurm cluster: needs root; installs Slurm with apt when missing.
.PHONY: slurm-test
slurm-test:
	GO=$(GO) bash scripts/slurm-test.sh
