//go:build race

package theme

// mutationStride is how many mutations TestPagePrintsCoverTemplates takes
// one of: under the race detector, which slows rendering tenfold, every
// fourth (every kind of field still appears many times over).
const mutationStride = 4
