package search

import "sort"

// stopwords are Vietnamese function words, written as typed. They are
// down-weighted by the searcher, never dropped, and judged on the exact
// form: "đang" is a stopword, "đảng" is not, though both fold to "dang".
// The question words (gì, nào, ai, bao nhiêu, đâu, hãy) are among them: a
// reader's question or keywords often keep them, and they say nothing of
// the topic; so are "đúng" and "sai" of a quiz's "đúng hay sai?" (true or
// false?).
var stopwords = []string{
	"à", "ạ", "ai", "bao", "bị", "bởi", "cả", "các", "cái", "cần", "càng", "chỉ", "chiếc", "cho",
	"chứ", "chưa", "có", "cũng", "của", "cùng", "đã", "đang", "đây", "để", "đến",
	"đều", "điều", "do", "đâu", "đó", "được", "gì", "hay", "hãy", "hoặc", "khi", "không", "là", "lại",
	"lên", "mà", "mỗi", "một", "nào", "này", "nên", "nếu", "ngay", "nhiều", "nhiêu", "như", "nhưng",
	"những", "nơi", "nữa", "ở", "phải", "qua", "ra", "rằng", "rất", "rồi", "sau", "sẽ",
	"so", "sự", "tại", "theo", "thế", "thì", "trên", "trong", "từ", "và", "vẫn", "vào",
	"vậy", "về", "vì", "việc", "với", "vừa", "đúng", "sai",
}

// StopwordForms returns the exact forms ([ExactForm]) of the stopwords,
// sorted.
func StopwordForms() []string {
	out := make([]string, 0, len(stopwords))
	for _, w := range stopwords {
		for _, t := range Tokenize(w) {
			out = append(out, t.Exact)
		}
	}
	sort.Strings(out)
	j := 0
	for i, s := range out {
		if i == 0 || s != out[j-1] {
			out[j] = s
			j++
		}
	}
	return out[:j]
}
