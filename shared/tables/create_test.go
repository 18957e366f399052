package tables

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestCreateTableInput(t *testing.T) {
	in := CreateTableInput("inbox")
	if aws.ToString(in.TableName) != "inbox" || in.BillingMode != types.BillingModePayPerRequest {
		t.Fatalf("name %q billing %s", aws.ToString(in.TableName), in.BillingMode)
	}
	if len(in.AttributeDefinitions) != 10 {
		t.Errorf("%d attribute definitions, want 10", len(in.AttributeDefinitions))
	}
	tests := []struct {
		index      int
		name       string
		hash, rang string
		proj       types.ProjectionType
	}{
		{0, "gsi1", "gsi1pk", "gsi1sk", types.ProjectionTypeAll},
		{1, "gsi2", "gsi2pk", "gsi2sk", types.ProjectionTypeKeysOnly},
		{2, "gsi3", "gsi3pk", "gsi3sk", types.ProjectionTypeKeysOnly},
		{3, "gsi4", "gsi4pk", "gsi4sk", types.ProjectionTypeKeysOnly},
	}
	if len(in.GlobalSecondaryIndexes) != len(tests) {
		t.Fatalf("%d GSIs, want %d", len(in.GlobalSecondaryIndexes), len(tests))
	}
	for _, tc := range tests {
		g := in.GlobalSecondaryIndexes[tc.index]
		if aws.ToString(g.IndexName) != tc.name ||
			aws.ToString(g.KeySchema[0].AttributeName) != tc.hash || g.KeySchema[0].KeyType != types.KeyTypeHash ||
			aws.ToString(g.KeySchema[1].AttributeName) != tc.rang || g.KeySchema[1].KeyType != types.KeyTypeRange ||
			g.Projection.ProjectionType != tc.proj {
			t.Errorf("GSI %d = %s %s/%s %s, want %s %s/%s %s", tc.index, aws.ToString(g.IndexName),
				aws.ToString(g.KeySchema[0].AttributeName), aws.ToString(g.KeySchema[1].AttributeName),
				g.Projection.ProjectionType, tc.name, tc.hash, tc.rang, tc.proj)
		}
	}
}

func TestLakePrefixes(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{LakeDatasetPrefix(DatasetAccessLog), "lake/access_log/"},
		{LakePartitionPrefix(DatasetTickets, "w1", "2026-03-01"), "lake/tickets/workspace_id=w1/dt=2026-03-01/"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
