package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestBuildStopsWhenCanceled cancels a build as each stage starts (as Ctrl-C
// does) and checks that it stops with context.Canceled, without a panic
// and without writing the destination.
func TestBuildStopsWhenCanceled(t *testing.T) {
	files := map[string]string{"content/_index.md": "---\ntitle: S\n---\n"}
	for i := range 20 {
		files[fmt.Sprintf("content/a%d.md", i)] = fmt.Sprintf("---\ntitle: A%d\n---\nVăn bản [b](a0.md).\n", i)
	}
	files["content/anh.png"] = "png"
	source := writeSite(t, files)
	for _, stage := range []string{"load", "markdown", "assemble", "pages", "search"} {
		t.Run(stage, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			dest := filepath.Join(t.TempDir(), "public")
			var reached atomic.Bool // Progress is called from every worker
			_, err := Build(ctx, Options{Source: source, Dest: dest, Theme: defaultTheme(t),
				Progress: func(s string, _, _ int) {
					if s == stage {
						reached.Store(true)
						cancel()
					}
				}})
			if !reached.Load() {
				t.Fatalf("stage %q never reported: the test no longer cancels anything", stage)
			}
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Build = %v, want context.Canceled", err)
			}
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("destination written by a canceled build: %v", err)
			}
		})
	}
}
