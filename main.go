// Command tusach builds a static study site for Vietnamese documents.
//
// The default theme (the templates/ folder) is embedded in the binary, so
// "tusach build --source DIR" works anywhere. See README.md.
package main

import (
	"embed"
	"io/fs"

	"tusach/generator/cli"
)

//go:embed all:templates
var embedded embed.FS

// version is set at link time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	theme, err := fs.Sub(embedded, "templates")
	if err != nil {
		panic(err)
	}
	cli.Main(theme, version)
}
