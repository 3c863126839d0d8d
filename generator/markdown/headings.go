package markdown

import (
	"strconv"

	"tusach/generator/viet"
)

// defaultHeadingID is the ID base of a heading whose text has no letter or
// digit ("mục" = section).
const defaultHeadingID = "muc"

// assignHeadingIDs gives every heading of the page a unique ID and sets it
// on the heading node. Explicit IDs ({#id}) are reserved first in document
// order; automatic IDs, from viet.Slug of the text, then take the first free
// "base", "base-1", "base-2", ...
func (st *pageState) assignHeadingIDs() {
	hs := st.res.Headings
	for i, explicit := range st.explicitIDs {
		if explicit != "" {
			hs[i].ID = st.uniqueID(explicit)
		}
	}
	for i := range hs {
		if st.explicitIDs[i] == "" {
			base := viet.Slug(hs[i].Text)
			if base == "" {
				base = defaultHeadingID
			}
			hs[i].ID = st.uniqueID(base)
		}
		st.headingNodes[i].SetAttributeString("id", []byte(hs[i].ID))
	}
}

// uniqueID returns base, or base with the lowest free numeric suffix, and
// marks it used.
func (st *pageState) uniqueID(base string) string {
	if !st.usedIDs[base] {
		st.usedIDs[base] = true
		return base
	}
	for n := st.nextSuffix[base] + 1; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !st.usedIDs[id] {
			st.usedIDs[id] = true
			st.nextSuffix[base] = n
			return id
		}
	}
}
