package httpapi

import (
	"encoding/json"
	"net/http"
)

// Problem is an RFC 9457 problem detail, with the extension members this API uses.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	// InvalidParam names the query/path/body parameter that was rejected.
	InvalidParam string `json:"invalid_param,omitempty"`
	// EventIndex is the index of the rejected webhook event.
	EventIndex *int `json:"event_index,omitempty"`
	// Field is the rejected field of that event.
	Field string `json:"field,omitempty"`
}

// Response renders the problem as an application/problem+json response.
func (p Problem) Response() Response {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	b, err := json.Marshal(p)
	if err != nil { // cannot happen: only strings and ints
		b = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"internal error"}`)
		p.Status = http.StatusInternalServerError
	}
	return Response{
		Status:  p.Status,
		Headers: map[string]string{"content-type": "application/problem+json"},
		Body:    b,
	}
}

// Error answers a problem with the given status and detail.
func Error(status int, detail string) Response {
	return Problem{Status: status, Detail: detail}.Response()
}

// BadParam answers 400 naming the rejected parameter.
func BadParam(param, detail string) Response {
	return Problem{Status: http.StatusBadRequest, Detail: detail, InvalidParam: param}.Response()
}

// Internal answers a 500 that reveals nothing about its cause.
func Internal() Response {
	return Error(http.StatusInternalServerError, "internal error; the request can be retried")
}
