// Command release packs the tusach programs that `make release` built into
// one archive per platform, and writes their SHA-256 sums:
//
//	go run ./generator/release -version v1.2.0 -time 1767225600 \
//	    -bin dist/.build -out dist -doc README.md windows/amd64 linux/amd64
//
// writes dist/tusach_v1.2.0_windows_amd64.zip (tusach.exe and README.md),
// dist/tusach_v1.2.0_linux_amd64.tar.gz (tusach and README.md) and
// dist/SHA256SUMS. The program of a platform is read from
// <bin>/<os>_<arch>/tusach (tusach.exe on Windows).
//
// The archives are reproducible: entries are sorted, every entry has the
// time given by -time (the commit time, in `make release`), fixed modes and
// owner 0, and the gzip header has no name and no time; the same programs
// and documents always give the same bytes, whatever the times and owners
// of the files on disk.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

// docList is the repeatable -doc flag.
type docList []string

func (d *docList) String() string     { return strings.Join(*d, ",") }
func (d *docList) Set(v string) error { *d = append(*d, v); return nil }

// run parses the command line and writes the archives and SHA256SUMS.
func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("release", flag.ContinueOnError)
	version := fl.String("version", "", "version in the archive names, e.g. v1.2.0")
	epoch := fl.Int64("time", 0, "time of every archive entry, in seconds since 1970 (the commit time)")
	bin := fl.String("bin", "dist/.build", "`folder` holding <os>_<arch>/tusach[.exe]")
	out := fl.String("out", "dist", "`folder` the archives and SHA256SUMS are written to")
	var docs docList
	fl.Var(&docs, "doc", "a `file` put beside the program in every archive (repeatable)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *version == "" || strings.ContainsAny(*version, `/\ `) {
		return fmt.Errorf("-version %q: want a version such as v1.2.0", *version)
	}
	if fl.NArg() == 0 {
		return errors.New("no platform given (e.g. windows/amd64)")
	}
	mtime := time.Unix(*epoch, 0).UTC()
	var written []string
	for _, target := range fl.Args() {
		p, err := writeArchive(target, *version, *bin, *out, docs, mtime)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, p)
		written = append(written, p)
	}
	sums := filepath.Join(*out, "SHA256SUMS")
	if err := writeFileAtomic(sums, func(w io.Writer) error { return writeSums(w, written) }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, sums)
	return nil
}

// writeArchive writes the archive of target ("os/arch") into out and
// returns its path.
func writeArchive(target, version, bin, out string, docs []string, mtime time.Time) (string, error) {
	goos, goarch, ok := strings.Cut(target, "/")
	if !ok || goos == "" || goarch == "" || strings.Contains(goarch, "/") {
		return "", fmt.Errorf("platform %q: want os/arch, e.g. windows/amd64", target)
	}
	program := "tusach"
	if goos == "windows" {
		program += ".exe"
	}
	entries := []entry{{Name: program, Mode: 0o755, Src: filepath.Join(bin, goos+"_"+goarch, program)}}
	for _, d := range docs {
		entries = append(entries, entry{Name: filepath.Base(d), Mode: 0o644, Src: d})
	}
	name := fmt.Sprintf("tusach_%s_%s_%s", version, goos, goarch)
	if goos == "windows" {
		p := filepath.Join(out, name+".zip")
		return p, writeFileAtomic(p, func(w io.Writer) error { return writeZip(w, entries, mtime) })
	}
	p := filepath.Join(out, name+".tar.gz")
	return p, writeFileAtomic(p, func(w io.Writer) error { return writeTarGz(w, entries, mtime) })
}
