//go:build !race

package theme

// mutationStride is how many mutations TestPagePrintsCoverTemplates takes
// one of: all of them without the race detector.
const mutationStride = 1
