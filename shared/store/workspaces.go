package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/inboxmetrics/inbox-metrics/shared/domain"
)

// Store is the DynamoDB adapter. It is safe for concurrent use.
type Store struct {
	db    DB
	table string
	now   func() time.Time
}

// New returns a Store over db and the named table.
func New(db DB, table string) *Store {
	return &Store{db: db, table: table, now: time.Now}
}

// WithClock returns a copy of the store that reads the time from now (which
// decides the workspace's "today": days before it count as ended).
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = now
	return &c
}

type workspaceItem struct {
	Workspace domain.Workspace        `json:"workspace"`
	Secrets   domain.WorkspaceSecrets `json:"secrets"`
}

// PutWorkspace creates or updates a workspace's settings. secrets is non-nil only
// when the workspace was created by this call.
func (s *Store) PutWorkspace(ctx context.Context, ws domain.Workspace) (domain.Workspace, *domain.WorkspaceSecrets, error) {
	now := s.now().UTC().Truncate(time.Millisecond)
	existing, err := s.getWorkspaceItem(ctx, ws.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		sec, err := newSecrets()
		if err != nil {
			return domain.Workspace{}, nil, err
		}
		ws.CreatedAt, ws.UpdatedAt = now, now
		item := workspaceItem{Workspace: ws, Secrets: sec}
		if err := s.putWorkspaceItem(ctx, item, true); err != nil {
			var ccf *types.ConditionalCheckFailedException
			if errors.As(err, &ccf) { // created concurrently: update it instead
				return s.PutWorkspace(ctx, ws)
			}
			return domain.Workspace{}, nil, err
		}
		return ws, &sec, nil
	case err != nil:
		return domain.Workspace{}, nil, err
	}
	ws.CreatedAt, ws.UpdatedAt = existing.Workspace.CreatedAt, now
	existing.Workspace = ws
	if err := s.putWorkspaceItem(ctx, existing, false); err != nil {
		return domain.Workspace{}, nil, err
	}
	return ws, nil, nil
}

// GetWorkspace returns a workspace's settings, or domain.ErrNotFound.
func (s *Store) GetWorkspace(ctx context.Context, id string) (domain.Workspace, error) {
	item, err := s.getWorkspaceItem(ctx, id)
	return item.Workspace, err
}

// GetSecrets returns a workspace's webhook secrets, or domain.ErrNotFound.
func (s *Store) GetSecrets(ctx context.Context, id string) (domain.WorkspaceSecrets, error) {
	item, err := s.getWorkspaceItem(ctx, id)
	return item.Secrets, err
}

// ListWorkspaces returns every workspace (for the scheduled jobs).
func (s *Store) ListWorkspaces(ctx context.Context) ([]domain.Workspace, error) {
	var out []domain.Workspace
	err := s.queryAll(ctx, &dynamodb.QueryInput{
		IndexName:              aws.String(indexGSI1),
		KeyConditionExpression: aws.String("gsi1pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":p": str("WORKSPACES"),
		},
	}, func(item map[string]types.AttributeValue) error {
		var wi workspaceItem
		if err := decodeData(item, &wi); err != nil {
			return err
		}
		out = append(out, wi.Workspace)
		return nil
	})
	return out, err
}

func (s *Store) getWorkspaceItem(ctx context.Context, id string) (workspaceItem, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      &s.table,
		Key:            key(workspacePK(id), "META"),
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return workspaceItem{}, fmt.Errorf("get workspace %q: %w", id, err)
	}
	if out.Item == nil {
		return workspaceItem{}, domain.ErrNotFound
	}
	var wi workspaceItem
	if err := decodeData(out.Item, &wi); err != nil {
		return workspaceItem{}, fmt.Errorf("decode workspace %q: %w", id, err)
	}
	return wi, nil
}

func (s *Store) putWorkspaceItem(ctx context.Context, wi workspaceItem, create bool) error {
	b, err := json.Marshal(wi)
	if err != nil {
		return fmt.Errorf("encode workspace: %w", err)
	}
	item := key(workspacePK(wi.Workspace.ID), "META")
	item[attrData] = str(string(b))
	item[attrGSI1PK] = str("WORKSPACES")
	item[attrGSI1SK] = str(wi.Workspace.ID)
	in := &dynamodb.PutItemInput{TableName: &s.table, Item: item}
	if create {
		in.ConditionExpression = aws.String("attribute_not_exists(pk)")
	}
	if _, err := s.db.PutItem(ctx, in); err != nil {
		return fmt.Errorf("put workspace %q: %w", wi.Workspace.ID, err)
	}
	return nil
}

func newSecrets() (domain.WorkspaceSecrets, error) {
	gen := func(n int) (string, error) {
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("generate secret: %w", err)
		}
		return hex.EncodeToString(b), nil
	}
	var sec domain.WorkspaceSecrets
	var err error
	if sec.EventsSecret, err = gen(32); err != nil {
		return sec, err
	}
	if sec.WhatsAppAppSecret, err = gen(32); err != nil {
		return sec, err
	}
	sec.WhatsAppVerifyToken, err = gen(16)
	return sec, err
}
