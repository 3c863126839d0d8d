package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestQuestions(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     []string // fragments of the HTML, in order
		notWant  []string
		wantErrs []string // "line: message fragment"
	}{
		{
			name: "open question with answer",
			src:  "```cau-hoi\n? Ai ban hành?\n> UBND thành phố.\n```",
			want: []string{`<ol class="questions"`, `<li class="question">`, `<p class="question-text">Ai ban hành?</p>`,
				`<details class="answer"><summary>Xem đáp án</summary>`, "<p>UBND thành phố.</p>", "</details>"},
			notWant: []string{"<pre", "answer-key"},
		},
		{
			name: "multiple choice",
			src:  "```cau-hoi\n? Chọn một\n- [ ] sai\n- [x] đúng\n* [ ] cũng sai\n```",
			want: []string{`<ol class="choices" type="A">`, `<li class="choice">sai</li>`,
				`<li class="choice" data-correct="true">đúng</li>`, `<li class="choice">cũng sai</li>`,
				`<strong class="answer-key">Đáp án: B</strong></p>`},
		},
		{
			name: "several right choices and an explanation",
			src:  "```cau-hoi\n? Chọn\n- [X] a\n- [ ] b\n+ [x] c\n> Vì *thế*.\n```",
			want: []string{`<strong class="answer-key">Đáp án: A, C</strong> Vì <em>thế</em>.</p>`},
		},
		{
			name: "continuation lines and blank lines",
			src:  "```cau-hoi\n? Dòng một\n  dòng hai\n\n? Câu hai\n> đáp\n  tiếp\n> và nữa\n```",
			want: []string{"<p class=\"question-text\">Dòng một\ndòng hai</p>", "<p>đáp\ntiếp\nvà nữa</p>"},
		},
		{
			name: "question without answer has no details",
			src:  "```cau-hoi\n? Bạn nghĩ gì?\n```",
			want: []string{`<p class="question-text">Bạn nghĩ gì?</p>` + "\n</li>"}, notWant: []string{"<details"},
		},
		{
			name:    "inline markdown is escaped HTML",
			src:     "```cau-hoi\n? <b>x</b> & [liên kết](b.md) `mã`\n```",
			want:    []string{`&amp; <a href="b.html">liên kết</a> <code>mã</code>`},
			notWant: []string{"<b>"},
		},
		{
			name: "block syntax stays text",
			src:  "```cau-hoi\n? # không phải tiêu đề\n> 1. không phải danh sách\n```",
			want: []string{`<p class="question-text"># không phải tiêu đề</p>`, "<p>1. không phải danh sách</p>"},
		},
		{
			name:     "broken link in an answer names its line",
			src:      "```cau-hoi\n? Câu\n> [x](khong-co.md)\n```",
			wantErrs: []string{"7: broken link: khong-co.md"},
		},
		{
			name:     "syntax errors",
			src:      "```cau-hoi\n- [x] trước câu hỏi\n> đáp trước câu hỏi\n?\n? Chọn\n- [ ] a\n- [ ] b\n\nlạc dòng\n```",
			wantErrs: []string{"6: questions: choice before", "7: questions: answer before", "8: questions: question without text", "13: questions: want a line", "9: questions: no choice"},
		},
		{
			name:    "other fences are code",
			src:     "```go\n? x\n```",
			want:    []string{`<pre><code class="language-go">? x`},
			notWant: []string{"questions"},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.Render(testInput(tt.src))
			html := string(res.HTML)
			rest := html
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("HTML lacks %q (in order):\n%s", w, html)
					continue
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(html, w) {
					t.Errorf("HTML has %q:\n%s", w, html)
				}
			}
			var got []string
			for _, e := range res.Errors {
				got = append(got, e.Error())
			}
			if len(got) != len(tt.wantErrs) {
				t.Fatalf("errors = %q, want %d like %q", got, len(tt.wantErrs), tt.wantErrs)
			}
			for i, w := range tt.wantErrs {
				if !strings.Contains(got[i], "content/huong-dan/a.md:"+w) {
					t.Errorf("error %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestQuestionsEnglish(t *testing.T) {
	res := New(Options{Lang: "en"}).Render(testInput("```cau-hoi\n? Pick\n- [x] a\n```"))
	for _, w := range []string{"<summary>Show answer</summary>", "Answer: A", `data-right="Right"`} {
		if !bytes.Contains(res.HTML, []byte(w)) {
			t.Errorf("HTML lacks %q:\n%s", w, res.HTML)
		}
	}
}

func TestChoiceLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "27"} {
		if got := choiceLetter(i); got != want {
			t.Errorf("choiceLetter(%d) = %q, want %q", i, got, want)
		}
	}
}

// FuzzQuestions renders arbitrary lines inside a cau-hoi block and checks
// that Render never panics, emits no raw HTML and reports errors inside
// the body.
func FuzzQuestions(f *testing.F) {
	for _, s := range []string{"? a\n- [x] b\n> c", "- [ ] x\n?\n>", "? ```cau-hoi\n? y", "? [a](b.md)\n>  <i>x</i>",
		"?\t\n  \n- [X]\n+ [x] \x00", "? 205/KH-UBND\n- [x] 30/NQ-CP\n> 21-KL/TƯ"} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, body string) {
		src := "```cau-hoi\n" + body + "\n```\n"
		res := r.Render(citeInput(src))
		lines := strings.Count(src, "\n") + 5
		for _, e := range res.Errors {
			if e.Line < 5 || e.Line > lines {
				t.Errorf("error line %d outside the body (5..%d): %v", e.Line, lines, e)
			}
		}
		lower := bytes.ToLower(res.HTML)
		for _, bad := range []string{"<script", "<i>", "<b>", `="javascript:`} {
			if bytes.Contains(lower, []byte(bad)) {
				t.Errorf("HTML contains %q:\n%s", bad, res.HTML)
			}
		}
	})
}
