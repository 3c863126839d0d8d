package output

import (
	"fmt"

	"tusach/generator/offline"
)

// PutOffline puts the web app manifest of s, then the offline files
// (offline.json and sw.js, [offline.Finish]) made from the sums of every
// other file put so far: the last files of a tree. l is the Listing of the
// tree m started from (nil for none), or of an earlier tree, whose files
// since changed are named in behind: an overlay encodes again only the
// entries of the files it or they changed. It returns the Listing of the
// new tree.
func (m *Maker) PutOffline(l *offline.Listing, behind []string, s offline.Site) (*offline.Listing, error) {
	man, err := offline.Manifest(s)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := m.Put(offline.ManifestName, man); err != nil {
		return nil, err
	}
	changed := m.Changed()
	if changed != nil { // nil: not an overlay, every entry is made again
		changed = append(changed, behind...)
	}
	l, files := l.Next(m.Names(), m.Sum, changed)
	if err := m.PutRaw(files[0].Name, files[0].Data); err != nil { // offline.json, compact already
		return nil, err
	}
	return l, m.Put(files[1].Name, files[1].Data)
}
