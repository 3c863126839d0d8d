package cli

import (
	"context"
	"flag"
	"fmt"
	"os/exec"
	"runtime"

	"tusach/generator/diag"
	"tusach/generator/serve"
	"tusach/generator/serve/preview"
)

// runServe runs `tusach serve`: it serves the site with live reload until
// ctx is cancelled (Ctrl-C). Content errors never end it; it exits 1 only
// when it cannot serve (port taken), 2 on a usage error.
func runServe(ctx context.Context, env Env, args []string) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(lineEscaper{env.Stderr})
	opts := serve.Options{Theme: env.Theme, Log: env.Stderr}
	fl.StringVar(&opts.Source, "source", ".", "site `folder` holding content/ and optionally templates/")
	fl.IntVar(&opts.Port, "port", serve.DefaultPort, "TCP `port` to listen on (0 picks a free one)")
	fl.StringVar(&opts.Bind, "bind", serve.DefaultBind, "`address` to listen on; 0.0.0.0 (or any non-loopback address) opens the\n"+
		"preview, drafts included with --drafts, to the network: use it only on a trusted one")
	fl.StringVar(&opts.BasePath, "base-path", "/", "URL `path` the site is served under, as on the intranet, e.g. /hoc-tap/")
	fl.BoolVar(&opts.Drafts, "drafts", false, "include documents marked draft: true")
	open := fl.Bool("open", false, "open the site in the default browser")
	fl.Usage = func() {
		fmt.Fprint(env.Stderr, "Usage: tusach serve [flags]\n\n"+
			"Builds the site into memory, serves it, and rebuilds it and reloads the browser on every change\n"+
			"to content/ and templates/. Errors are shown in the browser and here; the last good build stays served.\n\n")
		fl.PrintDefaults()
	}
	if code, ok := parseCommand(env, fl, args, &opts.Source); !ok {
		return code
	}
	if _, err := preview.NormalizeBasePath(opts.BasePath); err != nil {
		fmt.Fprintf(env.Stderr, "tusach serve: --base-path: %s\n", diag.Escape(err.Error()))
		return ExitUsage
	}
	if opts.Port < 0 || opts.Port > 65535 {
		fmt.Fprintf(env.Stderr, "tusach serve: --port %d: not a port\n", opts.Port)
		return ExitUsage
	}
	if *open {
		opts.Ready = func(url string) { openBrowser(env, url) }
	}
	if err := serve.Run(ctx, opts); err != nil {
		fmt.Fprintf(env.Stderr, "tusach: %s\n", diag.Escape(err.Error()))
		return ExitContent
	}
	return ExitOK
}

// openBrowser opens url in the default browser of the system (see
// browserCommand); failing is only worth a warning.
func openBrowser(env Env, url string) {
	name, args := browserCommand(runtime.GOOS, url)
	bin, err := exec.LookPath(name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tusach: --open: %s not found; open %s yourself\n", name, diag.Escape(url))
		return
	}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(env.Stderr, "tusach: --open: %s\n", diag.Escape(err.Error()))
		return
	}
	go cmd.Wait() // reap it; its exit status does not matter
}

// browserCommand returns the program and arguments that open url in the
// default browser on the system goos: the URL handler of Windows (through
// rundll32, which, unlike "cmd /c start", reads no shell syntax from the
// URL), open on macOS, xdg-open elsewhere.
func browserCommand(goos, url string) (string, []string) {
	switch goos {
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	case "darwin":
		return "open", []string{url}
	}
	return "xdg-open", []string{url}
}
