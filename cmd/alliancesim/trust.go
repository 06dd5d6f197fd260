package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"alliancesim/sim"
)

// checkedWriter remembers the first error of writes to w, so that output lost to a full disk
// or a closed pipe fails the command instead of passing unnoticed.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(b)
	if err != nil {
		c.err = err
	}
	return n, err
}

// distinctColumns refuses a spec whose runs.csv would have two columns of one name, as states
// named "A" and "A_armed", or "B x" and "B,x", would give: a reader would take one for the other.
func distinctColumns(spec *sim.Spec) error {
	cols := sim.Columns(spec)
	first := make(map[string]bool, len(cols))
	for _, c := range cols {
		if !first[c] {
			first[c] = true
			continue
		}
		var from []string
		for _, s := range spec.States {
			if n := columnSafe(s.Name); strings.HasPrefix(c, n+"_") || c == n {
				from = append(from, fmt.Sprintf("%q", s.Name))
			}
		}
		for _, g := range spec.Guarantees {
			if n := columnSafe(g.Name); strings.HasPrefix(c, n+"_") {
				from = append(from, fmt.Sprintf("%q", g.Name))
			}
		}
		return fmt.Errorf("runs.csv would have two columns named %s, from the names %s: rename one so that every column is told apart",
			c, strings.Join(from, " and "))
	}
	return nil
}

// checkMemory refuses an ensemble of spec on workers goroutines whose estimated memory exceeds
// what the machine has available (avail bytes; 0 when unknown, which refuses nothing), before
// it starts rather than by the kernel's out-of-memory killer hours in.
func checkMemory(spec *sim.Spec, workers int, avail int64) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	need := sim.EstimateMemory(spec, workers)
	if avail <= 0 || need <= avail {
		return nil
	}
	return fmt.Errorf("%d states on %d workers need about %s of memory (%s a worker), more than the %s available; use fewer --workers, or a machine with more memory",
		len(spec.States), workers, gib(need), gib(need/int64(workers)), gib(avail))
}

func gib(b int64) string { return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30)) }

// availableMemory returns the bytes this process may still use: the kernel's MemAvailable,
// or the cgroup's limit (a Slurm job's memory) when lower; 0 when neither can be read.
func availableMemory() int64 {
	var avail int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64); err == nil {
					avail = kb << 10
				}
			}
		}
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if limit, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && limit > 0 {
			used := int64(0)
			if b, err := os.ReadFile("/sys/fs/cgroup/memory.current"); err == nil {
				used, _ = strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
			}
			if free := limit - used; avail == 0 || free < avail {
				avail = free
			}
		}
	}
	return avail
}
