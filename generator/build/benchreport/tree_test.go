package main

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMeasureTree counts files, bytes, whole clusters and the fullest
// folder of a small tree.
func TestMeasureTree(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":     {Data: []byte("x")},                               // 1 cluster
		"big.js":         {Data: []byte(strings.Repeat("a", fatCluster+1))}, // 2 clusters
		"empty.txt":      {Data: nil},                                       // none
		"search/t/0.js":  {Data: []byte("y")},
		"search/t/1.js":  {Data: []byte("z")},
		"search/t/2.js":  {Data: []byte("w")},
		"search/t/3.js":  {Data: []byte("v")},
		"search/t/4.js":  {Data: []byte("u")},
		"search/meta.js": {Data: []byte("m")},
	}
	got, err := measureTree(fsys)
	if err != nil {
		t.Fatal(err)
	}
	// files: 1 + 2 + 0 + 6·1 clusters; folders: root, search, search/t, one cluster each
	want := tree{files: 9, bytes: 1 + fatCluster + 1 + 6, fat32: (9 + 3) * fatCluster, largest: "search/t", largestEntries: 5}
	if got != want {
		t.Errorf("measureTree = %+v, want %+v", got, want)
	}
}

// TestDirEntryBytes: a short entry, plus a long-name entry per 13 UTF-16
// units of the name.
func TestDirEntryBytes(t *testing.T) {
	for name, want := range map[string]int64{
		"a.js": 64, "abcdefghijklm": 64, "abcdefghijklmn": 96, "chỉnh-đốn-đảng.html": 96,
	} {
		if got := dirEntryBytes(name); got != want {
			t.Errorf("dirEntryBytes(%q) = %d, want %d", name, got, want)
		}
	}
}
