package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/inboxmetrics/inbox-metrics/shared/stats"
)

// codecVersion is the version of the DaySummary binary envelope.
const codecVersion = 1

// wireSummary is the JSON envelope of a DaySummary. Bitmaps and accumulators
// use their own binary encodings; empty parts are omitted. encoding/json sorts
// map keys, so equal summaries built the same way encode to equal bytes.
type wireSummary struct {
	V             int                  `json:"v"`
	Conversations int64                `json:"conv,omitempty"`
	New           int64                `json:"new,omitempty"`
	Returning     int64                `json:"ret,omitempty"`
	Labeled       int64                `json:"labeled,omitempty"`
	BotOnly       int64                `json:"bot_only,omitempty"`
	Handoffs      int64                `json:"handoffs,omitempty"`
	Labels        map[string]int64     `json:"labels,omitempty"`
	Heatmap       map[int]int64        `json:"heat,omitempty"` // weekday*24+hour → sessions (non-zero cells only)
	MessagesIn    int64                `json:"in,omitempty"`
	MessagesOut   int64                `json:"out,omitempty"`
	Outgoing      map[string]int64     `json:"outgoing,omitempty"`
	Active        []byte               `json:"active,omitempty"`
	FirstInbound  []byte               `json:"first_in,omitempty"`
	Channels      map[string]wireChan  `json:"channels,omitempty"`
	Countries     map[string][]byte    `json:"countries,omitempty"`
	Calls         int64                `json:"calls,omitempty"`
	MissedCalls   int64                `json:"missed,omitempty"`
	Agents        map[string]wireAgent `json:"agents,omitempty"`
	CSAT          map[string]wireCSAT  `json:"csat,omitempty"`
}

type wireChan struct {
	MessagesIn int64  `json:"in,omitempty"`
	Customers  []byte `json:"customers,omitempty"`
}

type wireAgent struct {
	Tickets     int64  `json:"tickets,omitempty"`
	Answered    int64  `json:"answered,omitempty"`
	Resolved    int64  `json:"resolved,omitempty"`
	MessagesOut int64  `json:"out,omitempty"`
	FR          []byte `json:"fr,omitempty"`
	FRBiz       []byte `json:"fr_biz,omitempty"`
	Res         []byte `json:"res,omitempty"`
	ResBiz      []byte `json:"res_biz,omitempty"`
	Wait        []byte `json:"wait,omitempty"`
	WaitBiz     []byte `json:"wait_biz,omitempty"`
	// BizSame has bit i set when business-hours population i (fr, res, wait) equals
	// its wall-clock one and was left out (always, for workspaces without hours).
	BizSame uint8 `json:"biz_same,omitempty"`
}

type wireCSAT struct {
	Sent       int64      `json:"sent,omitempty"`
	Responded  int64      `json:"responded,omitempty"`
	Dist       [5]int64   `json:"dist"`
	Ratings    stats.Mean `json:"ratings"`
	ResponseMs stats.Mean `json:"response_ms"`
}

// MarshalBinary encodes the summary as a compact, versioned JSON envelope.
func (s *DaySummary) MarshalBinary() ([]byte, error) {
	w := wireSummary{
		V: codecVersion, Conversations: s.conversations, New: s.newSessions, Returning: s.returning,
		Labeled: s.labeled, BotOnly: s.botOnly, Handoffs: s.handoffs, Labels: s.labels,
		MessagesIn: s.messagesIn, MessagesOut: s.messagesOut, Outgoing: s.outgoing,
		Calls: s.calls, MissedCalls: s.missedCalls,
	}
	for d := range s.heatmap {
		for h, n := range s.heatmap[d] {
			if n != 0 {
				if w.Heatmap == nil {
					w.Heatmap = map[int]int64{}
				}
				w.Heatmap[d*24+h] = n
			}
		}
	}
	var err error
	if w.Active, err = bitmapBytes(s.active); err != nil {
		return nil, err
	}
	if w.FirstInbound, err = bitmapBytes(s.firstInbound); err != nil {
		return nil, err
	}
	for name, c := range s.channels {
		b, err := bitmapBytes(c.customers)
		if err != nil {
			return nil, err
		}
		if w.Channels == nil {
			w.Channels = map[string]wireChan{}
		}
		w.Channels[name] = wireChan{MessagesIn: c.messagesIn, Customers: b}
	}
	for k, bm := range s.countries {
		b, err := bitmapBytes(bm)
		if err != nil {
			return nil, err
		}
		if w.Countries == nil {
			w.Countries = map[string][]byte{}
		}
		w.Countries[k] = b
	}
	for id, a := range s.agents {
		wa := wireAgent{Tickets: a.tickets, Answered: a.answered, Resolved: a.resolved, MessagesOut: a.messagesOut}
		for i, p := range []struct {
			dst, dstBiz *[]byte
			acc, biz    *stats.Accumulator
		}{{&wa.FR, &wa.FRBiz, &a.fr, &a.frBiz}, {&wa.Res, &wa.ResBiz, &a.res, &a.resBiz}, {&wa.Wait, &wa.WaitBiz, &a.wait, &a.waitBiz}} {
			if *p.dst, err = accBytes(p.acc); err != nil {
				return nil, fmt.Errorf("encode agent %q durations: %w", id, err)
			}
			if *p.dstBiz, err = accBytes(p.biz); err != nil {
				return nil, fmt.Errorf("encode agent %q durations: %w", id, err)
			}
			if len(*p.dst) > 0 && bytes.Equal(*p.dst, *p.dstBiz) {
				*p.dstBiz, wa.BizSame = nil, wa.BizSame|1<<i
			}
		}
		if w.Agents == nil {
			w.Agents = map[string]wireAgent{}
		}
		w.Agents[id] = wa
	}
	for id, c := range s.csat {
		if w.CSAT == nil {
			w.CSAT = map[string]wireCSAT{}
		}
		w.CSAT[id] = wireCSAT{Sent: c.sent, Responded: c.responded, Dist: c.dist, Ratings: c.ratings, ResponseMs: c.responseMs}
	}
	b, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("encode day summary: %w", err)
	}
	return b, nil
}

// UnmarshalBinary decodes a summary written by MarshalBinary, replacing s. The
// duration sketches are decoded lazily, when a report first needs a percentile.
func (s *DaySummary) UnmarshalBinary(data []byte) error {
	var w wireSummary
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("decode day summary: %w", err)
	}
	if w.V != codecVersion {
		return fmt.Errorf("decode day summary: unsupported version %d", w.V)
	}
	n := DaySummary{
		conversations: w.Conversations, newSessions: w.New, returning: w.Returning, labeled: w.Labeled,
		botOnly: w.BotOnly, handoffs: w.Handoffs, labels: w.Labels,
		messagesIn: w.MessagesIn, messagesOut: w.MessagesOut, outgoing: w.Outgoing,
		calls: w.Calls, missedCalls: w.MissedCalls,
	}
	for cell, v := range w.Heatmap {
		if cell < 0 || cell >= 7*24 {
			return fmt.Errorf("decode day summary: heatmap cell %d out of range", cell)
		}
		n.heatmap[cell/24][cell%24] = v
	}
	var err error
	if n.active, err = bitmapFrom(w.Active); err != nil {
		return err
	}
	if n.firstInbound, err = bitmapFrom(w.FirstInbound); err != nil {
		return err
	}
	for name, c := range w.Channels {
		bm, err := bitmapFrom(c.Customers)
		if err != nil {
			return err
		}
		n.channel(name).messagesIn = c.MessagesIn
		n.channels[name].customers = bm
	}
	for k, b := range w.Countries {
		bm, err := bitmapFrom(b)
		if err != nil {
			return err
		}
		if n.countries == nil {
			n.countries = map[string]*roaring.Bitmap{}
		}
		n.countries[k] = bm
	}
	for id, wa := range w.Agents {
		a := n.agent(id)
		a.tickets, a.answered, a.resolved, a.messagesOut = wa.Tickets, wa.Answered, wa.Resolved, wa.MessagesOut
		for i, p := range []struct {
			src, srcBiz []byte
			acc, biz    *stats.Accumulator
		}{{wa.FR, wa.FRBiz, &a.fr, &a.frBiz}, {wa.Res, wa.ResBiz, &a.res, &a.resBiz}, {wa.Wait, wa.WaitBiz, &a.wait, &a.waitBiz}} {
			if wa.BizSame&(1<<i) != 0 {
				p.srcBiz = p.src
			}
			for _, q := range []struct {
				src []byte
				acc *stats.Accumulator
			}{{p.src, p.acc}, {p.srcBiz, p.biz}} {
				if len(q.src) == 0 {
					continue
				}
				if err := q.acc.UnmarshalBinaryLazy(q.src); err != nil {
					return fmt.Errorf("decode agent %q durations: %w", id, err)
				}
			}
		}
	}
	for id, wc := range w.CSAT {
		c := n.csatOf(id)
		c.sent, c.responded, c.dist, c.ratings, c.responseMs = wc.Sent, wc.Responded, wc.Dist, wc.Ratings, wc.ResponseMs
	}
	*s = n
	return nil
}

func accBytes(a *stats.Accumulator) ([]byte, error) {
	if a.Count() == 0 {
		return nil, nil
	}
	return a.MarshalBinary()
}

func bitmapBytes(bm *roaring.Bitmap) ([]byte, error) {
	if bm == nil || bm.IsEmpty() {
		return nil, nil
	}
	c := bm.Clone()
	c.RunOptimize()
	b, err := c.ToBytes()
	if err != nil {
		return nil, fmt.Errorf("encode bitmap: %w", err)
	}
	return b, nil
}

func bitmapFrom(b []byte) (*roaring.Bitmap, error) {
	if len(b) == 0 {
		return nil, nil
	}
	bm := roaring.New()
	if err := bm.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("decode bitmap: %w", err)
	}
	return bm, nil
}

// decodeDurations decodes every lazily decoded duration sketch of s, on every
// core, before a report merges them per agent and over all agents (merging
// pending encodings twice would decode them twice). A sketch that fails to
// decode keeps its exact count and mean; its percentiles read as unknown.
func (s *DaySummary) decodeDurations() {
	var accs []*stats.Accumulator
	for _, a := range s.agents {
		accs = append(accs, &a.fr, &a.frBiz, &a.res, &a.resBiz, &a.wait, &a.waitBiz)
	}
	next := make(chan *stats.Accumulator)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				_ = a.Decode()
			}
		}()
	}
	for _, a := range accs {
		next <- a
	}
	close(next)
	wg.Wait()
}
