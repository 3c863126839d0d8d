package search

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tusach/generator/internal/testsite"
	"tusach/generator/viet"
)

// corpusLine is one document of corpus.jsonl.
type corpusLine struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Number   *string `json:"number"`
	Issuer   string  `json:"issuer"`
	Date     *string `json:"date"`
	Body     string  `json:"body"`
	Category string  `json:"category"`
	Law      string  `json:"law"`
}

// loadCorpus converts corpus.jsonl into documents to index, with the id of
// each.
func loadCorpus(t testing.TB) ([]Doc, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join(testsite.Corpus(t), "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []Doc
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var l corpusLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("corpus.jsonl line %d: %v", len(docs)+1, err)
		}
		d := Doc{
			URL:    "van-ban/" + viet.Slug(l.ID) + ".html",
			Title:  l.Title,
			Issuer: l.Issuer,
			Tags:   []string{l.Category},
		}
		if l.Law != "" {
			d.Tags = append(d.Tags, l.Law)
			d.Section = l.Law
		}
		if l.Number != nil {
			d.Number = *l.Number
		}
		if l.Date != nil && len(*l.Date) >= 10 {
			var y, m, day int
			if n, _ := sscanDate(*l.Date, &y, &m, &day); n == 3 {
				d.Year = y
				d.Date = viet.ShortDate(dateOf(y, m, day))
			}
		}
		var paras []string
		for _, p := range strings.Split(l.Body, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		d.Parts = []Part{{Text: strings.Join(paras, "\n")}}
		docs = append(docs, d)
		ids = append(ids, l.ID)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs, ids
}

// evalQuery is one line of queries-dev.jsonl.
type evalQuery struct {
	Query    string   `json:"query"`
	Relevant []string `json:"relevant_ids"`
	QID      string   `json:"qid"`
}

func loadQueries(t testing.TB) []evalQuery {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testsite.Corpus(t), "queries-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var qs []evalQuery
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var q evalQuery
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatalf("queries-dev.jsonl line %d: %v", i+1, err)
		}
		qs = append(qs, q)
	}
	return qs
}
