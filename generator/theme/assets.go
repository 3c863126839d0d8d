package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"tusach/generator/diag"
)

// Asset is one file of the theme to copy into the site.
type Asset struct {
	// Out is the output path, root-relative, with the first 8 hex digits of
	// the SHA-256 of the content before the extension:
	// "assets/style.1a2b3c4d.css". A changed file gets a new name, so
	// servers may cache assets forever.
	Out string
	// Src is the file's path in the theme file system: "assets/style.css".
	Src string
}

// Assets returns the files to copy, sorted by Src.
func (t *Theme) Assets() []Asset { return append([]Asset(nil), t.list...) }

// PutAssets reads every asset, sorted by Src, and gives it to put by its
// output path.
func (t *Theme) PutAssets(put func(out string, data []byte) error) error {
	for _, a := range t.list {
		data, err := fs.ReadFile(t.fsys, a.Src)
		if err != nil {
			return fmt.Errorf("theme: %s: %w", a.Src, err)
		}
		if err := put(a.Out, data); err != nil {
			return err
		}
	}
	return nil
}

// Icon returns the output path of the site's icon (assets/favicon.svg,
// fingerprinted), what the web app manifest names; "" when the theme has
// none.
func (t *Theme) Icon() string { return t.assets["favicon.svg"].Out }

// loadAssets fingerprints every file under assets/ (hidden files skipped).
func (t *Theme) loadAssets() *diag.Error {
	t.assets = map[string]Asset{}
	err := fs.WalkDir(t.fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "assets" {
				return fs.SkipAll
			}
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != "assets" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(t.fsys, p)
		if err != nil {
			return err
		}
		a := Asset{Src: p, Out: fingerprint(p, data)}
		t.assets[strings.TrimPrefix(p, "assets/")] = a
		t.list = append(t.list, a)
		return nil
	})
	if err != nil {
		return &diag.Error{Path: "templates/assets", Msg: "cannot read the theme's assets", Err: err}
	}
	sort.Slice(t.list, func(i, j int) bool { return t.list[i].Src < t.list[j].Src })
	return nil
}

// fingerprint inserts a short content hash before the extension:
// "assets/style.css" → "assets/style.1a2b3c4d.css".
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:4])
	ext := path.Ext(name)
	if ext == "" || ext == name || strings.HasSuffix(name, "/"+ext) {
		return name + "." + hash
	}
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// readStrings reads i18n/<lang>.json, a flat object of key → string. A
// missing file gives an empty table; malformed JSON is an error.
func readStrings(fsys fs.FS, lang string, errs diag.List) (map[string]string, diag.List) {
	name := "i18n/" + lang + ".json"
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, errs
	}
	if err != nil {
		errs.Add(&diag.Error{Path: templatePath(name), Msg: "cannot read UI strings", Err: err})
		return map[string]string{}, errs
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		e := &diag.Error{Path: templatePath(name), Msg: "want a flat JSON object of strings", Err: err}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			e.Line = lineAt(data, se.Offset)
		}
		errs.Add(e)
		return map[string]string{}, errs
	}
	return m, errs
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line := 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
		}
	}
	return line
}

// assetPath returns the fingerprinted output path of assets/<name>.
func (t *Theme) assetPath(name string) (string, error) {
	a, ok := t.assets[name]
	if !ok {
		return "", fmt.Errorf("no asset %q in templates/assets", name)
	}
	return a.Out, nil
}
