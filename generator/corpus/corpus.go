// Package corpus turns a JSON Lines corpus of Vietnamese documents (the
// shared test corpus: one object per line with id, title, number, issuer,
// date, body, category and law) into a tusach site folder, so that tests and
// benchmarks can build a real site of thousands of documents.
//
// Each line becomes content/<id>.md (every id segment made a slug) with YAML
// front matter; body paragraphs, separated by blank lines, become Markdown
// paragraphs. The corpus text is only read at test time and written to
// temporary folders; it is never part of the repository.
package corpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"tusach/generator/viet"
)

// Record is one line of the corpus.
type Record struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Number   string `json:"number"`
	Issuer   string `json:"issuer"`
	Date     string `json:"date"`
	Body     string `json:"body"`
	Source   string `json:"source"`
	Category string `json:"category"`
	Law      string `json:"law"`
}

// Dir is the folder of the shared corpus: $TUSACH_CORPUS, else ../shared/corpus
// found from the working directory upwards (tests run in package folders).
func Dir() (string, error) {
	if d := os.Getenv("TUSACH_CORPUS"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "corpus.jsonl")); err != nil {
			return "", fmt.Errorf("corpus: TUSACH_CORPUS=%s: %w", d, err)
		}
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		c := filepath.Join(dir, "..", "shared", "corpus")
		if _, err := os.Stat(filepath.Join(c, "corpus.jsonl")); err == nil {
			return filepath.Clean(c), nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("corpus: ../shared/corpus/corpus.jsonl not found above %s (set TUSACH_CORPUS)", wd)
		}
	}
}

// Path returns the content path of a record id: "vlc/Luat-Dat-dai-123" →
// "vlc/luat-dat-dai-123.md".
func Path(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		if s := viet.Slug(p); s != "" {
			parts[i] = s
		} else {
			parts[i] = "x"
		}
	}
	return path.Join(parts...) + ".md"
}

// frontMatter is what a converted document carries.
type frontMatter struct {
	Title  string   `yaml:"title"`
	Number string   `yaml:"number,omitempty"`
	Type   string   `yaml:"type,omitempty"`
	Issuer string   `yaml:"issuer,omitempty"`
	Issued string   `yaml:"issued,omitempty"`
	Tags   []string `yaml:"tags,omitempty"`
	Topics []string `yaml:"topics,omitempty"`
	ID     string   `yaml:"corpus_id"`
}

var typeOf = map[string]string{
	"legal-article":  "Điều luật",
	"legal-document": "Luật",
	"news-politics":  "Tin tức",
	"news-society":   "Tin tức",
}

// Markdown returns the document a record becomes.
func Markdown(r Record) ([]byte, error) {
	fm := frontMatter{Title: r.Title, Number: r.Number, Type: typeOf[r.Category], Issuer: r.Issuer, Issued: r.Date, ID: r.ID}
	if fm.Title == "" {
		fm.Title = r.ID
	}
	if r.Category != "" {
		fm.Tags = []string{r.Category}
	}
	if r.Law != "" {
		fm.Topics = []string{r.Law}
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", r.ID, err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n\n")
	for _, para := range strings.Split(r.Body, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		for _, line := range strings.Split(para, "\n") {
			b.WriteString(escapeLine(strings.TrimSpace(line)))
			b.WriteString("  \n") // keep the text's own line breaks
		}
		b.WriteString("\n")
	}
	return []byte(b.String()), nil
}

// escapeLine keeps plain text from being read as Markdown markup that would
// change it: headings, block quotes, raw HTML, emphasis and links.
func escapeLine(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "<", `\<`, "*", `\*`, "_", `\_`, "[", `\[`, "`", "\\`")
	s = r.Replace(s)
	if s != "" && strings.ContainsRune("#>+-=|", rune(s[0])) {
		s = `\` + s
	}
	return s
}

// Options limit a conversion.
type Options struct {
	Limit int // convert at most this many records; 0 for all
}

// Convert reads records from r and writes a site into dir (dir/content/...,
// with a content/_index.md of site settings). It returns the records written.
func Convert(r io.Reader, dir string, opts Options) ([]Record, error) {
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	index := "---\ntitle: Kho văn bản thử nghiệm\ndescription: Văn bản pháp luật và tin tức, dùng để kiểm thử tusach.\nlanguage: vi\n---\n\nKho văn bản dùng cho kiểm thử và đo hiệu năng.\n"
	if err := os.WriteFile(filepath.Join(content, "_index.md"), []byte(index), 0o644); err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	seen := map[string]bool{}
	var recs []Record
	errStop := errors.New("limit reached")
	err := Each(r, func(rec Record) error {
		if opts.Limit > 0 && len(recs) >= opts.Limit {
			return errStop
		}
		p := Path(rec.ID)
		for i := 2; seen[strings.ToLower(p)]; i++ {
			p = strings.TrimSuffix(Path(rec.ID), ".md") + fmt.Sprintf("-%d.md", i)
		}
		seen[strings.ToLower(p)] = true
		md, err := Markdown(rec)
		if err != nil {
			return err
		}
		file := filepath.Join(content, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(file, md, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if err := writeSectionIndexes(content, recs); err != nil {
		return nil, err
	}
	return recs, nil
}

// Each calls fn with every record read from r, in order, and stops at the
// first error fn returns, returning it.
func Each(r io.Reader, fn func(Record) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("corpus: line %d: %w", line, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// Real calls fn with every real document the tests know: each record of the
// shared corpus (see [Dir]) as [Markdown] makes it, named by its id, and each
// .md file under the folders dirs as it is, named by its path, with a zero
// Record. It stops at the first error.
func Real(fn func(name string, md []byte, rec Record) error, dirs ...string) error {
	dir, err := Dir()
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	err = Each(f, func(r Record) error {
		md, err := Markdown(r)
		if err != nil {
			return err
		}
		return fn(r.ID, md, r)
	})
	for _, d := range dirs {
		if err != nil {
			break
		}
		err = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || filepath.Ext(p) != ".md" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("corpus: %w", err)
			}
			return fn(filepath.ToSlash(p), data, Record{})
		})
	}
	return err
}

// Limit is a named bound on some quantity of one document.
type Limit struct {
	Name  string
	Value int
}

// Largest keeps, for each of a list of limits, the largest value real
// documents reach and the first document that reaches it.
type Largest struct {
	Limits []Limit
	Values []int
	Docs   []string
}

// NewLargest returns a Largest for limits, with nothing seen yet.
func NewLargest(limits ...Limit) *Largest {
	return &Largest{Limits: limits, Values: make([]int, len(limits)), Docs: make([]string, len(limits))}
}

// See records the values of doc, one for each limit in order.
func (l *Largest) See(doc string, values ...int) {
	for i, v := range values {
		if v > l.Values[i] {
			l.Values[i], l.Docs[i] = v, doc
		}
	}
}

// Report returns one line per limit giving the largest value and where,
// and an error naming the limits that some document reaches more than a
// fraction 1/room of.
func (l *Largest) Report(room int) (string, error) {
	var lines, tooClose []string
	for i, lim := range l.Limits {
		line := fmt.Sprintf("%-28s limit %8d, largest real %7d in %s", lim.Name, lim.Value, l.Values[i], l.Docs[i])
		lines = append(lines, line)
		if l.Values[i] > lim.Value/room {
			tooClose = append(tooClose, line)
		}
	}
	if len(tooClose) > 0 {
		return strings.Join(lines, "\n"), fmt.Errorf("real documents reach more than 1/%d of a limit:\n%s", room, strings.Join(tooClose, "\n"))
	}
	return strings.Join(lines, "\n"), nil
}

// sourceTitles name the corpus's own folders, which no record names.
var sourceTitles = map[string]string{
	"alqac":      "Điều luật (ALQAC)",
	"vlc":        "Văn bản luật (VLC)",
	"vntc":       "Tin tức (VNTC)",
	"vntc/train": "Tin tức: tập huấn luyện",
	"vntc/test":  "Tin tức: tập kiểm tra",
}

// noteTitles records the section title of folder dir (a content path) and
// of its ancestors: a law's articles' folder is named after the law (the
// record's law field, as first met), the corpus's own folders from
// sourceTitles.
func noteTitles(titles map[string]string, dir, law string) {
	if law != "" && titles[dir] == "" {
		titles[dir] = law
	}
	for d := dir; d != "."; d = path.Dir(d) {
		if t, ok := sourceTitles[d]; ok && titles[d] == "" {
			titles[d] = t
		}
	}
}

// writeSectionIndexes writes an _index.md with a title into the folder of
// every law and of the corpus's sources, so that sections carry their real
// names, with marks.
func writeSectionIndexes(content string, recs []Record) error {
	titles := map[string]string{} // content folder → section title
	for _, rec := range recs {
		noteTitles(titles, path.Dir(Path(rec.ID)), rec.Law)
	}
	for dir, title := range titles {
		head, err := yaml.Marshal(struct {
			Title string `yaml:"title"`
		}{title})
		if err != nil {
			return fmt.Errorf("corpus: %s: %w", dir, err)
		}
		file := filepath.Join(content, filepath.FromSlash(dir), "_index.md")
		if err := os.WriteFile(file, []byte("---\n"+string(head)+"---\n"), 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}
