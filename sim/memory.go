package sim

// Bytes a worker's world holds per pair of states, and in all besides: measured on worlds of
// 100 and 200 states (about 430 bytes a pair) (TestWorkerMemoryQuadratic checks that the estimate bounds the real
// figure), with a margin, since a step may grow its lists of covers and events.
const (
	workerBytesPerPair = 640
	workerBytesBase    = 4 << 20
)

// EstimateMemory returns about how many bytes an ensemble of spec on workers goroutines holds
// at once: each worker's world, which grows as the square of the number of states, and the
// accumulators of the chunks in flight. It is an estimate for refusing, before it starts, a
// run the machine cannot hold.
func EstimateMemory(spec *Spec, workers int) int64 {
	n := int64(len(spec.States))
	perWorker := workerBytesPerPair*n*n + workerBytesBase
	// At most 4 chunks per worker are in flight or waiting (Ensemble's window), each with an
	// accumulator of per-state and per-step tallies.
	perChunk := 64*n*int64(spec.Steps) + 1<<16
	return int64(workers) * (perWorker + 4*perChunk)
}
