package viet

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chỉnh đốn Đảng", "chinh don dang"},
		{norm.NFD.String("Chỉnh đốn Đảng"), "chinh don dang"},
		{"hoà hòa HOÀ", "hoa hoa hoa"},
		{"Nghị quyết 30/NQ-CP", "nghi quyet 30/nq-cp"},
		{"ĂÂÊÔƠƯ ăâêôơư", "aaeoou aaeoou"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đảng", "dang"},
		{"Xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "xay-dung-chinh-don-dang-va-he-thong-chinh-tri"},
		{"  205/KH-UBND ", "205-kh-ubnd"},
		{norm.NFD.String("Điều 1. Phạm vi"), "dieu-1-pham-vi"},
		{"—!!—", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollatorVietnameseOrder(t *testing.T) {
	got := []string{"Đảng", "dân", "Ăn", "an", "ấm", "bé", "Đà", "ơn", "ôm", "o"}
	NewCollator("vi").Sort(got)
	want := []string{"an", "Ăn", "ấm", "bé", "dân", "Đà", "Đảng", "o", "ôm", "ơn"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sorted = %q, want %q", got, want)
		}
	}
}

func TestCollatorNaturalOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"numbers as numbers",
			[]string{"Điều 100", "Điều 11", "Điều 2", "Điều 10", "Điều 1"},
			[]string{"Điều 1", "Điều 2", "Điều 10", "Điều 11", "Điều 100"}},
		{"leading punctuation ignored",
			[]string{"- Thủ tướng chỉ thị", "'Bằng mọi giá' giữ rừng", "Anh", "“Chỉnh đốn” Đảng", "Xây dựng"},
			[]string{"Anh", "'Bằng mọi giá' giữ rừng", "“Chỉnh đốn” Đảng", "- Thủ tướng chỉ thị", "Xây dựng"}},
		{"đ after d, ơ after ô",
			[]string{"Đê điều", "Dân số", "ơn", "ôm", "Duy trì"},
			[]string{"Dân số", "Duy trì", "Đê điều", "ôm", "ơn"}},
		{"numbers inside numbers", // 2/2020 before 10/2019
			[]string{"Luật số 10/2019", "Luật số 2/2020", "Luật số 2/2019"},
			[]string{"Luật số 2/2019", "Luật số 2/2020", "Luật số 10/2019"}},
		{"only punctuation keeps byte order", []string{"--", "-"}, []string{"-", "--"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := append([]string(nil), tt.in...)
			NewCollator("vi").Sort(got)
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Fatalf("sorted = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestTrimLead(t *testing.T) {
	for in, want := range map[string]string{"- Thủ tướng": "Thủ tướng", "'Bằng'": "Bằng'", "“Đảng”": "Đảng”", "1. A": "1. A", "—": "—", "": ""} {
		if got := TrimLead(in); got != want {
			t.Errorf("TrimLead(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2022, 7, 28, 0, 0, 0, 0, time.UTC)
	if got := ShortDate(d); got != "28/7/2022" {
		t.Errorf("ShortDate = %q", got)
	}
	if got := LongDate(d, "vi"); got != "ngày 28 tháng 7 năm 2022" {
		t.Errorf("LongDate vi = %q", got)
	}
	if got := LongDate(d, "en"); got != "28 July 2022" {
		t.Errorf("LongDate en = %q", got)
	}
	if ShortDate(time.Time{}) != "" {
		t.Error("zero date should format as empty")
	}
}

// TestIsNFC checks IsNFC against the norm package on Vietnamese in NFC
// and NFD (as pasted from Word), a letter followed by a combining mark, a
// mark at the very start, other scripts and bytes that are not UTF-8.
func TestIsNFC(t *testing.T) {
	nfc := "Nghị quyết số 205/NQ-TW về “chỉnh đốn Đảng” – năm 2024…"
	for _, s := range []string{
		"", "abc", nfc, norm.NFD.String(nfc), nfc + "e\u0301", "\u0301a", "a\u0301", "Ω Ω", "Å", "ﬁ",
		"한국어", "\u1100\u1161", "日本 テスト", "😀 ok", "\xff\xfe", nfc + "\xc3", "ệ\u0323", "a\u0323\u0302",
	} {
		if got, want := IsNFC([]byte(s)), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("IsNFC(%+q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzIsNFC checks that IsNFC agrees with the norm package on any bytes.
func FuzzIsNFC(f *testing.F) {
	f.Add("Chỉnh đốn Đảng")
	f.Add(norm.NFD.String("Chỉnh đốn Đảng"))
	f.Add("a\u0301\u0323")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsNFC([]byte(s)), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("IsNFC(%+q) = %v, want %v", s, got, want)
		}
	})
}

// BenchmarkIsNFC compares IsNFC with the norm package's check on a page
// of Vietnamese in NFC (the common case of a document's body):
//
//	go test ./generator/viet -run '^$' -bench IsNFC
func BenchmarkIsNFC(b *testing.B) {
	text := []byte(strings.Repeat("Nghị quyết số 205/NQ-TW về “chỉnh đốn Đảng” – tăng cường công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi sự suy thoái.\n", 200))
	for _, c := range []struct {
		name string
		f    func([]byte) bool
	}{{"viet", IsNFC}, {"norm", norm.NFC.IsNormal}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !c.f(text) {
					b.Fatal("not NFC")
				}
			}
		})
	}
}
