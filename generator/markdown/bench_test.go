package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// benchWords is a small Vietnamese vocabulary for generated documents.
var benchWords = strings.Fields(`xây dựng chỉnh đốn Đảng và hệ thống chính trị kiên quyết ngăn chặn
đẩy lùi xử lý nghiêm cán bộ đảng viên suy thoái về tư tưởng đạo đức lối sống biểu hiện
tự diễn biến chuyển hóa thành phố sẽ tiếp tục thể chế hóa nội dung nghị quyết trung ương
khóa nhất là những vấn đề kiểm soát quyền lực phòng chống tham nhũng tiêu cực nâng cao
hiệu lực quả hoạt động của cơ quan hành chính nhà nước các cấp góp phần trong sạch vững mạnh`)

// benchDoc generates a deterministic document of about words words in 20
// sections, with emphasis, links, a table per few sections, an alert and
// footnotes, like the benchmark corpus.
func benchDoc(words int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("# Kế hoạch số 205/KH-UBND\n\n")
	perSection := words * 2 / 3 / 20 // links, bold and table cells add words
	for s := 1; s <= 20; s++ {
		fmt.Fprintf(&b, "## %d. Nhiệm vụ %s %s\n\n", s, benchWords[rng.IntN(len(benchWords))], benchWords[rng.IntN(len(benchWords))])
		for w := 0; w < perSection; {
			n := 10 + rng.IntN(30)
			for i := 0; i < n; i++ {
				switch rng.IntN(60) {
				case 0:
					b.WriteString("**" + benchWords[rng.IntN(len(benchWords))] + "** ")
				case 1:
					b.WriteString("[văn bản](../van-ban/ke-hoach-205.md#dieu-1) ")
				case 2:
					b.WriteString(`"trích dẫn" `)
				default:
					b.WriteString(benchWords[rng.IntN(len(benchWords))] + " ")
				}
			}
			w += n
			b.WriteString("kết thúc.\n\n")
		}
		switch s % 5 {
		case 0:
			b.WriteString("| Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|\n")
			for r := 0; r < 4; r++ {
				b.WriteString("| Sinh hoạt chính trị | Sở Nội vụ | Quý III/2022 |\n")
			}
			b.WriteString("\n")
		case 2:
			fmt.Fprintf(&b, "> [!NOTE]\n> Ghi chú số %d[^%d].\n\n", s, s)
		}
	}
	for s := 2; s <= 20; s += 5 {
		fmt.Fprintf(&b, "[^%d]: Theo [Kết luận](b.md) số 21-KL/TW.\n", s)
	}
	return b.Bytes()
}

func TestBenchDocSize(t *testing.T) {
	res := New(Options{}).Render(testInput(string(benchDoc(1600))))
	if res.Words < 1500 || res.Words > 2000 {
		t.Errorf("bench document has %d words, want about 1,600", res.Words)
	}
	if len(res.Errors) != 0 {
		t.Errorf("bench document has errors: %v", res.Errors)
	}
}

func BenchmarkRender(b *testing.B) {
	src := benchDoc(1600)
	r := New(Options{})
	in := testInput(string(src))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(in)
	}
}

// TestRenderConcurrent renders documents from many goroutines with one
// Renderer and checks each result against a serial rendering.
func TestRenderConcurrent(t *testing.T) {
	r := New(Options{})
	docs := []string{string(benchDoc(400)), "# Đảng\n\n## Đảng\n\n[x](khong-co.md)", "> [!TIP]\n> Mẹo [b](b.md)."}
	want := make([]Result, len(docs))
	for i, d := range docs {
		want[i] = r.Render(testInput(d))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				k := (g + i) % len(docs)
				got := r.Render(testInput(docs[k]))
				if !bytes.Equal(got.HTML, want[k].HTML) || got.Words != want[k].Words ||
					len(got.Headings) != len(want[k].Headings) || len(got.Errors) != len(want[k].Errors) {
					t.Errorf("concurrent render of doc %d differs from serial", k)
					return
				}
			}
		}()
	}
	wg.Wait()
}
