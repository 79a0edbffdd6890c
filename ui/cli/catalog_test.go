package cli

import (
	"testing"
	"time"
)

func TestFitList(t *testing.T) {
	four := []string{"AAAA", "BBBB", "CCCC", "DDDD"} // joined: 22 characters
	cases := []struct {
		name  string
		items []string
		width int
		want  string
	}{
		{"no_items", nil, 10, ""},
		{"no_width_is_no_limit", four, 0, "AAAA, BBBB, CCCC, DDDD"},
		{"negative_width_is_no_limit", four, -1, "AAAA, BBBB, CCCC, DDDD"},
		{"exactly_the_width", four, 22, "AAAA, BBBB, CCCC, DDDD"},
		{"one_short_counts_the_rest", four, 21, "AAAA, BBBB, CCCC +1"},
		{"room_for_one", four, 12, "AAAA +3"},
		{"room_for_one_exactly", four, 9, "AAAA +3"},
		{"no_room_for_any_is_only_the_count", four, 8, "+4"},
		{"first_item_wider_than_all", []string{"VERYLONGNAME", "B"}, 10, "+2"},
		{"single_item_too_wide", []string{"VERYLONGNAME"}, 5, "+1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fitList(c.items, c.width)
			if got != c.want {
				t.Errorf("fitList(%q, %d) = %q, want %q", c.items, c.width, got, c.want)
			}
			if c.width > len(" +N") && len(got) > c.width {
				t.Errorf("fitList(%q, %d) is %d characters wide", c.items, c.width, len(got))
			}
		})
	}
}

func TestHumanAge(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{-time.Hour, "less than a minute"}, // a clock behind the catalog's
		{0, "less than a minute"},
		{59 * time.Second, "less than a minute"},
		{time.Minute, "1 minute"},
		{119 * time.Second, "1 minute"},
		{2 * time.Minute, "2 minutes"},
		{59*time.Minute + 59*time.Second, "59 minutes"},
		{time.Hour, "1 hour"},
		{2 * time.Hour, "2 hours"},
		{47*time.Hour + 59*time.Minute, "47 hours"},
		{48 * time.Hour, "2 days"},
		{400 * 24 * time.Hour, "400 days"},
	}
	for _, c := range cases {
		t.Run(c.d.String(), func(t *testing.T) {
			if got := humanAge(c.d); got != c.want {
				t.Errorf("humanAge(%s) = %q, want %q", c.d, got, c.want)
			}
		})
	}
}

func TestLastUsed(t *testing.T) {
	if got := lastUsed(time.Time{}, fixedNow); got != "never" {
		t.Errorf("zero time: %q, want never", got)
	}
	if got := lastUsed(fixedNow.Add(-3*time.Hour), fixedNow); got != "3 hours ago" {
		t.Errorf("three hours: %q", got)
	}
}
