package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestNameProblem(t *testing.T) {
	tests := []struct {
		name string
		want string // part of the problem; "" when the name is fine
	}{
		{"ke-hoach-205.md", ""},
		{"Đảng viên.md", ""},
		{"bài giảng (1).pdf", ""},
		{"con-nguoi.md", ""},
		{"console.md", ""},
		{"com10.md", ""},
		{"lpt.md", ""},
		{"a.b.c", ""},
		{"_index.md", ""},
		{`x\..\..\evil.txt`, `contains "\"`},
		{"con.md", `"con" is the name of a device on Windows`},
		{"CON", `"con" is the name of a device`},
		{"Aux.txt", `"aux" is the name of a device`},
		{"nul.tar.gz", `"nul" is the name of a device`},
		{"prn.md", `"prn" is the name of a device`},
		{"com1.md", `"com1" is the name of a device`},
		{"COM9.pdf", `"com9" is the name of a device`},
		{"lpt3", `"lpt3" is the name of a device`},
		{"com¹.md", `"com¹" is the name of a device`},
		{"con .md", `"con" is the name of a device`},
		{"a.md.", "ends in a dot or a space"},
		{"a ", "ends in a dot or a space"},
		{"van-ban.", "ends in a dot or a space"},
		{"a<b.md", `contains "<"`},
		{"a>b.md", `contains ">"`},
		{"a:b.md", `contains ":"`},
		{`a"b.md`, `contains "\""`},
		{"a|b.md", `contains "|"`},
		{"a?b.md", `contains "?"`},
		{"a*b.md", `contains "*"`},
		{"a#b.md", `contains "#"`},
		{"50%.pdf", `contains "%"`},
		{"a\x1bb.md", "control character U+001B"},
		{"a\tb.md", "control character U+0009"},
		{"gnp.\u202Emd", "control character U+202E"},
		{"a\x7f.md", "control character U+007F"},
	}
	for _, tt := range tests {
		got := nameProblem(tt.name)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("nameProblem(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestLoadRefusesUnsafeNames checks that a file or folder name that cannot
// be published is an error naming it, printed without its control
// characters.
func TestLoadRefusesUnsafeNames(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":           file("# Tủ sách\n"),
		"content/van-ban/con.md":      file("# Con\n"),
		"content/van-ban/aux.txt":     file("x"),
		"content/van-ban/a#b.pdf":     file("%PDF"),
		"content/van-ban/50%.md":      file("# 50\n"),
		"content/van-ban/cuoi.":       file("x"),
		"content/x\\..\\evil.txt":     file("x"),
		"content/lpt1/a.md":           file("# A\n"),
		"content/ok/b\x1b[2J.md":      file("# B\n"),
		"content/ok/Đảng viên (1).md": file("# C\n"),
	}
	src, errs := Load(fsys, Options{})
	want := []string{
		`content/lpt1: folder name: `,
		`content/ok/b\x1b[2J.md: file name: contains the control character U+001B`,
		`content/van-ban/50%.md: file name: contains "%"`,
		`content/van-ban/a#b.pdf: file name: contains "#"`,
		`content/van-ban/aux.txt: file name: "aux" is the name of a device on Windows`,
		`content/van-ban/con.md: file name: "con" is the name of a device on Windows`,
		`content/van-ban/cuoi.: file name: ends in a dot or a space`,
		`content/x\..\evil.txt: file name: contains "\"`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, e := range errs {
		if !strings.HasPrefix(e.Error(), want[i]) {
			t.Errorf("error %d:\n got %q\nwant %q…", i, e.Error(), want[i])
		}
	}
	if src == nil || len(src.Documents) != 5 {
		t.Errorf("the documents with bad names should still be loaded (for links to them): %v", src)
	}
}
