package domain

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// typicalTimeline is a customer with `sessions` ordinary support sessions of
// 10 facts each (40 facts for 4): the customer writes, a bot answers, the chat is
// handed to an agent who replies, labels, resolves and sends a survey; every
// other session is answered by a second agent after a reassignment.
func typicalTimeline(sessions int) Timeline {
	tl := Timeline{
		CustomerID: cust,
		Profile:    &CustomerProfile{EventID: "p1", Name: "Budi Santoso", Phone: "+6281234567890", Channel: "whatsapp", At: t0},
	}
	for s := range sessions {
		base := time.Duration(s) * 3 * 24 * time.Hour
		id := func(p string) string { return fmt.Sprintf("%s%d", p, s) }
		agent := "A"
		tl.Messages = append(tl.Messages,
			inMsg(id("mi1-"), base),
			outMsg(id("mb-"), base+2*time.Second, SenderBot, ""),
			inMsg(id("mi2-"), base+40*time.Second+250*time.Millisecond),
		)
		tl.Assignments = append(tl.Assignments, asg(id("a-"), "A", base+3*time.Minute))
		if s%2 == 1 {
			agent = "B"
			tl.Assignments = append(tl.Assignments, asg(id("ab-"), "B", base+5*time.Minute))
		} else {
			tl.Messages = append(tl.Messages, inMsg(id("mi3-"), base+4*time.Minute))
		}
		tl.Messages = append(tl.Messages,
			outMsg(id("mr1-"), base+7*time.Minute+125*time.Millisecond, SenderAgent, agent),
			outMsg(id("mr2-"), base+9*time.Minute, SenderAgent, agent),
		)
		tl.Labelings = append(tl.Labelings, lbl(id("l-"), base+10*time.Minute, "billing", fmt.Sprintf("s%d", s)))
		tl.Resolves = append(tl.Resolves, Resolve{EventID: id("z-"), Category: "billing", At: at(base + 12*time.Minute)})
		tl.Surveys = append(tl.Surveys, srv(id("csat-"), base+12*time.Minute+time.Second, 1+s%5))
	}
	return tl
}

func TestFoldGolden(t *testing.T) {
	tests := []struct {
		name string
		tl   Timeline
	}{
		{"typical_4_sessions", typicalTimeline(4)},
		{"random_seed_7", genTimeline(newRand(7), "628000000007", 40)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.MarshalIndent(Fold(tc.tl), "", "  ")
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "fold_"+tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatalf("write golden: %v", err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if string(got) != string(want) {
				t.Errorf("Fold differs from %s (run with -update after checking the change):\n%s", path, got)
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	tl := typicalTimeline(4) // 40 facts
	b.ReportAllocs()
	for b.Loop() {
		Fold(tl)
	}
}
