package auth

import (
	"slices"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Visible says which agents' data the caller may see: admin sees everything
// (all=true); a supervisor sees itself and the agents whose supervisor_id is it;
// an agent sees itself; anyone else sees nothing. ids is sorted and deduplicated.
func Visible(caller Claims, agents []domain.Agent) (all bool, ids []string) {
	switch caller.Role {
	case domain.RoleAdmin:
		return true, nil
	case domain.RoleSupervisor:
		ids = []string{caller.Sub}
		for _, a := range agents {
			if a.SupervisorID == caller.Sub && a.ID != "" {
				ids = append(ids, a.ID)
			}
		}
	case domain.RoleAgent:
		ids = []string{caller.Sub}
	default:
		return false, []string{}
	}
	slices.Sort(ids)
	return false, slices.Compact(ids)
}

// CanSee reports whether agentID is within a Visible result.
func CanSee(all bool, ids []string, agentID string) bool {
	if all {
		return true
	}
	_, found := slices.BinarySearch(ids, agentID)
	return found
}

// Restrict intersects the visible set with the agents a caller asked for
// (requested nil = no filter). The result is nil only when everything is visible
// and nothing was requested; otherwise it is a sorted, possibly empty, list.
func Restrict(all bool, ids []string, requested []string) []string {
	if requested == nil {
		if all {
			return nil
		}
		return slices.Clone(ids)
	}
	out := []string{}
	for _, r := range requested {
		if CanSee(all, ids, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
