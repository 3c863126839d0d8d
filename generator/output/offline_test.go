package output

import (
	"bytes"
	"testing"

	"tusach/generator/offline"
)

// TestPutOffline checks that the offline files of a tree list every other
// file of it, the manifest included, as offline.Finish makes them, and that
// an overlay that changed a file gets the files a new tree would.
func TestPutOffline(t *testing.T) {
	s := offline.Site{Title: "Tủ sách", Lang: "vi"}
	files := map[string]string{"index.html": "<p>Trang chủ</p>", "a.html": "<p>A</p>", "img/x.png": "PNG"}
	made := func(prev *Tree, l *offline.Listing, files map[string]string) (*Tree, *offline.Listing) {
		t.Helper()
		m := NewMaker(nil, nil, nil)
		if prev != nil {
			m = Overlay(prev, nil)
		}
		for name, data := range files {
			if err := m.Put(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		l, err := m.PutOffline(l, nil, s)
		if err != nil {
			t.Fatal(err)
		}
		return m.Tree(), l
	}
	tree, l := made(nil, nil, files)
	others := NewMaker(nil, nil, nil)
	for _, name := range tree.Names() {
		if name != offline.ListName && name != offline.ServiceWorkerName {
			others.Put(name, bytesOf(tree, name))
		}
	}
	if !others.Tree().Has(offline.ManifestName) {
		t.Fatal("no manifest in the tree")
	}
	want, err := offline.Finish(others.Names(), sumsOf(others.Tree()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range want {
		if !bytes.Equal(bytesOf(tree, f.Name), f.Data) {
			t.Errorf("%s differs from offline.Finish's", f.Name)
		}
	}

	files["a.html"] = "<p>A, sửa</p>"
	next, _ := made(tree, l, map[string]string{"a.html": files["a.html"]})
	fresh, _ := made(nil, nil, files)
	for _, name := range []string{offline.ListName, offline.ServiceWorkerName} {
		if !bytes.Equal(bytesOf(next, name), bytesOf(fresh, name)) {
			t.Errorf("%s of the overlay differs from a new tree's", name)
		}
		if bytes.Equal(bytesOf(next, name), bytesOf(tree, name)) && name == offline.ListName {
			t.Errorf("%s did not change with a.html", name)
		}
	}
}

func TestPutOfflineNoTitle(t *testing.T) {
	m := NewMaker(nil, nil, nil)
	if _, err := m.PutOffline(nil, nil, offline.Site{}); err == nil {
		t.Error("no error for a site without a title")
	}
}
