package sim

// Bytes a worker's world holds per pair of states, and in all besides. The matrices of pairs
// (revisionism, distance, reach, allied, formed) take 26 bytes a pair; the rest grows with the
// guarantees in force and the treaties formed (about 40 bytes a pair in all, measured on worlds
// of 100 and 200 states; TestWorkerMemoryQuadratic checks that the estimate bounds the real
// figure), and a run in which every pair of states formed a treaty would add about 90 more.
const (
	workerBytesPerPair = 128
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
