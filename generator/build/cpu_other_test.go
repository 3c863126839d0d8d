//go:build !unix

package build

// cpuSeconds reports false: this system has no getrusage, so the
// benchmarks report wall time only.
func cpuSeconds() (float64, bool) { return 0, false }
