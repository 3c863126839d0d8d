package content

import (
	"strconv"
	"strings"
)

// Leftover reports whether a file or folder name (the last element of a
// path) belongs to an editor, the operating system or a tool rather than
// to the site. The loader skips such names (they are never published) and
// the watcher of `tusach serve` ignores changes to them; both use this
// one rule:
//
//   - hidden names, starting with "." (vim's .a.md.swp, Emacs' .#a.md lock
//     files, gedit's .goutputstream-*, macOS .DS_Store, .git)
//   - backups ending in "~" (vim's a.md~) and Emacs autosaves "#a.md#"
//   - swap, backup and temporary files: *.swp, *.swo, *.swx, *.tmp, *.temp,
//     *.bak; Office lock files "~$bai.docx"
//   - vim's write probes 4913, 5036, 5159, … (4913 + k·123)
//   - JetBrains' safe-write copies *___jb_tmp___ and *___jb_old___
//   - Windows' Thumbs.db and desktop.ini
func Leftover(name string) bool {
	if name == "" || name == "." || name == ".." {
		return true
	}
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasPrefix(name, "~$"),
		strings.HasSuffix(name, "~"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	lower := strings.ToLower(name)
	switch lower {
	case "thumbs.db", "desktop.ini":
		return true
	}
	for _, ext := range []string{".swp", ".swo", ".swx", ".tmp", ".temp", ".bak"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return isVimProbe(name)
}

// isVimProbe reports whether name is one of the numbered files vim creates
// to test whether it may write into a folder: 4913, then 4913+123, … while
// the name is taken.
func isVimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	if err != nil || strconv.Itoa(n) != name {
		return false
	}
	return n >= 4913 && (n-4913)%123 == 0
}
