package calendar

import (
	"fmt"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Calendar answers day, period and business-hours questions in one workspace's
// IANA time zone. It is immutable and safe for concurrent use.
type Calendar struct {
	loc      *time.Location
	hasHours bool
	weekly   weekly
	closed   map[int64]struct{} // day numbers of closed local dates
}

// New returns the calendar of the IANA zone timezone (e.g. "Europe/Berlin",
// "UTC") with optional business hours, which are validated with ValidateBusinessHours.
func New(timezone string, hours *domain.BusinessHours) (*Calendar, error) {
	if timezone == "" || timezone == "Local" {
		return nil, fmt.Errorf("invalid timezone %q: want an IANA zone name", timezone)
	}
	loc, err := time.LoadLocation(timezone)
	if err != nil {
		return nil, fmt.Errorf("invalid timezone %q: %w", timezone, err)
	}
	w, closed, err := parseHours(hours)
	if err != nil {
		return nil, fmt.Errorf("invalid business hours: %w", err)
	}
	return &Calendar{loc: loc, hasHours: hours != nil, weekly: w, closed: closed}, nil
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// HasBusinessHours reports whether business hours are configured.
func (c *Calendar) HasBusinessHours() bool { return c.hasHours }

// DayOf returns the local date of the instant t.
func (c *Calendar) DayOf(t time.Time) Date { return DateOf(t.In(c.loc)) }

// Today returns the local date at the instant now.
func (c *Calendar) Today(now time.Time) Date { return c.DayOf(now) }

// StartOf returns the first instant of the local day d, in UTC. If local
// midnight does not exist (a DST jump at midnight), it is the instant the clock
// jumps to.
func (c *Calendar) StartOf(d Date) time.Time {
	return c.firstAtOrAfter(d.midnightUTC().UnixNano()).UTC()
}

// Bounds returns the half-open instant range [StartOf(from), StartOf(to+1))
// covering the local days from..to inclusive, in UTC.
func (c *Calendar) Bounds(from, to Date) (start, end time.Time) {
	return c.StartOf(from), c.StartOf(to.AddDays(1))
}

// WeekdayHour returns the local weekday (0 = Monday … 6 = Sunday) and hour (0..23) of t.
func (c *Calendar) WeekdayHour(t time.Time) (weekday int, hour int) {
	lt := t.In(c.loc)
	return mondayIndex(lt.Weekday()), lt.Hour()
}

// zoneSegment returns the UTC offset (seconds) in force at t and the end of the
// period during which it stays in force; ok is false when it never ends.
func (c *Calendar) zoneSegment(t time.Time) (offset int64, end time.Time, ok bool) {
	lt := t.In(c.loc)
	_, off := lt.Zone()
	_, e := lt.ZoneBounds()
	if e.IsZero() || !e.After(t) {
		return int64(off), time.Time{}, false
	}
	return int64(off), e, true
}

// firstAtOrAfter returns the earliest instant whose local wall-clock time is at
// or after wall (nanoseconds since the epoch, reading local time as if UTC).
// For a nonexistent wall time this is the instant the clock jumps; for an
// ambiguous one it is the first occurrence.
func (c *Calendar) firstAtOrAfter(wall int64) time.Time {
	// UTC offsets are within ±26 h, so this instant's wall time is before wall.
	t := time.Unix(0, wall-int64(48*time.Hour))
	for {
		off, end, ok := c.zoneSegment(t)
		offNs := off * int64(time.Second)
		if wall < t.UnixNano()+offNs {
			return t // wall time was skipped: the clock jumped over it at t
		}
		if !ok || wall < end.UnixNano()+offNs {
			return time.Unix(0, wall-offNs)
		}
		t = end
	}
}

// OpenMillis returns the business-hours open time within [start, end), in
// milliseconds: the measure of the instants whose local wall-clock time lies in
// an open interval of their local date, skipping closed dates. It is exact
// across DST changes (a 01:00–04:00 interval over a spring-forward gap is 2 h,
// 00:00–24:00 on a 25-hour day is 25 h). Without business hours it is
// end − start. It is 0 when end <= start.
func (c *Calendar) OpenMillis(start, end time.Time) int64 {
	if !end.After(start) {
		return 0
	}
	if !c.hasHours {
		return end.Sub(start).Milliseconds()
	}
	var total int64 // nanoseconds
	for t := start; t.Before(end); {
		off, segEnd, ok := c.zoneSegment(t)
		if !ok || segEnd.After(end) {
			segEnd = end
		}
		offNs := off * int64(time.Second)
		// Within [t, segEnd) the offset is constant, so wall time is instant + offset.
		total += c.openWall(t.UnixNano()+offNs, segEnd.UnixNano()+offNs)
		t = segEnd
	}
	return total / int64(time.Millisecond)
}

const nsPerDay = int64(24 * time.Hour)

// openWall returns the open nanoseconds within the wall-clock range [from, to)
// (nanoseconds since the epoch, reading local time as if UTC), day by day.
func (c *Calendar) openWall(from, to int64) int64 {
	var total int64
	for day := floorDiv(from, nsPerDay); day*nsPerDay < to; day++ {
		if _, closed := c.closed[day]; closed {
			continue
		}
		midnight := day * nsPerDay
		weekday := int((day%7 + 7 + 3) % 7) // 1970-01-01 was a Thursday (3 with Monday = 0)
		for _, s := range c.weekly[weekday] {
			lo := max(from, midnight+s.open*int64(time.Second))
			hi := min(to, midnight+s.close*int64(time.Second))
			if hi > lo {
				total += hi - lo
			}
		}
	}
	return total
}
