// Package site is the assemble stage: from the loaded documents and their
// rendered Markdown it builds the page graph of the site — sections,
// ordering, breadcrumbs, previous/next, taxonomies — and checks links.
package site
