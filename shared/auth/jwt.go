package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

type tokenClaims struct {
	WorkspaceID string `json:"workspace_id,omitempty"`
	Role        string `json:"role"`
	jwt.RegisteredClaims
}

// MintHS256 signs an HS256 JWT carrying the claims, issued now and expiring after ttl.
func MintHS256(secret string, claims Claims, ttl time.Duration) (string, error) {
	if secret == "" {
		return "", errors.New("mint jwt: empty secret")
	}
	if ttl <= 0 {
		return "", errors.New("mint jwt: ttl must be positive")
	}
	now := time.Now()
	tc := tokenClaims{
		WorkspaceID: claims.WorkspaceID,
		Role:        string(claims.Role),
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   claims.Sub,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, tc).SignedString([]byte(secret))
	if err != nil {
		return "", fmt.Errorf("mint jwt: %w", err)
	}
	return s, nil
}

// VerifyHS256 checks an HS256 JWT (algorithm pinned, exp required and in the
// future) and returns its claims, validated like FromMap.
func VerifyHS256(secret, token string) (Claims, error) {
	if secret == "" {
		return Claims{}, errors.New("verify jwt: empty secret")
	}
	var tc tokenClaims
	_, err := jwt.ParseWithClaims(token, &tc, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return Claims{}, fmt.Errorf("verify jwt: %w", err)
	}
	c, err := FromMap(map[string]string{"sub": tc.Subject, "workspace_id": tc.WorkspaceID, "role": tc.Role})
	if err != nil {
		return Claims{}, fmt.Errorf("verify jwt: %w", err)
	}
	return c, nil
}
