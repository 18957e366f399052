// Package openapi embeds the OpenAPI 3.0 document of the whole HTTP API
// (openapi.yaml; docs/openapi.yaml is a copy that a test keeps identical) and
// validates real handler responses against it.
package openapi

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/aws/aws-lambda-go/events"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// YAML is the OpenAPI document.
//
//go:embed openapi.yaml
var YAML []byte

// Load parses and validates the document.
func Load() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(YAML)
	if err != nil {
		return nil, fmt.Errorf("load openapi document: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validate openapi document: %w", err)
	}
	return doc, nil
}

// Validator checks gateway responses against the document.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
}

// NewValidator loads the document and builds its router.
func NewValidator() (*Validator, error) {
	doc, err := Load()
	if err != nil {
		return nil, err
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("openapi router: %w", err)
	}
	return &Validator{doc: doc, router: router}, nil
}

// Doc returns the loaded document.
func (v *Validator) Doc() *openapi3.T { return v.doc }

// ValidateResponse checks that resp is a documented answer of the operation req
// addresses: a documented status, its content type and its body schema.
func (v *Validator) ValidateResponse(ctx context.Context, req events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) error {
	path := req.RawPath
	if path == "" {
		path = req.RequestContext.HTTP.Path
	}
	u := &url.URL{Path: path, RawQuery: req.RawQueryString}
	hreq, err := http.NewRequestWithContext(ctx, req.RequestContext.HTTP.Method, u.String(), nil)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	route, params, err := v.router.FindRoute(hreq)
	if err != nil {
		return fmt.Errorf("%s %s is not documented: %w", hreq.Method, path, err)
	}
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		if body, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			return fmt.Errorf("decode response body: %w", err)
		}
	}
	header := http.Header{}
	for k, val := range resp.Headers {
		header.Set(k, val)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: hreq, PathParams: params, Route: route},
		Status:                 resp.StatusCode,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
		return fmt.Errorf("%s %s → %d: %w", hreq.Method, path, resp.StatusCode, err)
	}
	return nil
}
