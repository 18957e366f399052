// Package webhook turns raw ingest request bodies into validated domain records.
//
// It is pure: no I/O, no clock of its own (callers pass "now"), no logging of
// secrets or bodies. It covers the three sources of CONTRACT section 2:
//
//   - WhatsApp Cloud API webhooks (ParseWhatsApp, VerifyWhatsAppSignature, VerifyToken),
//   - helpdesk events (ParseEvents, VerifyEventsSignature, SignEvents),
//   - Chatwoot webhooks as an optional adapter (ParseChatwoot).
//
// Every parser is all-or-nothing: it returns either all records of a request
// or a typed error (*ValidationError, ErrNotJSON, ErrWrongObject) and no records.
package webhook
