// Package localserver plays Amazon API Gateway (HTTP API, payload format 2.0) on
// a developer machine: it turns net/http requests into Lambda events for the same
// handler the Lambdas register, verifies HS256 bearer tokens in place of the JWT
// authorizer, and adds the /_local endpoints (config and on-demand jobs).
package localserver
