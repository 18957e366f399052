package exports

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"
	"time"

	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

func TestCSVCells(t *testing.T) {
	at := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	atMs := at.Add(1500 * time.Millisecond)
	sec := 180.5
	rating := int64(4)
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"ticket with nulls", TicketRow{
			TicketID: "t1", CustomerID: "c1", Status: "open", OpenedAt: at, Labels: nil,
		}.CSVRecord(), []string{
			"t1", "c1", "", "", "", "", "open", "2026-11-02T02:00:00Z", "", "", "", "", "",
			"", "", "", "0", "0", "[]", "", "", "",
		}},
		{"ticket with values", TicketRow{
			TicketID: "t2", CustomerID: "c2", Status: "answered", OpenedAt: at, FirstResponseAt: &atMs,
			FirstResponseSeconds: &sec, MessagesIn: 3, Labels: []string{"vip", `a "b", c`}, CSATRating: &rating,
		}.CSVRecord(), []string{
			"t2", "c2", "", "", "", "", "answered", "2026-11-02T02:00:00Z", "", "2026-11-02T02:00:01.5Z", "", "", "",
			"180.5", "", "", "3", "0", `["vip","a \"b\", c"]`, "4", "", "",
		}},
		{"zone converted to UTC", AccessRow{
			At: at.In(time.FixedZone("WIB", 7*3600)), AgentID: "a", Activity: "login",
		}.CSVRecord(), []string{"2026-11-02T02:00:00Z", "a", "", "", "login", "", "", ""}},
		{"unanswered survey", CSATRow{CSATID: "s", CustomerID: "c", RequestedAt: at}.CSVRecord(),
			[]string{"s", "", "c", "", "", "", "2026-11-02T02:00:00Z", "", "", ""}},
	}
	for _, tc := range tests {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestCSVRoundTrip writes awkward texts and reads them back with encoding/csv.
func TestCSVRoundTrip(t *testing.T) {
	texts := []string{"plain", `comma, and "quotes"`, "new\nline", "crlf\r\nline", "ñandú 😟", ""}
	var buf bytes.Buffer
	enc, err := NewEncoder[MessageRow](&buf, FormatCSV, Columns(tables.DatasetMessages))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
	for i, text := range texts {
		if err := enc.Write(MessageRow{MessageID: string(rune('a' + i)), At: at, Direction: "inbound", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(texts)+1 || !reflect.DeepEqual(recs[0], Columns(tables.DatasetMessages)) {
		t.Fatalf("%d records, header %q", len(recs), recs[0])
	}
	for i, text := range texts {
		got := recs[i+1][9]
		// encoding/csv turns \r\n inside a quoted field into \n when reading.
		if want := bytes.ReplaceAll([]byte(text), []byte("\r\n"), []byte("\n")); got != string(want) {
			t.Errorf("text %d = %q, want %q", i, got, want)
		}
	}
}
