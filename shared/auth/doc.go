// Package auth reads the caller's identity from API Gateway v2 JWT claims, decides
// which agents a caller may see, and mints/verifies the HS256 tokens that the local
// server accepts in place of the AWS JWT authorizer.
package auth
