package domain

import "errors"

// ErrNotFound is returned by stores when a workspace, ticket or other item does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadCursor is returned by stores when a pagination cursor cannot be decoded or
// does not belong to the query it is used with.
var ErrBadCursor = errors.New("bad cursor")
