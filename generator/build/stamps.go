package build

import "tusach/generator/content"

// OutOfDate compares the site folder with what the last good run read,
// without reading any file: it returns the paths (relative to the site
// folder) of files changed, added or removed since, for a Run — a safety
// net for changes the watcher did not report; nil when the run is up to
// date or there is none yet. It walks the folder without holding the
// pipeline (it compares holding it: a body edit updates the stamps in place).
func (p *Pipeline) OutOfDate() []string {
	p.mu.Lock()
	none := p.last == nil
	p.mu.Unlock()
	if none {
		return nil
	}
	now := content.SiteStamps(p.opts.Source)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		return nil
	}
	return p.last.stamps.Changed(now)
}
