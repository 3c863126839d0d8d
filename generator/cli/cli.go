// Package cli is tusach's command line: it parses arguments, calls the build
// pipeline, and turns results into messages and exit codes.
//
//	tusach build [--source DIR] [--dest DIR] [--force] [--drafts] [--base-url URL] [--zip FILE] [--precompress] [--quiet]
//	tusach serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--base-path /hoc-tap/] [--drafts] [--open]
//	tusach version
//	tusach help [command]
//
// Exit codes: 0 on success; 1 when content or templates are wrong (every
// error is listed first, one per line, as "path:line: what is wrong") or
// the destination is refused; 2 on a usage error. Every message goes
// through diag.Escape: no control character from a file name reaches the
// terminal.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"tusach/generator/build"
	"tusach/generator/content"
	"tusach/generator/diag"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

// Env is what the command line runs with: the embedded default theme, the
// version string, and where output goes.
type Env struct {
	Theme   fs.FS
	Version string
	Stdout  io.Writer
	Stderr  io.Writer
	// Terminal reports whether Stderr is a terminal, to show progress.
	Terminal bool
}

const usage = `tusach builds a static study site from Markdown.

Usage:
  tusach build [--source DIR] [--dest DIR] [--force] [--drafts] [--base-url URL]
               [--zip FILE] [--precompress] [--quiet]
  tusach serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--base-path /hoc-tap/] [--drafts] [--open]
  tusach version
  tusach help [command]

Run "tusach help build" for the flags of a command.
`

// Run runs the command line args (without the program name) and returns the
// exit code.
func Run(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(ctx, env, rest)
	case "serve":
		return runServe(ctx, env, rest)
	case "version", "--version", "-version":
		fmt.Fprintf(env.Stdout, "tusach %s\n", env.Version)
		return ExitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] == "build" {
			return runBuild(ctx, env, []string{"--help"})
		}
		if len(rest) > 0 && rest[0] == "serve" {
			return runServe(ctx, env, []string{"--help"})
		}
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(env.Stderr, "tusach: unknown command %q\n\n%s", cmd, usage)
		return ExitUsage
	}
}

// Main runs the command line of the process and exits.
func Main(theme fs.FS, version string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	env := Env{Theme: theme, Version: version, Stdout: os.Stdout, Stderr: os.Stderr, Terminal: isTerminal(os.Stderr)}
	code := Run(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runBuild(ctx context.Context, env Env, args []string) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(lineEscaper{env.Stderr})
	opts := build.Options{Theme: env.Theme}
	fl.StringVar(&opts.Source, "source", ".", "site `folder` holding content/ and optionally templates/")
	fl.StringVar(&opts.Dest, "dest", "", "output `folder` (default SOURCE/public)")
	fl.BoolVar(&opts.Drafts, "drafts", false, "include documents marked draft: true")
	fl.StringVar(&opts.BaseURL, "base-url", "", "absolute `URL` the site is served at, for the sitemap and feed")
	fl.BoolVar(&opts.Precompress, "precompress", false, "also write .gz and .br copies of text files, for web servers that send them as they are")
	fl.StringVar(&opts.Zip, "zip", "", "also write the finished site as the zip `FILE`, under one folder named after it")
	fl.BoolVar(&opts.Force, "force", false, "replace the destination even when it holds files tusach did not write (never the sources)")
	quiet := fl.Bool("quiet", false, "print only errors")
	fl.Usage = func() {
		fmt.Fprint(env.Stderr, "Usage: tusach build [flags]\n\nBuilds the site into the destination folder, replacing it only when the build succeeds. A folder that\n"+
			"holds files tusach did not write is refused unless --force; the sources and the folders above them always are.\n\n")
		fl.PrintDefaults()
	}
	if code, ok := parseCommand(env, fl, args, &opts.Source); !ok {
		return code
	}
	base, err := content.ParseBaseURL(opts.BaseURL)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tusach build: --base-url: %s\n", diag.Escape(err.Error()))
		return ExitUsage
	}
	opts.BaseURL = base
	limitBuildMemory(os.Getenv)
	var prog *progressLine
	if env.Terminal && !*quiet {
		prog = &progressLine{w: env.Stderr, start: time.Now()}
		opts.Progress = prog.update
	}
	st, err := build.Build(ctx, opts)
	prog.clear()
	if err != nil {
		if errors.Is(err, build.ErrContent) {
			list := diag.AsList(err)
			for _, e := range list {
				fmt.Fprintln(env.Stderr, e.Error()) // escaped by diag
			}
			fmt.Fprintf(env.Stderr, "tusach: build failed: %d %s; %s left unchanged\n",
				len(list), plural(len(list), "error", "errors"), destName(opts))
			return ExitContent
		}
		fmt.Fprintf(env.Stderr, "tusach: %s\n", diag.Escape(err.Error()))
		return ExitContent
	}
	for _, w := range st.Warnings {
		fmt.Fprintf(env.Stderr, "tusach: warning: %s\n", w.Error()) // escaped by diag
	}
	if !*quiet {
		warned := ""
		if n := len(st.Warnings); n > 0 {
			warned = fmt.Sprintf(", %d %s", n, plural(n, "warning", "warnings"))
		}
		fmt.Fprintf(env.Stdout, "tusach: %d documents, %d pages, %d files, 0 errors%s, %.2f s → %s\n",
			st.Documents, st.Pages, st.Files, warned, st.Duration.Seconds(), destName(opts))
	}
	return ExitOK
}

// buildMemoryLimit is the soft limit on the Go runtime's memory that
// `tusach build` sets unless the GOMEMLIMIT variable sets one: on the
// generated 100,000 documents (live heap at most about 630 MiB) the
// collector otherwise let the process grow to 1,520–1,810 MiB from run
// to run; with this limit it stayed at 1,488 MiB (1,412 MiB with 1,400
// MiB), in 430 s (413 s) of user CPU against 411–439 s without, which is
// this machine's noise. No effect at 10,000 (about 220 MiB). Sites that need more
// (several hundred thousand documents) still build: the limit is soft,
// the collector only runs more often near it. `serve` keeps far more in
// memory by design (its memos) and sets none.
const buildMemoryLimit = 1536 << 20

// limitBuildMemory sets buildMemoryLimit, unless getenv("GOMEMLIMIT")
// names a limit of the user's own.
func limitBuildMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}

// destName is the destination as the user named it, slash-separated and
// safe to print.
func destName(opts build.Options) string {
	if opts.Dest != "" {
		return diag.Escape(filepath.ToSlash(opts.Dest))
	}
	return diag.Escape(strings.TrimPrefix(filepath.ToSlash(opts.Source)+"/public", "./"))
}

// lineEscaper writes text through diag.Escape but keeps its line breaks and
// tabs, for the flag package's usage and messages, which quote what was
// typed.
type lineEscaper struct{ w io.Writer }

func (l lineEscaper) Write(p []byte) (int, error) {
	var b strings.Builder
	for i, line := range strings.Split(string(p), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, cell := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(diag.Escape(cell))
		}
	}
	if _, err := io.WriteString(l.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progressLine shows the build's progress on a terminal once it has run for
// more than a second.
type progressLine struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func (p *progressLine) update(stage string, done, total int) {
	now := time.Now()
	if now.Sub(p.start) < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = now
	p.shown = true
	if total > 0 {
		fmt.Fprintf(p.w, "\r\033[K%s %d/%d (%.1f s)", stage, done, total, now.Sub(p.start).Seconds())
	} else {
		fmt.Fprintf(p.w, "\r\033[K%s… (%.1f s)", stage, now.Sub(p.start).Seconds())
	}
}

func (p *progressLine) clear() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// parseCommand parses the flags of a command and checks that the site
// folder *source exists. When the command must stop (--help, a usage
// error) it returns the exit code and false.
func parseCommand(env Env, fl *flag.FlagSet, args []string, source *string) (int, bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "tusach %s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		return ExitUsage, false
	}
	if st, err := os.Stat(*source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "tusach %s: --source %s: not a folder\n", fl.Name(), diag.Escape(filepath.ToSlash(*source)))
		return ExitUsage, false
	}
	return ExitOK, true
}
