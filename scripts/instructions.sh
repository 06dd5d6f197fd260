#!/usr/bin/env bash
# instructions.sh - instructions a step (BenchmarkStep) and a run (BenchmarkRun) of the engine on
# the default scenario, counted by valgrind's callgrind: unlike time, the count does not depend on
# the machine's load, so two commits compare on a noisy machine. Needs valgrind.
#
# Usage: scripts/instructions.sh [TEST-BINARY]
# Without an argument it builds the sim package's test binary from the working tree. Each count is
# the difference of two benchmark lengths over their difference, so start-up cancels out.
set -euo pipefail
GO=${GO:-go}
bin=${1:-}
if [[ -z $bin ]]; then
	bin=$(mktemp -d)/sim.test
	"$GO" test -c -o "$bin" ./sim
fi
count() { # benchmark, iterations
	GOMAXPROCS=1 GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
		--callgrind-out-file=/dev/null "$bin" -test.run='^$' -test.bench="^$1\$" \
		-test.benchtime="$2x" 2>&1 | awk '/Collected/ {print $4}'
}
per() { # benchmark, short, long
	local a b
	a=$(count "$1" "$2")
	b=$(count "$1" "$3")
	echo $(((b - a) / ($3 - $2)))
}
echo "instructions a step: $(per BenchmarkStep 1000 5000)"
echo "instructions a run:  $(per BenchmarkRun 200 1000)"
