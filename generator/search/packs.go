package search

import (
	"bytes"
	"slices"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// ShardsPerPack is how many consecutive term shards share a pack,
// search/t/P.js and search/t/P.bin holding shards P·ShardsPerPack onwards:
// 16,384 shards of about 2 KB, each a 32 KB cluster on a USB stick, become
// 1,024 packs of about 30 KB. Written to meta.js ("tp").
const ShardsPerPack = 16

// packTableDigits is the width, in base-64 digits, of each number of a
// pack's offset table: byte offsets up to 2^30.
const packTableDigits = 5

// packer compresses the entries of a pack's binary, each on its own (zlib,
// which the browser's DecompressionStream("deflate") reads); one a
// goroutine.
//
// The entries are small (2–4 KB of JSON on average), tens of thousands of
// them, so the cost of a stream is mostly its fixed part: clearing the
// match tables and building its Huffman codes. klauspost/compress at
// packLevel compresses the 10,000 generated documents' 153 MB of entries
// in 5.1 s of CPU where compress/zlib at its best level takes 7.7 s, and
// into 0.1% fewer bytes; at its default level 6 it takes 2.9 s but gives
// 1.8% more bytes, which every query would download.
type packer struct {
	z   *zlib.Writer
	buf bytes.Buffer
}

// packLevel is the compression level of the packs' entries (see packer).
const packLevel = 7

func newPacker() *packer {
	z, _ := zlib.NewWriterLevel(nil, packLevel) // the level is valid
	return &packer{z: z}
}

// deflate appends data, compressed, to *bin and returns where it starts
// and ends there.
func (pk *packer) deflate(bin *[]byte, data []byte) [2]int {
	pk.buf.Reset()
	pk.z.Reset(&pk.buf)
	pk.z.Write(data) // writes to a bytes.Buffer do not fail
	pk.z.Close()
	start := len(*bin)
	*bin = append(*bin, pk.buf.Bytes()...)
	return [2]int{start, len(*bin)}
}

// putRange writes slot's two numbers of the table at the start of bin: r's
// start and end, packTableDigits base-64 digits each, most significant
// first.
func putRange(bin []byte, slot int, r [2]int) {
	at := 2 * packTableDigits * slot
	for k, n := range r {
		for i := packTableDigits - 1; i >= 0; i-- {
			bin[at+k*packTableDigits+i] = digits[n&63]
			n >>= 6
		}
	}
}

// packShards hands the n shards of family to write as packs of
// ShardsPerPack, in order, made a window at a time on all cores (writePacks): the
// entries of shard s are what entries(w, s) returns on goroutine w, each
// shard encoded as a JSON object (shardObject) and let go of once packed,
// so that neither the entries, the objects nor the packs of the whole
// index are in memory at once. The script, run whole from disk, is
// __tusachSearch.pack("t/P",[SHARD or null, …]); the binary is a table
// of, a shard after another, where its compressed object starts and ends
// (both 0 for an empty shard), then the objects.
func packShards(family string, n int, entries func(w, s int) []shardEntry, write func(name string, data []byte) error) error {
	packs := (n + ShardsPerPack - 1) / ShardsPerPack
	pks := make([]*packer, workers(packWindow))
	for w := range pks {
		pks[w] = newPacker()
	}
	return writePacks(packs, func(p int) string { return family + "/" + strconv.Itoa(p) }, func(w, p int) ([2][]byte, error) {
		objs := make([][]byte, min(n, (p+1)*ShardsPerPack)-p*ShardsPerPack)
		for j := range objs {
			objs[j] = shardObject(entries(w, p*ShardsPerPack+j))
		}
		return packFilesOf(family, p, objs, pks[w]), nil
	}, write)
}

// writePacks makes packs 0 … packs-1 on all cores (makePack(w, p)
// returns the script and the binary of pack p, made on goroutine w) and
// hands each to write in order, as search/NAME.js and search/NAME.bin
// where NAME is name(p), on the calling goroutine. It goes by windows of
// half packWindow packs, and makes the next window while it hands on the
// one made (writing, which hashes each file and goes to disk, would
// otherwise hold every core), so that at most packWindow packs are in
// memory at once. The first error of a window, in pack order, stops it.
func writePacks(packs int, name func(p int) string, makePack func(w, p int) ([2][]byte, error), write func(name string, data []byte) error) error {
	const size = packWindow / 2
	type window struct {
		out  [][2][]byte
		errs []error
	}
	makeWindow := func(first int) <-chan window {
		done := make(chan window, 1)
		go func() {
			n := min(size, packs-first)
			win := window{make([][2][]byte, n), make([]error, n)}
			forEach(n, func(w, i int) { win.out[i], win.errs[i] = makePack(w, first+i) })
			done <- win
		}()
		return done
	}
	if packs == 0 {
		return nil
	}
	next := makeWindow(0)
	for first := 0; first < packs; first += size {
		win := <-next
		next = nil
		if first+size < packs {
			next = makeWindow(first + size)
		}
		if err := writeWindow(first, win.out, win.errs, name, write); err != nil {
			if next != nil {
				<-next // the window being made uses the makers' scratch
			}
			return err
		}
	}
	return nil
}

// writeWindow hands write the packs of a window, the first numbered
// first, in order, and returns the first error of making or writing one.
func writeWindow(first int, out [][2][]byte, errs []error, name func(p int) string, write func(name string, data []byte) error) error {
	for i := range out {
		if errs[i] != nil {
			return errs[i]
		}
		base := "search/" + name(first+i)
		if err := write(base+".js", out[i][0]); err != nil {
			return err
		}
		if err := write(base+".bin", out[i][1]); err != nil {
			return err
		}
		recyclePack(out[i][0])
		recyclePack(out[i][1])
		out[i] = [2][]byte{}
	}
	return nil
}

// packBuffers hold the memory of packs written already, for the packs
// made after them (packBuffer): on the generated 10,000 documents, packs
// made each in new, growing slices were 0.68 GB of allocation.
var packBuffers sync.Pool

// packBuffer returns an empty slice with room for at least size bytes,
// from the memory of a pack written already when there is one.
func packBuffer(size int) []byte {
	if b, ok := packBuffers.Get().(*[]byte); ok {
		return slices.Grow((*b)[:0], size)
	}
	return make([]byte, 0, size)
}

// recyclePack hands the memory of a pack, written, to packBuffer.
func recyclePack(data []byte) {
	if cap(data) > 0 {
		packBuffers.Put(&data)
	}
}

// packFilesOf returns the script and the binary of pack p of family,
// whose shards' objects are objs (nil for an empty shard).
func packFilesOf(family string, p int, objs [][]byte, pk *packer) [2][]byte {
	size := 64
	for _, o := range objs {
		size += len(o) + 5
	}
	js := packBuffer(size)
	js = append(js, `__tusachSearch.pack("`+family+"/"+strconv.Itoa(p)+`",[`...)
	table := 2 * packTableDigits * len(objs)
	bin := packBuffer(max(table, size/2))[:table] // each slot written below
	for i, o := range objs {
		if i > 0 {
			js = append(js, ',')
		}
		if o == nil {
			js = append(js, "null"...)
			putRange(bin, i, [2]int{})
			continue
		}
		js = append(js, o...)
		putRange(bin, i, pk.deflate(&bin, o))
	}
	return [2][]byte{append(js, "]);\n"...), bin}
}
