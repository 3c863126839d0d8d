package theme

import "testing"

func TestBeginsWith(t *testing.T) {
	tests := []struct {
		text, prefix string
		want         bool
	}{
		{"Bài 1. Tóm tắt", "Bài 1", true},
		{"BÀI 1: Tóm tắt", "Bài 1", true},
		{"Bài 1", "Bài 1", true},
		{"Bài 10. Sau", "Bài 1", false},
		{"Bài học đầu", "Bài 1", false},
		{"Tóm tắt", "Bài 1", false},
		{"Bài", "Bài 1", false},
		{"Bài 1 ý", "Bài 1", false},
		{"x", "", false},
	}
	for _, tt := range tests {
		if got := beginsWith(tt.text, tt.prefix); got != tt.want {
			t.Errorf("beginsWith(%q, %q) = %v, want %v", tt.text, tt.prefix, got, tt.want)
		}
	}
}
