package main

import (
	"io/fs"
	"path"
	"unicode/utf16"
)

// fatCluster is the cluster size of a FAT32 USB stick of 32 GB or more, as
// Windows and mkfs.vfat format one: every file and folder takes whole
// clusters.
const fatCluster = 32 << 10

// tree is what a built site is as files: how many, their bytes, the bytes
// it takes on a FAT32 stick (files and folders in whole clusters), and its
// fullest folder.
type tree struct {
	files, bytes, fat32 int64
	largest             string // the folder with the most entries
	largestEntries      int
}

// clusters rounds n bytes up to whole clusters, at least one.
func clusters(n int64) int64 {
	return max(1, (n+fatCluster-1)/fatCluster) * fatCluster
}

// dirEntryBytes is what one entry named name takes in its FAT32 folder:
// the 32-byte short entry and, for a name that is not a plain upper-case
// 8.3 name, one 32-byte long-name entry per 13 UTF-16 units.
func dirEntryBytes(name string) int64 {
	units := len(utf16.Encode([]rune(name)))
	return 32 + 32*int64((units+12)/13)
}

// measureTree walks fsys from its root.
func measureTree(fsys fs.FS) (tree, error) {
	var t tree
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			t.files++
			t.bytes += info.Size()
			if info.Size() > 0 { // an empty file takes no cluster
				t.fat32 += clusters(info.Size())
			}
			return nil
		}
		entries, err := fs.ReadDir(fsys, p)
		if err != nil {
			return err
		}
		size := int64(64) // "." and ".."
		for _, e := range entries {
			size += dirEntryBytes(e.Name())
		}
		t.fat32 += clusters(size)
		if len(entries) > t.largestEntries {
			t.largest, t.largestEntries = path.Clean(p), len(entries)
		}
		return nil
	})
	return t, err
}
