package httpapi

import (
	"errors"
	"net/url"
	"strings"

	"github.com/inboxmetrics/inbox-metrics/shared/reports"
)

// ParamError is a rejected query parameter; it answers 400 naming the parameter.
// It is the reports package's type, so every route reports bad parameters alike.
type ParamError = reports.ParamError

// ParamProblem renders err as a 400 when it is a *ParamError; ok=false otherwise.
func ParamProblem(err error) (Response, bool) {
	var pe *ParamError
	if errors.As(err, &pe) {
		return BadParam(pe.Param, pe.Detail), true
	}
	return Response{}, false
}

// ParseList reads a comma-separated parameter, trimming and dropping empty items
// and duplicates. It returns nil when the parameter is absent or empty.
func ParseList(q url.Values, name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
