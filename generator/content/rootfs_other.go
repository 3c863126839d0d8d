//go:build !unix

package content

// openNoBlock is empty where FIFOs cannot appear in a folder (Windows).
const openNoBlock = 0
