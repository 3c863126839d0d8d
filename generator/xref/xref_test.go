package xref

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		// Real citation forms.
		{"party conclusion", "Kết luận số 21-KL/TW của Bộ Chính trị", []string{"21-KL/TW"}},
		{"party with TƯ", "Kết luận số 21-KL/TƯ", []string{"21-KL/TƯ"}},
		{"government resolution", "Nghị quyết 30/NQ-CP ngày 22/3/2022", []string{"30/NQ-CP"}},
		{"city party plan", "Kế hoạch số 58-KH/TU của Thành ủy", []string{"58-KH/TU"}},
		{"bare number", "205/KH-UBND", []string{"205/KH-UBND"}},
		{"law with year", "Luật số 68/2020/QH14 đã được", []string{"68/2020/QH14"}},
		{"ordinance", "Pháp lệnh số 15/2004/PL-UBTVQH11.", []string{"15/2004/PL-UBTVQH11"}},
		{"consolidated text", "Văn bản 01/VBHN-VPQH,", []string{"01/VBHN-VPQH"}},
		{"old law", "Luật 21-LCT/HĐNN8 và 18-L/CTN", []string{"21-LCT/HĐNN8", "18-L/CTN"}},
		{"prime minister", "Chỉ thị 05/CT-TTg về", []string{"05/CT-TTg"}},
		{"decision with year", "Quyết định 36/2018/QĐ-TTg", []string{"36/2018/QĐ-TTg"}},
		{"decree", "Nghị định số 60/CP", []string{"60/CP"}},
		{"committee resolution", "Nghị quyết 724/2009/UBTVQH12", []string{"724/2009/UBTVQH12"}},
		{"long code", "Thông tư 01/2021/TT-BNNPTNT.", []string{"01/2021/TT-BNNPTNT"}},
		{"three parts", "Hướng dẫn 36-HD/BTGTW-VP", []string{"36-HD/BTGTW-VP"}},
		{"in parentheses", "(205/KH-UBND)", []string{"205/KH-UBND"}},
		{"in quotes", "“30/NQ-CP”", []string{"30/NQ-CP"}},
		{"spaced", "Kế hoạch 205 / KH - UBND ngày", []string{"205 / KH - UBND"}},
		{"en dash", "Kết luận 21–KL/TW", []string{"21–KL/TW"}},
		{"no-break space", "số 30\u00a0/NQ-CP", []string{"30\u00a0/NQ-CP"}},
		{"two in a row", "205/KH-UBND, 30/NQ-CP và 21-KL/TW.", []string{"205/KH-UBND", "30/NQ-CP", "21-KL/TW"}},
		{"ends before dash word", "205/KH-UBND - Hà Nội", []string{"205/KH-UBND"}},
		{"ends before lower-case part", "30/NQ-CP-ngày", []string{"30/NQ-CP"}},
		{"line end", "theo 30/NQ-CP\n", []string{"30/NQ-CP"}},

		// False positives: none of these is a number.
		{"date", "ngày 28/7/2022", nil},
		{"short date", "ngày 28/7", nil},
		{"iso date", "2022-07-28", nil},
		{"fraction", "1/2 số đại biểu", nil},
		{"fraction 3/4", "đạt 3/4", nil},
		{"phone dashes", "gọi 024-3825-1234", nil},
		{"phone dots", "gọi 0912.345.678", nil},
		{"time", "lúc 14:30 và 8h30", nil},
		{"article", "Điều 5 khoản 2", nil},
		{"article letter", "khoản 2-C Điều 3", nil},
		{"word after slash", "Điều 5/Luật này", nil},
		{"capitalized word", "5/Kế hoạch", nil},
		{"single letter", "ô số 5/A", nil},
		{"glued to letters", "ABC205/KH-UBND", nil},
		{"glued to word", "số205/KH-UBND", nil},
		{"after slash", "x/205/KH-UBND", nil},
		{"decimal", "1.205/KH", nil},
		{"code glued to word", "205/KH-UBNDngày", nil},
		{"serial too long", "123456/KH-UBND", nil},
		{"party without slash", "21-KL và", nil},
		{"percent", "50%/năm", nil},
		{"two spaces", "205  /KH-UBND", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Find([]byte(tt.text)) {
				if tt.text[m.Start:m.End] != m.Number {
					t.Errorf("match %q at [%d,%d) is %q in the text", m.Number, m.Start, m.End, tt.text[m.Start:m.End])
				}
				got = append(got, m.Number)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"205/KH-UBND", "205/KH-UBND"},
		{"205/kh-ubnd", "205/KH-UBND"},
		{" 205 / KH - UBND ", "205/KH-UBND"},
		{"21-KL/TƯ", "21-KL/TW"},
		{"21-KL/tư", "21-KL/TW"},
		{"21-kl/tw", "21-KL/TW"},
		{"58-KH/TU", "58-KH/TU"},
		{"36-HD/BTGTƯ", "36-HD/BTGTW"},
		{"21-LCT/HĐNN8", "21-LCT/HDNN8"},
		{"21-LCT/HDNN8", "21-LCT/HDNN8"},
		{"36/2018/QĐ-TTg", "36/2018/QD-TTG"},
		{"01/VBHN-VPQH", "1/VBHN-VPQH"},
		{"1/VBHN-VPQH", "1/VBHN-VPQH"},
		{"21–KL/TW", "21-KL/TW"},
		{"30\u00a0/NQ-CP", "30/NQ-CP"},
		{"0/KH", "0/KH"},
		{"00", "0"},
		{"21-KL/TU\u031b", "21-KL/TW"}, // NFD Ư
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFindThenNormalize checks that variants found in text meet the number
// as written in front matter.
func TestFindThenNormalize(t *testing.T) {
	front := Normalize("21-KL/TW")
	for _, text := range []string{"Kết luận số 21-KL/TƯ", "kết luận 21 - KL/TW", "21–KL/TƯ"} {
		ms := Find([]byte(text))
		if len(ms) != 1 || Normalize(ms[0].Number) != front {
			t.Errorf("Find(%q) = %v, want one match normalizing to %q", text, ms, front)
		}
	}
	if got := Normalize("58-KH/TU"); got == front {
		t.Errorf("58-KH/TU normalizes like 21-KL/TW")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Kết luận số 21-KL/TƯ", "ngày 28/7/2022", "68/2020/QH14", "205 / KH - UBND",
		"05/CT-TTg", "024-3825-1234", "1/2", "\xff1/KH", "9/ĐĐ-Ư\u031b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		last := 0
		for _, m := range Find(text) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad match %+v after %d in %q", m, last, text)
			}
			if string(text[m.Start:m.End]) != m.Number {
				t.Fatalf("match %+v is not the text %q", m, text[m.Start:m.End])
			}
			// A match found again on its own is the same number.
			again := Find([]byte(m.Number))
			if len(again) != 1 || again[0].Number != m.Number {
				t.Fatalf("Find(%q) = %v, want itself", m.Number, again)
			}
			n := Normalize(m.Number)
			if n == "" || !utf8.ValidString(n) || Normalize(n) != n {
				t.Fatalf("Normalize(%q) = %q is not a stable key", m.Number, n)
			}
			last = m.End
		}
	})
}
