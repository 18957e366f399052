package store

import (
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/calendar"
	"github.com/inboxmetrics/inbox-metrics/shared/domain"
	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// SessionRecord is what a derived session item holds.
type SessionRecord struct {
	Session    domain.Session `json:"session"`
	CustomerNo int64          `json:"customer_no"`
	Country    string         `json:"country"`
}

// SurveyFact is a survey with the ticket it belongs to and the agent it is
// attributed to (the survey's agent, else the ticket's agent at request time).
type SurveyFact struct {
	Survey       domain.Survey `json:"survey"`
	TicketID     string        `json:"ticket_id,omitempty"`
	AgentID      string        `json:"agent_id,omitempty"`
	CustomerName string        `json:"customer_name,omitempty"`
	CustomerNo   int64         `json:"customer_no"`
}

// deriveItems turns a fold result into the items the customer partition should hold.
func deriveItems(ws string, cal *calendar.Calendar, customer string, no int64, res domain.FoldResult, tl domain.Timeline) ([]derivedItem, error) {
	var out []derivedItem
	country := reports.CountryOfCustomer(res.Phone, customer)
	for _, sess := range res.Sessions {
		it, err := sessionItem(ws, cal, no, country, sess)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	for _, f := range surveyFacts(res, tl, no) {
		it, err := surveyItem(ws, cal, f)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

func sessionItem(ws string, cal *calendar.Calendar, no int64, country string, sess domain.Session) (derivedItem, error) {
	rec := SessionRecord{Session: sess, CustomerNo: no, Country: country}
	body, err := jsonAttr(rec)
	if err != nil {
		return derivedItem{}, err
	}
	a := map[string]types.AttributeValue{
		attrData:   body,
		attrGSI2PK: str(idxSessions(ws)),
		attrGSI2SK: str(timeSK(sess.OpenedAt, sess.ID)),
	}
	if t := sess.Ticket; t != nil {
		a["st"] = str(t.Status)
		a["ag"] = str(t.AgentID)
		a["cn"] = str(strings.ToLower(t.CustomerName))
		a[attrGSI1PK] = str(idxTickets(ws))
		a[attrGSI1SK] = str(timeSK(t.OpenedAt, sess.ID))
		if t.FirstResponseAt != nil {
			a[attrGSI3PK] = str(idxFirstResp(ws))
			a[attrGSI3SK] = str(timeSK(*t.FirstResponseAt, sess.ID))
		}
		if t.ResolvedAt != nil {
			a[attrGSI4PK] = str(idxResolved(ws))
			a[attrGSI4SK] = str(timeSK(*t.ResolvedAt, sess.ID))
		} else {
			a[attrGSI4PK] = str(idxUnresolved(ws))
			a[attrGSI4SK] = str(t.Status + "#" + timeSK(t.OpenedAt, sess.ID))
		}
	}
	days := []time.Time{sess.OpenedAt}
	if t := sess.Ticket; t != nil {
		days = append(days, t.OpenedAt)
		if t.FirstResponseAt != nil {
			days = append(days, *t.FirstResponseAt)
		}
		if t.ResolvedAt != nil {
			days = append(days, *t.ResolvedAt)
		}
	}
	h, err := hashOf(rec, ws)
	if err != nil {
		return derivedItem{}, err
	}
	return derivedItem{sk: prefixSession + sess.ID, hash: withDays(h, cal, days), attrs: a}, nil
}

func surveyItem(ws string, cal *calendar.Calendar, f SurveyFact) (derivedItem, error) {
	body, err := jsonAttr(f)
	if err != nil {
		return derivedItem{}, err
	}
	a := map[string]types.AttributeValue{
		attrData:   body,
		attrGSI1PK: str(idxSurveyReq(ws)),
		attrGSI1SK: str(timeSK(f.Survey.RequestedAt, f.Survey.CSATID)),
	}
	if f.Survey.Responded {
		a[attrGSI2PK] = str(idxSurveyResp(ws))
		a[attrGSI2SK] = str(timeSK(f.Survey.RespondedAt, f.Survey.CSATID))
	}
	days := []time.Time{f.Survey.RequestedAt}
	if f.Survey.Responded {
		days = append(days, f.Survey.RespondedAt)
	}
	h, err := hashOf(f, ws)
	if err != nil {
		return derivedItem{}, err
	}
	return derivedItem{sk: prefixSurveyF + f.Survey.CSATID, hash: withDays(h, cal, days), attrs: a}, nil
}

// surveyFacts attaches every requested survey to the latest session opened at
// or before its request (the fold's rule) and attributes it to an agent.
func surveyFacts(res domain.FoldResult, tl domain.Timeline, no int64) []SurveyFact {
	var out []SurveyFact
	seen := map[string]bool{}
	for _, sv := range tl.Surveys {
		if sv.RequestedAt.IsZero() || seen[sv.CSATID] {
			continue
		}
		seen[sv.CSATID] = true
		f := SurveyFact{Survey: sv, AgentID: sv.AgentID, CustomerName: res.CustomerName, CustomerNo: no}
		if sess := sessionAt(res.Sessions, sv.RequestedAt); sess != nil && sess.Ticket != nil {
			f.TicketID = sess.Ticket.ID
			if f.AgentID == "" {
				f.AgentID = agentAt(sess.Ticket, sv)
			}
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Survey.CSATID < out[j].Survey.CSATID })
	return out
}

// sessionAt is the latest session opened at or before t.
func sessionAt(sessions []domain.Session, t time.Time) *domain.Session {
	var found *domain.Session
	for i := range sessions {
		if !sessions[i].OpenedAt.After(t) {
			found = &sessions[i]
		}
	}
	return found
}

// agentAt is the ticket's agent when the survey was requested: the latest
// assignment at or before it, else the opening agent.
func agentAt(t *domain.Ticket, sv domain.Survey) string {
	agent := t.OpeningAgentID
	for _, a := range t.Assignments {
		if !a.At.After(sv.RequestedAt) {
			agent = a.AgentID
		}
	}
	return agent
}
