// Package hosting holds the end-to-end tests of the places a built site is
// read from: opened from disk (file://) after unzipping, served by Debian's
// nginx under a sub-path with precompressed files, and as an offline web
// app that keeps working when its server is gone. Every test runs real
// headless Chromium (and real nginx) that it starts and stops itself on
// free loopback ports; a missing component fails the test, never skips it.
//
// The nginx configuration the tests run is the one in the repository's
// README.md, so the documented configuration is the tested one.
package hosting
