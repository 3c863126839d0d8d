package search

import (
	"strconv"
)

// RegisterShardRows is the number of rows of a register shard,
// search/r/K.js.
const RegisterShardRows = 500

// registerShard is the content of search/r/K.js: the register's size, the
// rows per shard, and rows K·RegisterShardRows onwards.
type registerShard struct {
	Total int `json:"n"`
	Size  int `json:"s"`
	// Rows are [document, url, number, title, type, issuer, issued,
	// field, status, effective, expires], documents and dates as in [Doc].
	Rows [][]any `json:"r"`
}

// writeRegister adds the register's shards to files: every document with
// a number, in the order of docs (the register's), RegisterShardRows a
// shard. The register page's filter loads them, all of them, only when
// the reader filters or sorts; the pages themselves are complete without.
func writeRegister(docs []Doc, files map[string][]byte) error {
	var rows [][]any
	for i, d := range docs {
		if d.Number == "" {
			continue
		}
		rows = append(rows, []any{i, d.URL, d.Number, d.Title, d.Type, d.Issuer, d.Issued, d.Field,
			d.Status, d.Effective, d.Expires})
	}
	for k := 0; k*RegisterShardRows < len(rows); k++ {
		from := k * RegisterShardRows
		name := "r/" + strconv.Itoa(k)
		b, err := script(name, registerShard{Total: len(rows), Size: RegisterShardRows,
			Rows: rows[from:min(from+RegisterShardRows, len(rows))]})
		if err != nil {
			return err
		}
		files["search/"+name+".js"] = b
	}
	return nil
}
