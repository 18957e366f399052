package domain

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// This file turns a Timeline's slices into a canonical set: times in UTC without
// monotonic readings, one record per id. Fold depends only on that set.

// utc returns t in UTC with no monotonic reading, so equal instants are deep-equal.
func utc(t time.Time) time.Time { return t.UTC() }

func normMessage(m Message) Message {
	m.At, m.StatusAt = utc(m.At), utc(m.StatusAt)
	return m
}

func normAssignment(a Assignment) Assignment {
	a.At = utc(a.At)
	return a
}

func normResolve(r Resolve) Resolve {
	r.At = utc(r.At)
	return r
}

func normLabeling(l Labeling) Labeling {
	l.At = utc(l.At)
	l.Labels = slices.Clone(l.Labels)
	return l
}

func normSurvey(s Survey) Survey {
	s.RequestedAt, s.RespondedAt = utc(s.RequestedAt), utc(s.RespondedAt)
	return s
}

// canonicalLess orders two records with the same id by their JSON encoding, a
// total order on their content. Records that cannot be encoded compare equal.
func canonicalLess[T any](a, b T) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return false
	}
	return bytes.Compare(ja, jb) < 0
}

// dedupe keeps one record per id: among records sharing an id, the one no
// other beats by less (the greatest), so the choice never depends on input
// order. norm is applied first; the input slice is not modified.
func dedupe[T any](in []T, norm func(T) T, id func(T) string, less func(a, b T) bool) []T {
	out := make([]T, 0, len(in))
	at := make(map[string]int, len(in))
	for _, r := range in {
		r = norm(r)
		k := id(r)
		if i, seen := at[k]; seen {
			if less(out[i], r) {
				out[i] = r
			}
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	return out
}

// surveyLess prefers, among surveys sharing a CSATID, an answered one, then one
// whose request is known, then the canonical order.
func surveyLess(a, b Survey) bool {
	if a.Responded != b.Responded {
		return !a.Responded
	}
	if a.RequestedAt.IsZero() != b.RequestedAt.IsZero() {
		return a.RequestedAt.IsZero()
	}
	return canonicalLess(a, b)
}

// factRank orders facts that happen at the same instant.
type factRank int

// Fact ranks at equal times, as decided for the fold.
const (
	rankInbound  factRank = 1
	rankAssign   factRank = 2
	rankOutbound factRank = 3
	rankLabel    factRank = 4
	rankSurvey   factRank = 5
	rankResolve  factRank = 6
)

// fact is one session-relevant record of the timeline; idx points into the
// deduplicated slice of its kind.
type fact struct {
	at   time.Time
	rank factRank
	id   string
	idx  int
}

// compareFacts orders facts by (at, rank, id).
func compareFacts(a, b fact) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	if a.rank != b.rank {
		return int(a.rank) - int(b.rank)
	}
	return strings.Compare(a.id, b.id)
}

// foldInput is the canonical record set of a timeline and its ordered facts.
type foldInput struct {
	messages    []Message
	assignments []Assignment
	resolves    []Resolve
	labelings   []Labeling
	surveys     []Survey
	facts       []fact
}

// prepare deduplicates the timeline's records and orders its facts.
func prepare(tl Timeline) foldInput {
	in := foldInput{
		messages: dedupe(tl.Messages, normMessage,
			func(m Message) string { return m.ID }, canonicalLess[Message]),
		assignments: dedupe(tl.Assignments, normAssignment,
			func(a Assignment) string { return a.EventID }, canonicalLess[Assignment]),
		resolves: dedupe(tl.Resolves, normResolve,
			func(r Resolve) string { return r.EventID }, canonicalLess[Resolve]),
		labelings: dedupe(tl.Labelings, normLabeling,
			func(l Labeling) string { return l.EventID }, canonicalLess[Labeling]),
		surveys: dedupe(tl.Surveys, normSurvey,
			func(s Survey) string { return s.CSATID }, surveyLess),
	}
	n := len(in.messages) + len(in.assignments) + len(in.resolves) + len(in.labelings) + len(in.surveys)
	facts := make([]fact, 0, n)
	for i, m := range in.messages {
		r := rankOutbound
		if m.Direction == Inbound {
			r = rankInbound
		}
		facts = append(facts, fact{at: m.At, rank: r, id: m.ID, idx: i})
	}
	for i, a := range in.assignments {
		facts = append(facts, fact{at: a.At, rank: rankAssign, id: a.EventID, idx: i})
	}
	for i, l := range in.labelings {
		facts = append(facts, fact{at: l.At, rank: rankLabel, id: l.EventID, idx: i})
	}
	for i, s := range in.surveys {
		if s.RequestedAt.IsZero() {
			continue // response known, request not: no place in the timeline yet
		}
		facts = append(facts, fact{at: s.RequestedAt, rank: rankSurvey, id: s.CSATID, idx: i})
	}
	for i, r := range in.resolves {
		facts = append(facts, fact{at: r.At, rank: rankResolve, id: r.EventID, idx: i})
	}
	slices.SortFunc(facts, compareFacts)
	in.facts = facts
	return in
}
