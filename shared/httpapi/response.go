package httpapi

import (
	"encoding/json"
	"net/http"
)

// Response is what a route answers; the handler turns it into the gateway response.
type Response struct {
	Status  int
	Headers map[string]string
	Body    []byte
	// Binary sends Body base64-encoded (IsBase64Encoded) to the gateway.
	Binary bool
}

// JSON answers v as application/json with the given status.
func JSON(status int, v any) Response {
	b, err := json.Marshal(v)
	if err != nil {
		return Internal()
	}
	return Response{Status: status, Headers: map[string]string{"content-type": "application/json"}, Body: b}
}

// Text answers a text/plain body.
func Text(status int, s string) Response {
	return Response{Status: status, Headers: map[string]string{"content-type": "text/plain; charset=utf-8"}, Body: []byte(s)}
}

// Redirect answers 302 to location.
func Redirect(location string) Response {
	return Response{Status: http.StatusFound, Headers: map[string]string{"location": location}}
}
