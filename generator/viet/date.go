package viet

import (
	"fmt"
	"time"
)

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// ShortDate writes t as Vietnamese readers do, day first without leading
// zeros: "28/7/2022". English uses the same numeric order.
func ShortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d/%d", t.Day(), int(t.Month()), t.Year())
}

// LongDate writes t in words: "ngày 28 tháng 7 năm 2022" for "vi" (the form
// used in the heading of official documents), "28 July 2022" for "en".
func LongDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("ngày %d tháng %d năm %d", t.Day(), int(t.Month()), t.Year())
}

// ReadingMinutes estimates reading time for a text of the given number of
// words (syllables, for Vietnamese) at about 200 per minute; at least 1.
func ReadingMinutes(words int) int {
	m := (words + 199) / 200
	if m < 1 {
		m = 1
	}
	return m
}
