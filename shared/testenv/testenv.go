package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/inboxmetrics/inbox-metrics/shared/awsclients"
	"github.com/inboxmetrics/inbox-metrics/shared/localstack"
	"github.com/inboxmetrics/inbox-metrics/shared/tables"
)

// Env is one test's view of the local stack: clients and its own table and bucket.
type Env struct {
	Dynamo         *dynamodb.Client
	S3             *s3.Client
	Table          string
	Bucket         string
	DynamoEndpoint string
	S3Endpoint     string
}

// startTimeout bounds starting the stack, npm ci included.
const startTimeout = 5 * time.Minute

var (
	once     sync.Once
	mu       sync.Mutex
	stack    *localstack.Stack
	startErr error
	counter  atomic.Int64
	runID    = randomHex(3)
)

// Main runs the tests and then stops the shared stack. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the shared stack if it was started. Main calls it.
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	if stack != nil {
		stack.Stop()
	}
}

// sharedStack starts the stack once per test binary.
func sharedStack() (*localstack.Stack, error) {
	once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		st, err := localstack.Start(ctx, localstack.Options{FastTables: true})
		mu.Lock()
		stack, startErr = st, err
		mu.Unlock()
	})
	mu.Lock()
	defer mu.Unlock()
	return stack, startErr
}

// New returns clients for the shared local stack and a fresh table and bucket
// (created with tables.CreateTable and tables.CreateBucket). The table is
// deleted when the test ends. It fails the test if the stack cannot start.
func New(t testing.TB) *Env {
	t.Helper()
	st, err := sharedStack()
	if err != nil {
		t.Fatalf("testenv: the local AWS stack (dynalite + s3rver from infra/node_modules) could not start: %v", err)
	}
	ctx := context.Background()
	dyn, err := awsclients.NewDynamo(ctx, st.DynamoEndpoint)
	if err != nil {
		t.Fatalf("testenv: dynamodb client: %v", err)
	}
	s3c, err := awsclients.NewS3(ctx, st.S3Endpoint)
	if err != nil {
		t.Fatalf("testenv: s3 client: %v", err)
	}
	name := uniqueName(t.Name())
	env := &Env{
		Dynamo: dyn, S3: s3c, Table: name, Bucket: name,
		DynamoEndpoint: st.DynamoEndpoint, S3Endpoint: st.S3Endpoint,
	}
	if err := tables.CreateTable(ctx, dyn, env.Table); err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() {
		_, _ = dyn.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &env.Table})
	})
	if err := tables.CreateBucket(ctx, s3c, env.Bucket); err != nil {
		t.Fatalf("testenv: %v", err)
	}
	return env
}

// uniqueName makes a name valid for both a table and a bucket (lower case,
// digits, hyphens, at most 63 characters), unique in this process and run.
func uniqueName(testName string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(testName) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
				b.WriteByte('-')
			}
		}
	}
	slug := strings.Trim(b.String(), "-")
	if len(slug) > 40 {
		slug = strings.TrimRight(slug[:40], "-")
	}
	return fmt.Sprintf("t-%s-%d-%s", slug, counter.Add(1), runID)
}

// randomHex returns 2n random hex digits.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
