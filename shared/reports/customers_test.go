package reports

import (
	"slices"
	"testing"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
)

func TestCustomersReport(t *testing.T) {
	days := demoDays(t)
	tests := []struct {
		name                        string
		from, to                    string
		g                           calendar.Granularity
		mau, active, newC, existing int64
		series                      []CustomerPoint
		channels                    []ChannelCustomers
		countries                   []CountryCustomers
	}{
		{
			// Daily actives are 3, 2, 1 (sum 6) but the range has 4 distinct customers;
			// 1 and 3 wrote for the first time on 03-10, 2 and 4 wrote before.
			name: "distinct over days, new vs existing, per-day series",
			from: "2025-03-10", to: "2025-03-12", g: calendar.Day,
			mau: 5, active: 4, newC: 2, existing: 2,
			series: []CustomerPoint{
				{Period: "2025-03-10", New: 2, Existing: 1, Active: 3},
				{Period: "2025-03-11", New: 0, Existing: 2, Active: 2},
				{Period: "2025-03-12", New: 0, Existing: 1, Active: 1},
			},
			channels:  []ChannelCustomers{{"whatsapp", 3}, {"instagram", 1}},
			countries: []CountryCustomers{{"DE", 1}, {"ID", 1}, {"US", 1}, {"ZZ", 1}},
		},
		{
			name: "weekly series: the same definitions per period",
			from: "2025-03-10", to: "2025-03-12", g: calendar.Week,
			mau: 5, active: 4, newC: 2, existing: 2,
			series:    []CustomerPoint{{Period: "2025-03-10", New: 2, Existing: 2, Active: 4}},
			channels:  []ChannelCustomers{{"whatsapp", 3}, {"instagram", 1}},
			countries: []CountryCustomers{{"DE", 1}, {"ID", 1}, {"US", 1}, {"ZZ", 1}},
		},
		{
			// 00:30 local on 03-11 (23:30Z on 03-10) lands on 03-11.
			name: "message after local midnight belongs to the next local day",
			from: "2025-03-11", to: "2025-03-11", g: calendar.Day,
			mau: 4, active: 2, newC: 0, existing: 2, // month to date: 5, 1, 2, 3
			series:    []CustomerPoint{{Period: "2025-03-11", New: 0, Existing: 2, Active: 2}},
			channels:  []ChannelCustomers{{"instagram", 1}, {"whatsapp", 1}},
			countries: []CountryCustomers{{"DE", 1}, {"ZZ", 1}},
		},
		{
			name: "empty range: zeros and a series of zeros",
			from: "2025-04-01", to: "2025-04-03", g: calendar.Day,
			series: []CustomerPoint{
				{Period: "2025-04-01"}, {Period: "2025-04-02"}, {Period: "2025-04-03"},
			},
			channels: []ChannelCustomers{}, countries: []CountryCustomers{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to := date(tt.from), date(tt.to)
			rep := Customers(MergeRange(days, from, to), MergeRange(days, MonthStart(to), to), Series(days, from, to, tt.g))
			if rep.MonthlyActiveUsers != tt.mau || rep.Active != tt.active || rep.New != tt.newC || rep.Existing != tt.existing {
				t.Errorf("mau/active/new/existing = %d/%d/%d/%d, want %d/%d/%d/%d", rep.MonthlyActiveUsers,
					rep.Active, rep.New, rep.Existing, tt.mau, tt.active, tt.newC, tt.existing)
			}
			if !slices.Equal(rep.Series, tt.series) {
				t.Errorf("series = %+v, want %+v", rep.Series, tt.series)
			}
			if !slices.Equal(rep.Channels, tt.channels) {
				t.Errorf("channels = %+v, want %+v", rep.Channels, tt.channels)
			}
			if !slices.Equal(rep.Countries, tt.countries) {
				t.Errorf("countries = %+v, want %+v", rep.Countries, tt.countries)
			}
		})
	}
}
