package reports

import "github.com/RoaringBitmap/roaring/v2"

// Merge adds o into s. Merging is exact, commutative and associative: any
// grouping or order of the same days gives the same reports. o is not modified
// and shares no memory with s afterwards. A nil o is a no-op.
func (s *DaySummary) Merge(o *DaySummary) {
	if o == nil {
		return
	}
	s.conversations += o.conversations
	s.newSessions += o.newSessions
	s.returning += o.returning
	s.labeled += o.labeled
	s.botOnly += o.botOnly
	s.handoffs += o.handoffs
	for l, n := range o.labels {
		if s.labels == nil {
			s.labels = map[string]int64{}
		}
		s.labels[l] += n
	}
	for d := range s.heatmap {
		for h := range s.heatmap[d] {
			s.heatmap[d][h] += o.heatmap[d][h]
		}
	}
	s.messagesIn += o.messagesIn
	s.messagesOut += o.messagesOut
	for k, n := range o.outgoing {
		if s.outgoing == nil {
			s.outgoing = map[string]int64{}
		}
		s.outgoing[k] += n
	}
	orInto(&s.active, o.active)
	orInto(&s.firstInbound, o.firstInbound)
	for name, c := range o.channels {
		dst := s.channel(name)
		dst.messagesIn += c.messagesIn
		orInto(&dst.customers, c.customers)
	}
	for k, bm := range o.countries {
		if s.countries == nil {
			s.countries = map[string]*roaring.Bitmap{}
		}
		dst := s.countries[k]
		orInto(&dst, bm)
		s.countries[k] = dst
	}
	s.calls += o.calls
	s.missedCalls += o.missedCalls
	for id, a := range o.agents {
		s.agent(id).merge(a)
	}
	for id, c := range o.csat {
		s.csatOf(id).merge(c)
	}
}

// Clone returns an independent copy of s.
func (s *DaySummary) Clone() *DaySummary {
	c := &DaySummary{}
	c.Merge(s)
	return c
}

// MergeAll returns a new summary merging every given summary (nils skipped).
func MergeAll(sums ...*DaySummary) *DaySummary {
	out := &DaySummary{}
	for _, s := range sums {
		out.Merge(s)
	}
	return out
}

func (a *agentDay) merge(o *agentDay) {
	a.tickets += o.tickets
	a.answered += o.answered
	a.resolved += o.resolved
	a.messagesOut += o.messagesOut
	a.fr.Merge(&o.fr)
	a.frBiz.Merge(&o.frBiz)
	a.res.Merge(&o.res)
	a.resBiz.Merge(&o.resBiz)
	a.wait.Merge(&o.wait)
	a.waitBiz.Merge(&o.waitBiz)
}

func (c *csatDay) merge(o *csatDay) {
	c.sent += o.sent
	c.responded += o.responded
	for i := range c.dist {
		c.dist[i] += o.dist[i]
	}
	c.ratings.Merge(o.ratings)
	c.responseMs.Merge(o.responseMs)
}

// orInto unions src into *dst without sharing memory with src.
func orInto(dst **roaring.Bitmap, src *roaring.Bitmap) {
	if src == nil || src.IsEmpty() {
		return
	}
	if *dst == nil {
		*dst = src.Clone()
		return
	}
	(*dst).Or(src)
}

// card returns the cardinality of a possibly nil bitmap.
func card(bm *roaring.Bitmap) int64 {
	if bm == nil {
		return 0
	}
	return int64(bm.GetCardinality())
}

// IsEmpty reports whether the summary holds no fact at all.
func (s *DaySummary) IsEmpty() bool {
	b, err := s.MarshalBinary()
	return err == nil && string(b) == `{"v":1}`
}
