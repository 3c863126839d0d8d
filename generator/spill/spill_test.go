package spill

import (
	"errors"
	"os"
	"slices"
	"sync"
	"testing"

	"tusach/generator/content"
	"tusach/generator/markdown"
)

func newFile(t *testing.T) (*File, string) {
	t.Helper()
	dir := t.TempDir()
	f, err := New(dir, "public")
	if err != nil {
		t.Fatal(err)
	}
	return f, dir
}

// TestPutGet reads back what concurrent writers put, piece by piece.
func TestPutGet(t *testing.T) {
	f, _ := newFile(t)
	defer f.Close()
	pieces := [][]byte{[]byte("một"), nil, []byte("<p>hai</p>"), make([]byte, 70000)}
	spans := make([]Span, len(pieces))
	var wg sync.WaitGroup
	for i, p := range pieces {
		wg.Go(func() { spans[i] = f.Put(p) })
	}
	wg.Wait()
	for i, p := range pieces {
		got, err := f.Get(spans[i])
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(p) {
			t.Errorf("piece %d: got %d bytes %.20q, want %d bytes %.20q", i, len(got), got, len(p), p)
		}
	}
	if err := f.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
}

// TestTexts reads back lists of texts, empty ones included.
func TestTexts(t *testing.T) {
	f, _ := newFile(t)
	defer f.Close()
	for _, texts := range [][]string{nil, {""}, {"Điều 1", "", "Điều 2"}} {
		got, err := f.GetTexts(f.PutTexts(texts))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, texts) {
			t.Errorf("got %q, want %q", got, texts)
		}
	}
	// A span that does not hold texts is reported, not read past.
	sp := f.Put([]byte{0xff, 0x01})
	if _, err := f.GetTexts(sp); err == nil {
		t.Error("GetTexts of bytes that are no text list: no error")
	}
}

// TestBody: KeepBody lets go of a document's Markdown, Body gives it back
// once; a document never kept answers its own body.
func TestBody(t *testing.T) {
	f, _ := newFile(t)
	defer f.Close()
	kept := &content.Document{Body: []byte("# Tiêu đề\n")}
	f.KeepBody(kept)
	if kept.Body != nil {
		t.Errorf("after KeepBody the document still holds %q", kept.Body)
	}
	got, err := f.Body(kept)
	if err != nil || string(got) != "# Tiêu đề\n" {
		t.Errorf("Body = %q, %v", got, err)
	}
	other := &content.Document{Body: []byte("x")}
	if got, _ := f.Body(other); string(got) != "x" {
		t.Errorf("Body of a document never kept = %q, want its own", got)
	}
}

// TestFirstErrorSticks: Fail records the first error only.
func TestFirstErrorSticks(t *testing.T) {
	f, _ := newFile(t)
	defer f.Close()
	first, second := errors.New("first"), errors.New("second")
	f.Fail(first)
	f.Fail(second)
	if !errors.Is(f.Err(), first) {
		t.Errorf("Err() = %v, want %v", f.Err(), first)
	}
}

// TestCloseLeavesNothing: once closed, no spill file is left in the folder.
func TestCloseLeavesNothing(t *testing.T) {
	f, dir := newFile(t)
	f.Put([]byte("x"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("after Close the folder holds %v", left)
	}
}

// TestOutline reads back outlines, empty ones included, and reports bytes
// that are no outline instead of reading past them.
func TestOutline(t *testing.T) {
	f, _ := newFile(t)
	defer f.Close()
	tests := []struct {
		name     string
		headings []markdown.Heading
		sections []markdown.Section
	}{
		{"none", nil, nil},
		{"text before any heading", nil, []markdown.Section{{Text: "Lời nói đầu"}}},
		{"headings and sections", []markdown.Heading{{Level: 1, ID: "ke-hoach", Text: "Kế hoạch", Line: 7}, {Level: 4, ID: "dieu-1", Text: "Điều 1.", Line: 1200}},
			[]markdown.Section{{Text: "mở đầu"}, {ID: "dieu-1", Heading: "Điều 1.", Text: "Phạm vi"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			headings, sections, err := f.GetOutline(f.PutOutline(tt.headings, tt.sections))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(headings, tt.headings) {
				t.Errorf("headings %+v, want %+v", headings, tt.headings)
			}
			want := slices.Clone(tt.sections)
			for i := range want {
				want[i].Text = "" // spilled apart (PutTexts)
			}
			if !slices.Equal(sections, want) {
				t.Errorf("sections %+v, want %+v", sections, want)
			}
		})
	}
	for _, bad := range [][]byte{{0xff}, {0x05, 0x01}, {0x00, 0x01, 0x09, 'a'}, {0x00, 0x00, 'x'}} {
		if _, _, err := f.GetOutline(f.Put(bad)); err == nil {
			t.Errorf("GetOutline of % x: no error", bad)
		}
	}
}
