package content

import (
	"fmt"
	"strings"

	"tusach/generator/diag"
)

// windowsForbidden are the characters Windows and FAT do not allow in a file
// name (besides controls and the separators / and \).
const windowsForbidden = `<>:"|?*`

// windowsDeviceNames are the names Windows keeps for devices, whatever the
// case and whatever extension follows ("con.md", "Aux.txt", "com1.pdf"):
// such a file cannot be created, copied or opened there.
var windowsDeviceNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true, "conin$": true, "conout$": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true,
	"com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"com¹": true, "com²": true, "com³": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true,
	"lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
	"lpt¹": true, "lpt²": true, "lpt³": true,
}

// nameProblem says why a file or folder name under content/ cannot be
// published, or returns "" when it can. A published name must be one that
// every reader's system can hold (Windows, FAT-formatted USB sticks, zip
// archives unpacked anywhere) and that a link can name without escaping:
//
//   - no "\" (a folder separator on Windows and in some unzip tools);
//   - no control or bidirectional formatting character;
//   - none of < > : " | ? * (Windows and FAT refuse them);
//   - no "#" or "%" (a link would read them as the start of a fragment or an
//     escape, so the file could not be linked by its name);
//   - not ending in a dot or a space (Windows drops them);
//   - not a Windows device name (con, prn, aux, nul, com0–com9, lpt0–lpt9),
//     with or without an extension.
func nameProblem(name string) string {
	if strings.ContainsRune(name, '\\') {
		return `contains "\", which Windows and zip tools read as a folder separator; rename it`
	}
	for _, r := range name {
		if diag.Hidden(r) || r == '\t' || r == '\n' {
			return fmt.Sprintf("contains the control character %U; rename it", r)
		}
	}
	if i := strings.IndexAny(name, windowsForbidden); i >= 0 {
		return fmt.Sprintf("contains %q, which Windows and USB sticks do not allow in names; rename it", name[i:i+1])
	}
	if i := strings.IndexAny(name, "#%"); i >= 0 {
		what := "a place in the page"
		if name[i] == '%' {
			what = "an escape code"
		}
		return fmt.Sprintf("contains %q, which a link reads as the start of %s, so no link could reach it; rename it", name[i:i+1], what)
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "ends in a dot or a space, which Windows drops, so it would not be found; rename it"
	}
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToLower(strings.TrimRight(stem, " "))
	if windowsDeviceNames[stem] {
		return fmt.Sprintf("%q is the name of a device on Windows, where such a file cannot be opened or copied; rename it", stem)
	}
	return ""
}
