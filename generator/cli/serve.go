package cli

import (
	"context"
	"flag"
	"fmt"
	"os/exec"

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
	open := fl.Bool("open", false, "open the site in the default browser (xdg-open)")
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

// openBrowser opens url with xdg-open when there is one; failing is only
// worth a warning.
func openBrowser(env Env, url string) {
	bin, err := exec.LookPath("xdg-open")
	if err != nil {
		fmt.Fprintf(env.Stderr, "tusach: --open: xdg-open not found; open %s yourself\n", diag.Escape(url))
		return
	}
	cmd := exec.Command(bin, url)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(env.Stderr, "tusach: --open: %s\n", diag.Escape(err.Error()))
		return
	}
	go cmd.Wait() // reap it; its exit status does not matter
}
