package reports

import (
	"cmp"
	"slices"
)

// PeriodSummary is the merged summary of one period of a series (nil = no data).
type PeriodSummary struct {
	// Label is the period's label, e.g. "2025-03-01" (calendar.Period.Label).
	Label   string
	Summary *DaySummary
}

// CustomerPoint is one period of the customers series.
type CustomerPoint struct {
	Period   string `json:"period"`
	New      int64  `json:"new"`
	Existing int64  `json:"existing"`
	Active   int64  `json:"active"`
}

// ChannelCustomers is the number of distinct active customers of one inbound channel.
type ChannelCustomers struct {
	Channel   string `json:"channel"`
	Customers int64  `json:"customers"`
}

// CountryCustomers is the number of distinct active customers of one country.
type CountryCustomers struct {
	Country   string `json:"country"`
	Customers int64  `json:"customers"`
}

// CustomersReport is the body of GET /v1/reports/customers.
type CustomersReport struct {
	MonthlyActiveUsers int64              `json:"monthly_active_users"`
	Active             int64              `json:"active"`
	New                int64              `json:"new"`
	Existing           int64              `json:"existing"`
	Series             []CustomerPoint    `json:"series"`
	Channels           []ChannelCustomers `json:"channels"`
	Countries          []CountryCustomers `json:"countries"`
}

// Customers builds the customers report: sum is the merged range, month the
// merged days from the 1st of to's month through to, series one entry per period.
func Customers(sum, month *DaySummary, series []PeriodSummary) CustomersReport {
	if sum == nil {
		sum = &DaySummary{}
	}
	rep := CustomersReport{Series: make([]CustomerPoint, 0, len(series)), Channels: []ChannelCustomers{}, Countries: []CountryCustomers{}}
	rep.Active, rep.New, rep.Existing = activeSplit(sum)
	if month != nil {
		rep.MonthlyActiveUsers = card(month.active)
	}
	for _, p := range series {
		pt := CustomerPoint{Period: p.Label}
		if p.Summary != nil {
			pt.Active, pt.New, pt.Existing = activeSplit(p.Summary)
		}
		rep.Series = append(rep.Series, pt)
	}
	for name, c := range sum.channels {
		if n := card(c.customers); n > 0 {
			rep.Channels = append(rep.Channels, ChannelCustomers{Channel: name, Customers: n})
		}
	}
	slices.SortFunc(rep.Channels, func(a, b ChannelCustomers) int {
		return cmp.Or(cmp.Compare(b.Customers, a.Customers), cmp.Compare(a.Channel, b.Channel))
	})
	for k, bm := range sum.countries {
		if n := card(bm); n > 0 {
			rep.Countries = append(rep.Countries, CountryCustomers{Country: k, Customers: n})
		}
	}
	slices.SortFunc(rep.Countries, func(a, b CountryCustomers) int {
		return cmp.Or(cmp.Compare(b.Customers, a.Customers), cmp.Compare(a.Country, b.Country))
	})
	return rep
}

// activeSplit returns the distinct active customers and how many of them are
// new (first-ever inbound message within the summary's days) or existing.
func activeSplit(s *DaySummary) (active, newC, existing int64) {
	active = card(s.active)
	if s.active != nil && s.firstInbound != nil {
		newC = int64(s.active.AndCardinality(s.firstInbound))
	}
	return active, newC, active - newC
}
